import { ErrorCode, TakeawaysError } from '../errors.js';

/** Where an option's suggestions come from (Discord autocomplete, Slack usage hints, console help). */
export type SuggestionSource = 'speakers' | 'events' | 'pillars';

export interface CommandOption {
  name: string;
  description: string;
  type: 'string';
  required: boolean;
  suggestions?: SuggestionSource;
}

export interface CommandDeclaration {
  name: string;
  description: string;
  /** At most one option: every command reads the rest of the line as its argument. */
  options: readonly CommandOption[];
  /** A lookup answers privately on chat platforms and offers "Share in channel". */
  lookup: boolean;
  /** Also registered as its own slash command on Slack (`/speakers` besides `/takeaways speakers`). */
  ownSlashCommand: boolean;
}

/** Every command the bot knows, declared once; platforms derive registration and help from this list. */
export const commandDeclarations: readonly CommandDeclaration[] = [
  {
    name: 'help',
    description: 'Show what the bot can answer',
    options: [{ name: 'command', description: 'A command to explain', type: 'string', required: false }],
    lookup: true,
    ownSlashCommand: false,
  },
  {
    name: 'speakers',
    description: 'Who spoke at the events; give a name to find one',
    options: [{ name: 'name', description: 'Part of a speaker name', type: 'string', required: false, suggestions: 'speakers' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'pillars',
    description: 'The security pillars and what the reports say about each',
    options: [{ name: 'pillar', description: 'A pillar: id, number or name (iam, 1, data protection)', type: 'string', required: false, suggestions: 'pillars' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'lessons',
    description: 'The lessons learned, from every event or one',
    options: [{ name: 'event', description: 'An event name', type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'events',
    description: 'The events, or one event at a glance',
    options: [{ name: 'event', description: 'An event name', type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'search',
    description: 'Search speakers, highlights and lessons',
    options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true }],
    lookup: true,
    ownSlashCommand: false,
  },
  {
    name: 'tip',
    description: "Today's security tip, from the lessons learned",
    options: [{ name: 'event', description: 'Only tips from this event', type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'subscribe',
    description: 'Get the daily tip by direct message',
    options: [],
    lookup: false,
    ownSlashCommand: false,
  },
  {
    name: 'unsubscribe',
    description: 'Stop the daily tip by direct message',
    options: [],
    lookup: false,
    ownSlashCommand: false,
  },
];

/** `speakers [name]`, `search <query>`: the usage line shown in help and Slack's usage hint. */
export function formatUsage(declaration: CommandDeclaration): string {
  const options = declaration.options.map((option) => (option.required ? `<${option.name}>` : `[${option.name}]`));
  return [declaration.name, ...options].join(' ');
}

/** Indexes the declarations by name; a duplicate name is a programming error caught at start-up. */
export function indexCommands(declarations: readonly CommandDeclaration[]): ReadonlyMap<string, CommandDeclaration> {
  const byName = new Map<string, CommandDeclaration>();
  for (const declaration of declarations) {
    if (byName.has(declaration.name)) {
      throw new TakeawaysError(ErrorCode.CommandDuplicate, `command "${declaration.name}" is declared twice`, { command: declaration.name });
    }
    byName.set(declaration.name, declaration);
  }
  return byName;
}

import { ErrorCode, TakeawaysError } from '../errors.js';

/** Where an option's suggestions come from (Discord autocomplete, Slack usage hints, console help). */
export type SuggestionSource = 'speakers' | 'events' | 'pillars' | 'topics';

export interface CommandOption {
  name: string;
  description: string;
  type: 'string';
  required: boolean;
  suggestions?: SuggestionSource;
  /** Written before the value in the command's argument: `topic` of `speakers` is `about <topic>`. */
  argumentPrefix?: string;
}

/** An option as typed in the plain form: `[name]`, `<query>`, `[about <topic>]`. */
export function formatOption(option: CommandOption): string {
  const value = option.argumentPrefix === undefined ? option.name : `${option.argumentPrefix} <${option.name}>`;
  return option.required ? (option.argumentPrefix === undefined ? `<${value}>` : value) : `[${value}]`;
}

/** The argument a platform with named options (Discord) passes: the first option given, with its prefix. */
export function argumentFromOptions(declaration: CommandDeclaration, valueOf: (name: string) => string | null): string {
  for (const option of declaration.options) {
    const value = valueOf(option.name)?.trim();
    if (value) return option.argumentPrefix === undefined ? value : `${option.argumentPrefix} ${value}`;
  }
  return '';
}

export interface CommandDeclaration {
  name: string;
  description: string;
  /**
   * Options are alternatives: every command reads the rest of the line as its argument, and the one option given
   * becomes it (with its prefix: `/speakers topic:guardduty` is `speakers about guardduty`).
   */
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
    options: [
      { name: 'name', description: 'Part of a speaker name', type: 'string', required: false, suggestions: 'speakers' },
      { name: 'topic', description: 'Who spoke about it: a service, a pillar or words of a talk', type: 'string', required: false, suggestions: 'topics', argumentPrefix: 'about' },
    ],
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
  const options = declaration.options.map(formatOption);
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

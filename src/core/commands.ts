import { ErrorCode, TakeawaysError } from '../errors.js';
import { translator, type MessageKey, type Translator } from './i18n.js';

/** Where an option's suggestions come from (Discord autocomplete, Slack usage hints, console help). */
export type SuggestionSource = 'speakers' | 'events' | 'pillars' | 'topics' | 'languages';

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

const english = translator('en');
const description = (key: MessageKey) => english(key);

/**
 * Every command the bot knows, declared once; platforms derive registration and help from this list. Descriptions
 * are the English catalog's; `describeCommand` and `describeOption` give them in the asker's language.
 */
export const commandDeclarations: readonly CommandDeclaration[] = [
  {
    name: 'help',
    description: description('commands.help.description'),
    options: [{ name: 'command', description: description('commands.help.options.command'), type: 'string', required: false }],
    lookup: true,
    ownSlashCommand: false,
  },
  {
    name: 'speakers',
    description: description('commands.speakers.description'),
    options: [
      { name: 'name', description: description('commands.speakers.options.name'), type: 'string', required: false, suggestions: 'speakers' },
      { name: 'topic', description: description('commands.speakers.options.topic'), type: 'string', required: false, suggestions: 'topics', argumentPrefix: 'about' },
    ],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'pillars',
    description: description('commands.pillars.description'),
    options: [{ name: 'pillar', description: description('commands.pillars.options.pillar'), type: 'string', required: false, suggestions: 'pillars' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'lessons',
    description: description('commands.lessons.description'),
    options: [{ name: 'event', description: description('commands.lessons.options.event'), type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'events',
    description: description('commands.events.description'),
    options: [{ name: 'event', description: description('commands.events.options.event'), type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'search',
    description: description('commands.search.description'),
    options: [{ name: 'query', description: description('commands.search.options.query'), type: 'string', required: true }],
    lookup: true,
    ownSlashCommand: false,
  },
  {
    name: 'tip',
    description: description('commands.tip.description'),
    options: [{ name: 'event', description: description('commands.tip.options.event'), type: 'string', required: false, suggestions: 'events' }],
    lookup: true,
    ownSlashCommand: true,
  },
  {
    name: 'subscribe',
    description: description('commands.subscribe.description'),
    options: [],
    lookup: false,
    ownSlashCommand: false,
  },
  {
    name: 'unsubscribe',
    description: description('commands.unsubscribe.description'),
    options: [],
    lookup: false,
    ownSlashCommand: false,
  },
  {
    name: 'lang',
    description: description('commands.lang.description'),
    options: [{ name: 'language', description: description('commands.lang.options.language'), type: 'string', required: false, suggestions: 'languages' }],
    lookup: false,
    ownSlashCommand: true,
  },
];

/** A command's description in the asker's language; a command the catalog does not know keeps its own. */
export function describeCommand(declaration: CommandDeclaration, t: Translator): string {
  return translated(t, `commands.${declaration.name}.description`) ?? declaration.description;
}

/** An option's description in the asker's language; one the catalog does not know keeps its own. */
export function describeOption(declaration: CommandDeclaration, option: CommandOption, t: Translator): string {
  return translated(t, `commands.${declaration.name}.options.${option.name}`) ?? option.description;
}

/** A command's name as a platform that shows localized names (Discord) shows it in the asker's language. */
export function localizedCommandName(declaration: CommandDeclaration, t: Translator): string {
  return translated(t, `commands.${declaration.name}.name`) ?? declaration.name;
}

/** An option's name as Discord shows it in the asker's language. */
export function localizedOptionName(declaration: CommandDeclaration, option: CommandOption, t: Translator): string {
  return translated(t, `commands.${declaration.name}.optionNames.${option.name}`) ?? option.name;
}

/** The catalog's text for a key built at run time, or undefined when there is none (the key would come back empty). */
function translated(t: Translator, key: string): string | undefined {
  const text = t(key as MessageKey);
  return text === '' ? undefined : text;
}

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

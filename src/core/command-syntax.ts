import { formatOption, type CommandDeclaration } from './commands.js';

/**
 * How a user types a command where they are: help, usage lines and every "try /events 1" hint are written in it,
 * so nobody is told to type something their platform does not have. Each platform gives its own (Slack's slash
 * commands with their prefix, Discord's `option:value`); the console and direct messages read the plain form.
 */
export interface CommandSyntax {
  /** Tells cached answers of different syntaxes apart, e.g. `slack:acme-`. */
  readonly id: string;
  /** How to type `declaration` with `args` (none: the bare command). */
  invocation(declaration: CommandDeclaration, args?: string): string;
  /** The usage line: `/speakers [name]`, `/search query:…`. */
  usage(declaration: CommandDeclaration): string;
}

/** `/speakers thinh`, `/speakers [name]`: what the console and direct messages read (the slash is optional there). */
export const plainSyntax: CommandSyntax = {
  id: 'plain',
  invocation: (declaration, args = '') => [`/${declaration.name}`, args].filter(Boolean).join(' '),
  usage: (declaration) => [`/${declaration.name}`, ...declaration.options.map(formatOption)].join(' '),
};

/**
 * `speakers thinh`: a direct message read as words, where a leading slash would open the chat app's own command
 * picker instead (Discord).
 */
export const wordSyntax: CommandSyntax = {
  id: 'words',
  invocation: (declaration, args = '') => [declaration.name, args].filter(Boolean).join(' '),
  usage: (declaration) => plainSyntax.usage(declaration).slice(1),
};

/** Words that follow a command in a sentence without being its argument ("Try /speakers to see everyone"). */
const SENTENCE_WORDS = new Set(['to', 'for', 'or', 'and', 'with', 'in', 'on', 'at', 'as', 'if', 'then', 'again', 'instead']);

/**
 * Rewrites the command hints of the core's own sentences ("Ask about one: /events 1, or part of its name") into
 * `syntax`. Only a known command name right after a space, an opening bracket or the start counts, with the one word
 * after it as its argument when the command takes one, so a path ("4-events/4.3") or a URL is never touched.
 */
export function rewriteCommandHints(text: string, commands: readonly CommandDeclaration[], syntax: CommandSyntax): string {
  if (syntax.id === plainSyntax.id || !text.includes('/')) return text;
  const byName = new Map(commands.map((command) => [command.name, command]));
  return text.replace(/(^|[\s(:"])\/([a-z]+)(?: ([^\s,;·)":]+))?(?=$|[\s,;.·)"])/g, (whole, before: string, name: string, argument: string | undefined) => {
    const declaration = byName.get(name);
    if (!declaration) return whole;
    if (argument !== undefined && (declaration.options.length === 0 || SENTENCE_WORDS.has(argument))) return `${before}${syntax.invocation(declaration)} ${argument}`;
    return `${before}${syntax.invocation(declaration, argument)}`;
  });
}

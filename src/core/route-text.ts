import { foldText } from '../content/text.js';
import type { CommandDeclaration } from './commands.js';
import { cleanInput, withoutTrailingPunctuation } from './sanitize.js';

export interface Route {
  command: string;
  args: string;
}

const GREETINGS = new Set(['hi', 'hello', 'hey', 'help', 'start', 'menu', '?', 'xin chao', 'chao', 'chao ban', 'good morning', 'hello there']);

/** Singular and everyday words people type for a command. */
const ALIASES: Readonly<Record<string, string>> = {
  speaker: 'speakers',
  pillar: 'pillars',
  lesson: 'lessons',
  event: 'events',
  tips: 'tip',
  find: 'search',
  commands: 'help',
};

/**
 * A direct message or console line → a command. "speakers thinh", "/pillars iam" and "tip" name one;
 * a greeting or "help" gets help; anything else is searched for.
 */
export function routeText(text: string, commands: readonly CommandDeclaration[]): Route {
  const clean = cleanInput(text);
  const folded = withoutTrailingPunctuation(foldText(clean)).trim();
  if (!folded || GREETINGS.has(folded)) return { command: 'help', args: '' };
  const withoutSlash = clean.replace(/^[/!]/, '');
  const [first = '', ...rest] = withoutSlash.split(' ');
  const word = foldText(first);
  const name = commands.some((command) => command.name === word) ? word : ALIASES[word];
  if (name && commands.some((command) => command.name === name)) return { command: name, args: rest.join(' ') };
  if (clean.startsWith('/')) return { command: first, args: rest.join(' ') };
  return { command: 'search', args: clean };
}

import { foldText } from '../content/text.js';
import type { CommandDeclaration } from './commands.js';
import { cleanInput, withoutTrailingPunctuation } from './sanitize.js';
import { topicOfQuestion } from './who-spoke.js';

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
  // "who spoke about GuardDuty?", "ai nói về bảo vệ dữ liệu?": the speakers of that topic, not a text search.
  const topic = aboutTopic(clean.replace(/^[/!](?:search|takeaways)\s+/i, ''));
  if (topic !== null && commands.some((command) => command.name === 'speakers')) return { command: 'speakers', args: `about ${topic}` };
  const withoutSlash = clean.replace(/^[/!]/, '');
  const [first = '', ...rest] = withoutSlash.split(' ');
  const word = foldText(first);
  const name = commands.some((command) => command.name === word) ? word : ALIASES[word];
  if (name && commands.some((command) => command.name === name)) return { command: name, args: rest.join(' ') };
  if (clean.startsWith('/')) return { command: first, args: rest.join(' ') };
  return { command: 'search', args: clean };
}

/** The topic of a "who spoke about" question, as the user wrote it (diacritics kept) when it can be cut out, else folded. */
function aboutTopic(text: string): string | null {
  const topic = topicOfQuestion(text);
  if (topic === null) return null;
  const written = text.replace(/[?!.]+$/, '').trim();
  const tail = written.slice(Math.max(0, written.length - topic.length));
  return foldText(tail) === topic ? tail : topic;
}

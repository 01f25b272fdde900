import type { Store } from '../store/store.js';
import type { BotUser } from './bot-api.js';
import type { CommandSyntax } from './command-syntax.js';
import type { CommandDeclaration } from './commands.js';
import type { Language, LanguageChoice, Translator } from './i18n.js';
import type { Library } from './library.js';
import type { Reply, ReplyAction } from './reply.js';

/** Everything a handler may read. Time and state come in here, so a test can pass a date. */
export interface CommandContext {
  library: Library;
  commands: readonly CommandDeclaration[];
  /** The cleaned argument (rest of the line). */
  args: string;
  action: ReplyAction;
  user: BotUser;
  /** How the asker types commands: usage lines and hints are written in it. */
  syntax: CommandSyntax;
  now: Date;
  timeZone: string;
  store: Store;
  /** The words of the asker's language: every text of the reply comes through it. */
  t: Translator;
  /** Which language the asker gets, and why (their choice, their app's locale, the bot's default). */
  language: LanguageChoice;
  /** `BOT_LANG`: what a user who chose nothing and whose app's locale the bot lacks gets. */
  defaultLanguage: Language;
}

export type CommandHandler = (context: CommandContext) => Reply | Promise<Reply>;

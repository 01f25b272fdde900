import type { Store } from '../store/store.js';
import type { BotUser } from './bot-api.js';
import type { CommandSyntax } from './command-syntax.js';
import type { CommandDeclaration } from './commands.js';
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
}

export type CommandHandler = (context: CommandContext) => Reply | Promise<Reply>;

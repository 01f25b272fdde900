import { createInterface } from 'node:readline';
import type { Bot, BotUser } from '../../core/bot-api.js';
import { translator } from '../../core/i18n.js';
import type { Reply } from '../../core/reply.js';
import { renderPlainText } from '../../core/render/plain-text.js';

export interface ConsoleOptions {
  bot: Bot;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal gets a prompt, a greeting and history; a pipe just gets answers, one per line read. */
  interactive: boolean;
  user?: BotUser;
  /** The shell's locale (`LANG=vi_VN.UTF-8`): the console user's app language. */
  locale?: string;
  /** `--lang`: the language of this session, whatever else says. */
  language?: string;
}

const QUIT_WORDS = new Set(['/quit', '/exit', 'quit', 'exit']);

/**
 * The terminal chat: type a command or plain words and see the rendered reply. A reply's buttons
 * are numbered; typing the number presses the button. Ctrl-D or /quit leaves.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const user: BotUser = options.user ?? {
    platform: 'console',
    id: 'local',
    name: 'you',
    channelId: 'console',
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.language ? { language: options.language } : {}),
  };
  // Asked before the terminal is read: lines typed meanwhile would otherwise be lost.
  const greeting = options.interactive ? translator(await options.bot.languageOf(user))('console.greeting') : '';
  const lines = createInterface({
    input: options.input,
    output: options.interactive ? options.output : undefined,
    terminal: options.interactive,
    historySize: 200,
  });
  const write = (text: string) => options.output.write(`${text}\n`);
  let lastReply: Reply | undefined;

  if (options.interactive) {
    write(greeting);
    lines.setPrompt('you> ');
    lines.prompt();
  }

  // Lines are answered one at a time, in order, even when a pipe delivers them all at once.
  for await (const line of lines) {
    const text = line.trim();
    if (QUIT_WORDS.has(text.toLowerCase())) break;
    if (text) {
      const button = /^\d{1,2}$/.test(text) ? lastReply?.buttons[Number(text) - 1] : undefined;
      const answer = button ? await options.bot.run({ ...button.action, user }) : await options.bot.routeText(text, user);
      lastReply = answer;
      // A blank line after each answer keeps a transcript readable, piped or not.
      write(`${renderPlainText(answer, { numberButtons: true })}\n`);
    }
    if (options.interactive) lines.prompt();
  }
  lines.close();
}

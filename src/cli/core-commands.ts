import type { Command } from 'commander';
import { contentSnapshotsIn } from '../app/content-snapshots.js';
import { librarySettingsOf, loadLibrary } from '../app/load-library.js';
import { shellLocale } from '../app/shell-locale.js';
import type { RunningBot } from '../app/start-bot.js';
import { discordEnabled, readConfig, slackEnabled } from '../config.js';
import { createBot } from '../core/create-bot.js';
import { LANGUAGES, languageOfLocale } from '../core/i18n.js';
import { renderDiscordMessage } from '../core/render/discord.js';
import { renderPlainText } from '../core/render/plain-text.js';
import { renderSlackMessage } from '../core/render/slack.js';
import { previewTips } from '../core/tip-rotation.js';
import { createLogger } from '../logger.js';
import { openStore } from '../store/open-store.js';
import { PreviewStore } from '../store/preview-store.js';
import { TipSchedule } from '../schedule/tip-schedule.js';
import { zonedInstant } from '../schedule/zoned-time.js';
import type { Reply } from '../core/reply.js';
import { ErrorCode, TakeawaysError } from '../errors.js';

/** Each one stops the bot the same way: drained, within SHUTDOWN_TIMEOUT_MS, exit 0. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const FORMATS = ['text', 'json', 'slack', 'discord'] as const;
type Format = (typeof FORMATS)[number];

/** start, ask, tip: the verbs that run the core. */
export function registerCoreCommands(program: Command): void {
  program
    .command('start', { isDefault: true })
    .description('Run the bot: Slack and/or Discord when their tokens are set, else the terminal console')
    .option('--lang <language>', `the console's language (${LANGUAGES.join(', ')}); default: the shell's LANG if the bot speaks it, else BOT_LANG`)
    .action(async (options: { lang?: string }) => {
      const language = checkedLanguage(options.lang);
      const config = readConfig();
      if (!slackEnabled(config) && !discordEnabled(config)) {
        // The console: Ctrl-D or /quit leaves; a signal ends it as usual. It loads no chat SDK, metrics or watcher.
        const { runConsoleBot } = await import('../app/run-console.js');
        await runConsoleBot(config, language ? { language } : {});
        return;
      }
      const { startBot } = await import('../app/start-bot.js');
      // Signals are caught from the first moment, so one that arrives during start-up still shuts down cleanly.
      // SIGHUP (a closed terminal, a supervisor's stop) is a stop like SIGTERM: answers in flight finish.
      const lifecycle: { running?: RunningBot | undefined; requested?: { signal: string; at: number } } = {};
      const stop = async (signal: string, at: number) => {
        if (!lifecycle.running) return;
        lifecycle.running.logger.info({ signal }, 'stopping');
        await lifecycle.running.stop(at);
        process.exit(0);
      };
      const onSignal = (signal: string) => {
        if (lifecycle.requested) {
          // A second signal (npm forwarding one the bot also got, Ctrl-C reaching the process group) must not cut the drain.
          lifecycle.running?.logger.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'already stopping; the process exits within SHUTDOWN_TIMEOUT_MS');
          return;
        }
        const at = Date.now();
        lifecycle.requested = { signal, at };
        // Whatever the bot is doing (a start-up that hangs, a part that never closes), the process ends by the deadline.
        setTimeout(() => {
          lifecycle.running?.logger.error({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting now');
          process.exit(1);
        }, config.SHUTDOWN_TIMEOUT_MS).unref();
        void stop(signal, at);
      };
      for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
      lifecycle.running = await startBot(config);
      if (lifecycle.requested) await stop(lifecycle.requested.signal, lifecycle.requested.at);
    });

  program
    .command('ask')
    .description('Answer one message as the bot would, then exit')
    .argument('<text>', 'a command such as "/speakers thinh", or plain words')
    .option('-f, --format <format>', `output: ${FORMATS.join(', ')}`, 'text')
    .option('--lang <language>', `answer in this language (${LANGUAGES.join(', ')}); default: the shell's LANG if the bot speaks it, else BOT_LANG`)
    .action(async (text: string, options: { format: string; lang?: string }) => {
      if (!FORMATS.includes(options.format as Format)) {
        throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--format must be one of ${FORMATS.join(', ')}`);
      }
      const language = checkedLanguage(options.lang);
      const config = readConfig();
      const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
      const { library } = await loadLibrary(librarySettingsOf(config, contentSnapshotsIn(config.DATA_DIR, logger, { create: false })));
      // A one-shot answer reads the bot's state (today's tip comes from the real rotation) and changes nothing.
      const store = new PreviewStore(await openStore(config, { readOnly: true }));
      let answer: Reply;
      try {
        const bot = createBot({ library, store, logger, timeZone: config.TIP_TIMEZONE, defaultLanguage: config.BOT_LANG });
        const locale = shellLocale();
        answer = await bot.routeText(text, { platform: 'console', id: 'cli', ...(locale ? { locale } : {}), ...(language ? { language } : {}) });
      } finally {
        await store.close();
      }
      const format = options.format as Format;
      if (format === 'text') console.log(renderPlainText(answer));
      else if (format === 'json') console.log(JSON.stringify(answer, null, 2));
      else if (format === 'slack') console.log(JSON.stringify(renderSlackMessage(answer, { shareButton: true }), null, 2));
      else console.log(JSON.stringify(renderDiscordMessage(answer, { shareButton: true }), null, 2));
    });

  program
    .command('tip')
    .description('Print the tip that would be posted on the next posting day(s) of TIP_CRON')
    .option('--date <YYYY-MM-DD>', 'the first day (default: today)')
    .option('--days <N>', 'how many posting days', '1')
    .action(async (options: { date?: string; days: string }) => {
      const days = Number(options.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new TakeawaysError(ErrorCode.ArgumentInvalid, '--days must be a whole number from 1 to 366');
      const config = readConfig();
      const start = options.date ? noonOf(options.date, config.TIP_TIMEZONE) : new Date();
      const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
      const { library } = await loadLibrary(librarySettingsOf(config, contentSnapshotsIn(config.DATA_DIR, logger, { create: false })));
      // The days the schedule posts on: a day without a post (a weekend under the default cron) takes no tip.
      const schedule = new TipSchedule(config.TIP_CRON, config.TIP_TIMEZONE);
      const postingDays = schedule.postingDays(start, days);
      schedule.dispose();
      const store = await openStore(config, { readOnly: true });
      try {
        for (const { day, tip } of await previewTips(library, store, postingDays)) {
          if (!tip) {
            console.log(`${day}  (no tips: no report lists lessons learned)`);
            continue;
          }
          const origin = [tip.event.name, tip.pillar?.name].filter(Boolean).join(' · ');
          console.log(`${day}  ${tip.text}\n            — ${origin}`);
        }
      } finally {
        await store.close();
      }
    });
}

/** Midday of a YYYY-MM-DD date in the zone: the day stays that day wherever the zone sits. */
function noonOf(date: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, Number.NaN, Number.NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new TakeawaysError(ErrorCode.ArgumentInvalid, '--date must be a date written YYYY-MM-DD');
  }
  return zonedInstant({ year, month, day, hour: 12, minute: 0, second: 0 }, timeZone).at;
}

/** `--lang vi` (or `vi-VN`): a language the bot speaks; anything else stops with the languages there are. */
function checkedLanguage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const language = languageOfLocale(value);
  if (language === null) throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--lang ${value}: the bot answers in ${LANGUAGES.join(', ')}`);
  return language;
}

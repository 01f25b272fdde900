import type { Config } from '../config.js';
import { configSecrets } from '../config.js';
import { createBot } from '../core/create-bot.js';
import { prepareLibrary } from '../core/prepare-library.js';
import { createLogger } from '../logger.js';
import { ContentReloader } from '../ops/content-reloader.js';
import { runConsole } from '../platforms/console/console.js';
import { openStore } from '../store/open-store.js';
import { contentSnapshotsIn } from './content-snapshots.js';
import { librarySettingsOf, loadLibrary } from './load-library.js';
import { shellLocale } from './shell-locale.js';

/**
 * `npm start` with no Slack or Discord token: the terminal console, until the user leaves. It loads only what a
 * conversation in a terminal needs: no chat SDK, no metrics, no file watching (the content is read once, from the
 * snapshot where pages have not changed; a restart shows an edit), and git only when CONTENT_REPOS asks for a sync.
 */
export interface ConsoleStartOptions {
  /** The console's language for this session (`--lang`): wins over `/lang` and the shell's locale. */
  language?: string;
}

export async function runConsoleBot(config: Config, options: ConsoleStartOptions = {}): Promise<void> {
  // The console shares the terminal with the conversation: only warnings and errors are logged there.
  const logger = createLogger({ level: 'warn', pretty: process.stderr.isTTY, secrets: configSecrets(config) });
  const settings = librarySettingsOf(config, contentSnapshotsIn(config.DATA_DIR, logger, { create: true }));
  const initial = await loadLibrary(settings);
  prepareLibrary(initial.library);
  for (const problem of initial.model.problems.filter((entry) => entry.severity === 'error')) {
    logger.warn({ source: problem.source, line: problem.line }, `report not loaded: ${problem.message}`);
  }
  const reloader = new ContentReloader({ settings, initial, logger });
  const store = await openStore(config, { logger });
  const bot = createBot({ library: () => reloader.current(), store, logger, timeZone: config.TIP_TIMEZONE, commandsPerMinute: config.RATE_LIMIT_PER_MINUTE });
  // The clones are synced in the background, as the bot does; the answers switch to what a sync brought.
  const repositorySync =
    config.CONTENT_REPOS.length === 0
      ? undefined
      : new (await import('../ops/repository-sync.js')).RepositorySyncLoop({
          repositories: config.CONTENT_REPOS,
          dataDir: config.DATA_DIR,
          intervalMs: config.CONTENT_SYNC_INTERVAL,
          logger,
          onChanged: () => reloader.reload(),
        });
  repositorySync?.start();
  try {
    // The shell's language (LANG=vi_VN.UTF-8) is the console user's locale; `/lang` still overrides it.
    await runConsole({ bot, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY), locale: shellLocale(), ...(options.language ? { language: options.language } : {}) });
  } finally {
    await repositorySync?.stop();
    await reloader.stop();
    await store.close();
  }
}

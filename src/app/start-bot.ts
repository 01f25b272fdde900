import type { Config } from '../config.js';
import { discordEnabled, slackEnabled } from '../config.js';
import { createBot } from '../core/create-bot.js';
import { createLogger, type Logger } from '../logger.js';
import { runConsole } from '../platforms/console/console.js';
import { pillarChoicesFromTaxonomy } from '../platforms/discord/command-registration.js';
import { startDiscord, type DiscordPlatform } from '../platforms/discord/discord-platform.js';
import { startSlack, type SlackPlatform } from '../platforms/slack/slack-platform.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { loadLibrary } from './load-library.js';

export interface RunningBot {
  slack?: SlackPlatform;
  discord?: DiscordPlatform;
  store: Store;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * `npm start`: loads the reports, opens the store, then starts the platforms whose tokens are set.
 * With no token at all it runs the terminal console and returns when the user leaves.
 */
export async function startBot(config: Config): Promise<RunningBot | undefined> {
  const chatPlatforms = slackEnabled(config) || discordEnabled(config);
  // The console shares the terminal with the conversation: only warnings and errors are logged there.
  const logger = createLogger({ level: chatPlatforms ? config.LOG_LEVEL : 'warn', pretty: process.stderr.isTTY });
  const { library, model } = await loadLibrary({
    contentDir: config.CONTENT_DIR,
    lang: config.CONTENT_LANG,
    tipSources: config.TIP_SOURCES,
    taxonomyFile: config.TAXONOMY_FILE,
  });
  for (const problem of model.problems.filter((entry) => entry.severity === 'error')) {
    logger.warn({ source: problem.source, line: problem.line }, `report not loaded: ${problem.message}`);
  }
  logger.info({ events: library.events.length, tips: library.tips.length, contentDir: config.CONTENT_DIR }, 'content loaded');

  const store = openStore(config);
  const bot = createBot({ library, store, logger, timeZone: config.TIP_TIMEZONE });

  if (!chatPlatforms) {
    try {
      await runConsole({ bot, input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
    } finally {
      await store.close();
    }
    return undefined;
  }

  const running: RunningBot = {
    store,
    logger,
    async stop() {
      await Promise.allSettled([running.slack?.stop(), running.discord?.stop()]);
      await store.close();
    },
  };
  try {
    if (config.SLACK_BOT_TOKEN) {
      running.slack = await startSlack({
        bot,
        store,
        logger,
        botToken: config.SLACK_BOT_TOKEN,
        port: config.PORT,
        ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
        ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
        ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
        ...(config.SLACK_COMMAND_PREFIX ? { commandPrefix: config.SLACK_COMMAND_PREFIX } : {}),
      });
      logger.info({ mode: running.slack.mode, port: running.slack.port }, 'slack started');
    }
    if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
      running.discord = await startDiscord({
        bot,
        store,
        logger,
        token: config.DISCORD_TOKEN,
        appId: config.DISCORD_APP_ID,
        pillarChoices: pillarChoicesFromTaxonomy(library.taxonomy),
        ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      });
      logger.info('discord started');
    }
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

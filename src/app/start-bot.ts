import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { configSecrets, discordEnabled, slackEnabled, slackOverHttp } from '../config.js';
import { createBot, type ManagedBot } from '../core/create-bot.js';
import { createLogger, type Logger } from '../logger.js';
import { ContentReloader } from '../ops/content-reloader.js';
import { createHealthHandler, HEALTH_PATHS, startHealthServer, withRoutes, type HealthRequestHandler, type HttpRoute } from '../ops/health.js';
import type { BotMetrics } from '../ops/metrics.js';
import { RepositorySyncLoop } from '../ops/repository-sync.js';
import type { DiscordPlatform } from '../platforms/discord/discord-platform.js';
import type { SlackPlatform } from '../platforms/slack/slack-platform.js';
import type { RunningTipSchedule } from '../schedule/start-tip-schedule.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { checkPortsFree } from './check-ports.js';
import { prepareLibrary } from '../core/prepare-library.js';
import { contentSnapshotsIn } from './content-snapshots.js';
import { librarySettingsOf, loadLibrary } from './load-library.js';
import { runConsoleBot } from './run-console.js';

export interface RunningBot {
  bot: ManagedBot;
  slack?: SlackPlatform;
  discord?: DiscordPlatform;
  store: Store;
  logger: Logger;
  /** Kept only where something can read them: on HEALTH_PORT, or on Slack's HTTP port (see `servesHealth`). */
  metrics?: BotMetrics;
  /** The tip of the day's schedule, started after the platforms. */
  schedule?: RunningTipSchedule;
  reloader: ContentReloader;
  /** The syncs of CONTENT_REPOS: at start, every CONTENT_SYNC_INTERVAL and on push webhooks. */
  repositorySync: RepositorySyncLoop;
  /** The port serving /healthz, /readyz and /metrics, when one does. */
  healthPort?: number;
  /**
   * Stops taking work, lets answers and posts in flight finish, closes everything, all within
   * SHUTDOWN_TIMEOUT_MS of `signalledAt` (default: now).
   */
  stop(signalledAt?: number): Promise<void>;
}

/**
 * `npm start`: loads the reports, opens the store, then starts the platforms whose tokens are set.
 * With no token at all it runs the terminal console (`runConsoleBot`) and returns when the user leaves.
 */
export async function startBot(config: Config): Promise<RunningBot | undefined> {
  if (!slackEnabled(config) && !discordEnabled(config)) {
    await runConsoleBot(config);
    return undefined;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: process.stderr.isTTY, secrets: configSecrets(config) });
  await checkPortsFree(config);
  const snapshots = contentSnapshotsIn(config.DATA_DIR, logger, { create: true });
  const settings = librarySettingsOf(config, snapshots);
  // What is on disk now (folders and the clones of earlier syncs); the start-up sync runs in the background below.
  const initial = await loadLibrary(settings);
  // Indexed in full before any platform answers, so the first /search does not build the index.
  prepareLibrary(initial.library);
  for (const problem of initial.model.problems.filter((entry) => entry.severity === 'error')) {
    logger.warn({ source: problem.source, line: problem.line }, `report not loaded: ${problem.message}`);
  }
  // How many pages came from the content snapshot (unchanged since the last start) and how many were read.
  const pages = snapshots?.uses.reduce((sum, use) => ({ reused: sum.reused + use.reused, read: sum.read + use.read }), { reused: 0, read: 0 });
  logger.info({ events: initial.library.events.length, tips: initial.library.tips.length, sources: settings.sources.map((source) => source.site), snapshot: pages ?? 'off' }, 'content loaded');

  // Health rides on Slack's HTTP port when that runs and no HEALTH_PORT is set. With neither, no one can read /metrics
  // (nor /healthz, /readyz or the push webhook): no metrics are kept, and neither they nor the webhook's modules load.
  const healthOnSlack = config.HEALTH_PORT === undefined && slackOverHttp(config);
  const servesHealth = config.HEALTH_PORT !== undefined || healthOnSlack;
  const metrics = servesHealth ? new (await import('../ops/metrics.js')).BotMetrics() : undefined;
  metrics?.setEvents(initial.library.events.length);
  const reloader = new ContentReloader({
    settings,
    initial,
    logger,
    onReload: (outcome, library) => metrics?.recordReload(outcome, library.events.length),
  });
  const repositorySync = new RepositorySyncLoop({
    repositories: config.CONTENT_REPOS,
    dataDir: config.DATA_DIR,
    intervalMs: config.CONTENT_SYNC_INTERVAL,
    logger,
    onChanged: () => reloader.reload(),
    onSynced: (results) => results.forEach((result) => metrics?.recordSync(result.ok)),
  });
  const store = await openStore(config, { logger });
  const bot = createBot({
    library: () => reloader.current(),
    store,
    logger,
    timeZone: config.TIP_TIMEZONE,
    commandsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    onAnswered: (event) => metrics?.recordAnswer(event),
    defaultLanguage: config.BOT_LANG,
  });
  if (config.CONTENT_WATCH) await reloader.watch();
  repositorySync.start();

  let healthServer: Server | undefined;
  let stopping: Promise<void> | undefined;
  const running: RunningBot = {
    bot,
    store,
    logger,
    ...(metrics ? { metrics } : {}),
    reloader,
    repositorySync,
    stop(signalledAt = Date.now()) {
      stopping ??= (async () => {
        // The parts stop taking work, and what is in flight finishes against one deadline, less a moment kept
        // for closing the store: a shutdown takes at most SHUTDOWN_TIMEOUT_MS, not one timeout per part, and a
        // part that does not stop in time (a gateway that never answers the close) is left behind, not waited for.
        const timeoutMs = config.SHUTDOWN_TIMEOUT_MS;
        const end = signalledAt + timeoutMs;
        const deadline = end - closingAllowance(timeoutMs);
        const left = () => Math.max(0, deadline - Date.now());
        const parts: Record<string, Promise<unknown>> = {
          // Discord's client goes only once the schedule is done with it: a slot may still post to it.
          discord: (async () => {
            await running.schedule?.stop(left());
            await running.discord?.stop(left());
          })(),
          // Slack's tip posts use a client of their own, so its receiver can stop taking requests at once.
          slack: running.slack?.stop(left()) ?? Promise.resolve(),
          answers: bot.whenIdle(left()).then((drained) => {
            if (!drained) logger.warn({ timeoutMs }, 'answers still in flight at shutdown were abandoned');
          }),
          'repository sync': repositorySync.stop(),
          'content watcher': reloader.stop(),
        };
        const late = await unsettledBy(parts, deadline);
        if (late.length > 0) logger.warn({ late, timeoutMs }, `${late.join(', ')} did not stop in time (SHUTDOWN_TIMEOUT_MS); closing without waiting`);
        const closing = await unsettledBy(
          {
            'health server': new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve())),
            store: store.close(),
          },
          end,
        );
        if (closing.length > 0) logger.warn({ late: closing, timeoutMs }, `${closing.join(', ')} did not close in time (SHUTDOWN_TIMEOUT_MS)`);
        logger.info('stopped');
      })();
      return stopping;
    },
  };

  const http = metrics ? await healthRoutes(metrics) : undefined;
  if (config.GITHUB_WEBHOOK_SECRET && !servesHealth) {
    const { GITHUB_WEBHOOK_PATH } = await import('../sources/github-webhook.js');
    logger.warn(`GITHUB_WEBHOOK_SECRET is set, but no HTTP server runs to receive ${GITHUB_WEBHOOK_PATH}: set HEALTH_PORT (or run Slack over HTTP)`);
  }

  /** The health endpoints and the push webhook, for the port that serves them. */
  async function healthRoutes(served: BotMetrics): Promise<{ handler: HealthRequestHandler; webhook: HttpRoute; webhookPath: string }> {
    const { createGitHubWebhookHandler, GITHUB_WEBHOOK_PATH } = await import('../sources/github-webhook.js');
    const handler = createHealthHandler(() => {
      // Ready to answer means there is something to answer from: at least one report loaded.
      const checks: Record<string, boolean> = { content: reloader.current().events.length > 0 };
      if (config.SLACK_BOT_TOKEN) checks['slack'] = running.slack?.isConnected() ?? false;
      if (config.DISCORD_TOKEN) checks['discord'] = running.discord?.isConnected() ?? false;
      return { ...checks, ...store.readiness() };
    }, served.registry, () => {
      // The bot still answers from its last good content, so it stays ready; the operator is told why it is stale.
      const reports = reloader.current().events.length;
      const folders = reloader
        .missingFolders()
        .map(
          (folder) =>
            `CONTENT_DIR ${folder.dir} unavailable since ${folder.since.toISOString()} (${folder.reason}): answering from the last good content (${reports} ${reports === 1 ? 'report' : 'reports'}) until it is back`,
        );
      return [...folders, ...repositorySync.warnings()];
    });
    // The push webhook rides on the same port as health: POST with its raw body, read and verified by its handler.
    const webhook: HttpRoute = {
      path: GITHUB_WEBHOOK_PATH,
      methods: ['POST'],
      handler: createGitHubWebhookHandler({
        secret: config.GITHUB_WEBHOOK_SECRET,
        repositories: config.CONTENT_REPOS,
        logger,
        onPush: ({ repository }) => void repositorySync.sync([repository]),
      }),
    };
    return { handler, webhook, webhookPath: GITHUB_WEBHOOK_PATH };
  }

  try {
    if (config.HEALTH_PORT !== undefined && http) {
      const started = await startHealthServer(config.HEALTH_PORT, withRoutes(http.handler, [http.webhook]));
      healthServer = started.server;
      running.healthPort = started.port;
    }
    if (config.SLACK_BOT_TOKEN) {
      // Platform modules load only when their tokens are set: the console starts without Bolt or discord.js.
      const { startSlack } = await import('../platforms/slack/slack-platform.js');
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
        // Copies sharing a Redis answer each event once, whichever copy Slack's retry reaches.
        claimEvents: Boolean(config.REDIS_URL),
        ...(healthOnSlack && http ? { extraRoutes: [...HEALTH_PATHS.map((path) => ({ path, handler: http.handler })), http.webhook] } : {}),
      });
      if (healthOnSlack && running.slack.port !== undefined) running.healthPort = running.slack.port;
      logger.info({ mode: running.slack.mode, port: running.slack.port }, 'slack started');
    }
    if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
      const { startDiscord } = await import('../platforms/discord/discord-platform.js');
      const { pillarChoicesFromTaxonomy } = await import('../platforms/discord/command-registration.js');
      running.discord = await startDiscord({
        bot,
        store,
        logger,
        token: config.DISCORD_TOKEN,
        appId: config.DISCORD_APP_ID,
        pillarChoices: pillarChoicesFromTaxonomy(reloader.current().taxonomy),
        ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
        // Copies sharing a Redis may share a token too: only one of them answers each interaction.
        claimInteractions: Boolean(config.REDIS_URL),
      });
      logger.info('discord started');
    }
    const { startTipSchedule } = await import('../schedule/start-tip-schedule.js');
    running.schedule = startTipSchedule(config, { store, logger, platforms: { slack: running.slack, discord: running.discord } });
  } catch (error) {
    await running.stop();
    throw error;
  }
  if (running.healthPort !== undefined && http) logger.info({ port: running.healthPort }, `health endpoints at /healthz, /readyz, /metrics; GitHub push webhook at ${http.webhookPath}`);
  return running;
}

/** Time kept at the end of a shutdown for closing the store and the health server: a fifth, at most 1 s. */
function closingAllowance(timeoutMs: number): number {
  return Math.min(1_000, Math.floor(timeoutMs / 5));
}

/** Waits for the named promises until `deadline` (a Date.now() time); the names of those still unsettled then. */
async function unsettledBy(parts: Record<string, Promise<unknown>>, deadline: number): Promise<string[]> {
  const pending = new Set(Object.keys(parts));
  const settled = Promise.allSettled(Object.entries(parts).map(([name, part]) => part.finally(() => pending.delete(name))));
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
  await Promise.race([settled, timeUp]);
  clearTimeout(timer);
  return [...pending];
}


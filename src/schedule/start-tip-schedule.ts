import { createTask, type Logger as CronLogger, type RunCoordinator, type ScheduledTask, type TaskOptions } from 'node-cron';
import type { Config } from '../config.js';
import type { Language } from '../core/i18n.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { classifyDiscordPostError, type PostTipResult as DiscordPostResult } from '../platforms/discord/post-tip.js';
import { classifySlackPostError, type PostTipResult as SlackPostResult } from '../platforms/slack/post-tip.js';
import { createTipPoster, type PlatformPost, type TipPosters } from './tip-posters.js';
import { TipSchedule } from './tip-schedule.js';
import { TipScheduler, type TipSchedulerOptions } from './tip-scheduler.js';

/**
 * Besides the cron trigger, the due slot is looked at this often: it picks up a slot whose local time was
 * skipped by a clock change, and the posts of a replica that died at the slot, within seconds.
 */
export const SWEEP_CRON = '*/30 * * * * *';
/** One replica runs a slot's trigger; the lease outlives any slot run, so a late replica does not start it again. */
const SLOT_ELECTION_MS = 10 * 60_000;
const SWEEP_ELECTION_MS = 25_000;

export type TipScheduleConfig = Pick<Config, 'TIP_CRON' | 'TIP_TIMEZONE' | 'TIP_CATCH_UP' | 'TIP_SLACK_CHANNELS' | 'TIP_DISCORD_CHANNELS'> & Partial<Pick<Config, 'TIP_LANG'>>;

export interface TipSchedulePlatforms {
  slack?: { postTip(channelId: string, when?: Date, language?: Language): Promise<SlackPostResult> };
  discord?: { postTip(channelId: string, when?: Date, dedupeKey?: string, language?: Language): Promise<DiscordPostResult> };
}

export interface RunningTipSchedule {
  scheduler: TipScheduler;
  /** Stops the triggers and waits (bounded) for a slot under way to finish. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The scheduler's posters for the platforms that run. Slack has no idempotency key for chat.postMessage, so
 * a Slack post whose outcome is unknown is not sent again; Discord's nonce shows a repeated post once.
 */
export function tipPosters(platforms: TipSchedulePlatforms): TipPosters {
  const { slack, discord } = platforms;
  return {
    ...(slack ? { slack: createTipPoster(async (channelId, when, _dedupeKey, language) => slackPost(await slack.postTip(channelId, when, language)), { dedupes: false, classify: classifySlackPostError }) } : {}),
    ...(discord ? { discord: createTipPoster((channelId, when, dedupeKey, language) => discord.postTip(channelId, when, dedupeKey, language), { dedupes: true, classify: classifyDiscordPostError }) } : {}),
  };
}

function slackPost(result: SlackPostResult): Awaited<ReturnType<PlatformPost>> {
  return result.ok ? { ok: true, messageId: result.ts } : result;
}

/** A scheduler for the configured schedule and targets (no trigger: for commands and tests). */
export function createTipScheduler(config: TipScheduleConfig, options: Omit<TipSchedulerOptions, 'schedule' | 'channels' | 'catchUp'>): TipScheduler {
  return new TipScheduler({
    ...options,
    schedule: new TipSchedule(config.TIP_CRON, config.TIP_TIMEZONE),
    channels: { slack: config.TIP_SLACK_CHANNELS, discord: config.TIP_DISCORD_CHANNELS, ...(config.TIP_LANG ? { languages: config.TIP_LANG } : {}) },
    catchUp: config.TIP_CATCH_UP,
  });
}

/**
 * node-cron's distributed mode asks this before a run: the store's lease (SET NX PX in Redis, a row in
 * SQLite) elects one replica per slot. The slot records still decide each post, so a wrong election
 * costs a read, never a second post.
 */
export function storeRunCoordinator(store: Store, owner: string, clock: () => Date = () => new Date()): RunCoordinator {
  return { shouldRun: (key, ttlMs) => store.acquireLease(`cron:${key}`, owner, ttlMs, clock()) };
}

function cronLogger(logger: Logger): CronLogger {
  return {
    info: (message) => logger.debug(`node-cron: ${message}`),
    warn: (message) => logger.warn(`node-cron: ${message}`),
    error: (message, error) => logger.error({ err: error ?? message }, `node-cron: ${describeError(message)}`),
    debug: (message) => logger.debug(`node-cron: ${describeError(message)}`),
  };
}

/**
 * Starts the tip schedule after the platforms: catches up on a slot missed today (TIP_CATCH_UP), then
 * node-cron triggers each slot in TIP_TIMEZONE, plus a sweep every 30 seconds (see SWEEP_CRON).
 */
export function startTipSchedule(config: TipScheduleConfig, options: { store: Store; logger: Logger; platforms: TipSchedulePlatforms }): RunningTipSchedule {
  const scheduler = createTipScheduler(config, { store: options.store, logger: options.logger, posters: tipPosters(options.platforms) });
  const logger = options.logger.child({ component: 'tip-schedule' });
  const coordinator = storeRunCoordinator(options.store, scheduler.owner);
  const run = (reason: string) => async () => {
    try {
      await scheduler.runDueSlot();
    } catch (error) {
      logger.error({ err: error, reason }, 'the tip schedule could not run; the next sweep tries again');
    }
  };
  const taskOptions = (name: string, leaseMs: number): TaskOptions => ({
    name,
    timezone: config.TIP_TIMEZONE,
    noOverlap: true,
    distributed: true,
    runCoordinator: coordinator,
    distributedLease: leaseMs,
    logger: cronLogger(logger),
    suppressMissedWarning: true,
  });
  const tasks: ScheduledTask[] = [
    createTask(config.TIP_CRON, run('slot'), taskOptions('takeaways-tip', SLOT_ELECTION_MS)),
    createTask(SWEEP_CRON, run('sweep'), taskOptions('takeaways-tip-sweep', SWEEP_ELECTION_MS)),
  ];
  for (const task of tasks) void task.start();
  const [next] = scheduler.schedule.next(new Date(), 1);
  logger.info({ cron: config.TIP_CRON, timeZone: config.TIP_TIMEZONE, catchUp: config.TIP_CATCH_UP, next: next?.id }, 'tip schedule started');
  void run('start-up catch-up')();

  return {
    scheduler,
    async stop(timeoutMs = 10_000) {
      await Promise.all(tasks.map((task) => task.destroy()));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const idle = await Promise.race([scheduler.whenIdle().then(() => true), timedOut]);
      clearTimeout(timer);
      if (!idle) logger.warn({ timeoutMs }, 'a tip slot was still posting at shutdown; its unfinished targets are resolved at the next start');
      scheduler.schedule.dispose();
    },
  };
}

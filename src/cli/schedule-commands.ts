import { REST } from 'discord.js';
import type { Command } from 'commander';
import { librarySettingsOf, loadLibrary } from '../app/load-library.js';
import { configSecrets, readConfig, type Config } from '../config.js';
import { createBot } from '../core/create-bot.js';
import { previewTips } from '../core/tip-rotation.js';
import type { Tip } from '../core/tips.js';
import { ErrorCode, TakeawaysError } from '../errors.js';
import { createLogger } from '../logger.js';
import { normaliseApiUrl } from '../platforms/discord/discord-platform.js';
import { postDiscordTip } from '../platforms/discord/post-tip.js';
import { createSlackWebClient, postSlackTip } from '../platforms/slack/post-tip.js';
import { createTipScheduler, tipPosters, type TipSchedulePlatforms } from '../schedule/start-tip-schedule.js';
import { TipSchedule, type Slot } from '../schedule/tip-schedule.js';
import { listTipTargets, parseTipTarget, type TipTarget } from '../schedule/tip-targets.js';
import { formatLocalDate, formatLocalDateTime, formatOffset, localDateTime, zoneOffsetMs } from '../schedule/zoned-time.js';
import { openStore } from '../store/open-store.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `takeaways schedule` and `takeaways post-tip`: the operator's view of the tip of the day's schedule. */
export function registerScheduleCommands(program: Command): void {
  program
    .command('schedule')
    .description('Show the next tip posts: local times in TIP_TIMEZONE, the tip each would post and where it goes')
    .option('--count <N>', 'how many slots', '7')
    .option('--from <date-time>', 'start after this moment, e.g. 2026-03-02T00:00:00Z (default: now)')
    .action(async (options: { count: string; from?: string }) => {
      const count = Number(options.count);
      if (!Number.isInteger(count) || count < 1 || count > 100) throw new TakeawaysError(ErrorCode.ArgumentInvalid, '--count must be a whole number from 1 to 100');
      const from = options.from ? new Date(options.from) : new Date();
      if (Number.isNaN(from.getTime())) throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--from ${options.from}: expected a date-time such as 2026-03-02T00:00:00Z`);
      const config = readConfig();
      const schedule = new TipSchedule(config.TIP_CRON, config.TIP_TIMEZONE);
      const { library } = await loadLibrary(librarySettingsOf(config));
      const store = await openStore(config, { readOnly: true });
      try {
        const slots = schedule.next(from, count);
        const postingDays = [...new Set(slots.map((slot) => slot.day))];
        const tips = new Map((await previewTips(library, store, postingDays)).map((entry) => [entry.day, entry.tip]));
        const targets = await listTipTargets(store, { slack: config.TIP_SLACK_CHANNELS, discord: config.TIP_DISCORD_CHANNELS, languages: config.TIP_LANG }, new Date(8.64e15));
        console.log(`Tip schedule "${schedule.expression}" in ${schedule.timeZone}; after downtime: ${config.TIP_CATCH_UP ? 'posted later the same day (TIP_CATCH_UP on)' : 'skipped (TIP_CATCH_UP off)'}`);
        console.log(`Targets: ${describeTargets(targets)}\n`);
        if (slots.length === 0) console.log('No slot ahead.');
        for (const slot of slots) {
          console.log(describeSlot(slot, schedule.timeZone));
          console.log(describeTip(tips.get(slot.day) ?? null));
        }
      } finally {
        schedule.dispose();
        await store.close();
      }
    });

  program
    .command('post-tip')
    .description('Post the tip of the day now, recorded like a scheduled post (every target, or one with --to)')
    .option('--to <target>', 'one target: slack:CHANNEL_ID or discord:CHANNEL_ID')
    .action(async (options: { to?: string }) => {
      const config = readConfig();
      const only = options.to === undefined ? undefined : [parseTipTarget(options.to)];
      const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: configSecrets(config) });
      const { library } = await loadLibrary(librarySettingsOf(config));
      const store = await openStore(config);
      const scheduler = createTipScheduler(config, {
        store,
        logger,
        posters: tipPosters(restPlatforms(config, createBot({ library, store, logger, timeZone: config.TIP_TIMEZONE, defaultLanguage: config.BOT_LANG }), logger, only)),
      });
      try {
        const now = new Date();
        const local = localDateTime(now, config.TIP_TIMEZONE);
        // Named by the minute: a command repeated by accident (or retried) within it posts nothing more.
        const slot: Slot = { id: `manual:${formatLocalDateTime({ ...local, second: 0 }).slice(0, 16)}`, day: formatLocalDate(local), at: now, kind: 'exact' };
        const targets = only ?? (await listTipTargets(store, { slack: config.TIP_SLACK_CHANNELS, discord: config.TIP_DISCORD_CHANNELS, languages: config.TIP_LANG }, now));
        if (targets.length === 0) {
          // Asked to post and nothing can be posted: a failure a script must see.
          throw new TakeawaysError(ErrorCode.ConfigInvalid, 'post-tip has no target: set TIP_SLACK_CHANNELS or TIP_DISCORD_CHANNELS, or name one with --to');
        }
        const run = await scheduler.runSlot(slot, targets);
        for (const outcome of run.outcomes) console.log(`${outcome.target.padEnd(32)} ${describeOutcome(outcome)}`);
        if (run.outcomes.some((outcome) => outcome.status !== 'posted' && outcome.status !== 'already-posted')) process.exitCode = 1;
      } finally {
        scheduler.schedule.dispose();
        await store.close();
      }
    });
}

/**
 * Web API and REST clients only: a one-shot post must not open a second Socket Mode or gateway session,
 * which would take events meant for the running bot.
 */
function restPlatforms(config: Config, bot: ReturnType<typeof createBot>, logger: ReturnType<typeof createLogger>, only: TipTarget[] | undefined): TipSchedulePlatforms {
  const needs = (platform: TipTarget['platform']) => !only || only.some((target) => target.platform === platform);
  const platforms: TipSchedulePlatforms = {};
  if (needs('slack') && config.SLACK_BOT_TOKEN) {
    const client = createSlackWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL);
    platforms.slack = { postTip: (channelId, when, language) => postSlackTip({ client, bot, logger }, channelId, when ?? new Date(), language) };
  }
  if (needs('discord') && config.DISCORD_TOKEN) {
    const rest = new REST(config.DISCORD_API_URL ? { api: normaliseApiUrl(config.DISCORD_API_URL) } : {}).setToken(config.DISCORD_TOKEN);
    platforms.discord = { postTip: (channelId, when, dedupeKey, language) => postDiscordTip({ rest, bot, logger }, channelId, when ?? new Date(), dedupeKey, language ? { language } : {}) };
  }
  for (const target of only ?? []) {
    if (!platforms[target.platform]) {
      const key = target.platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN';
      throw new TakeawaysError(ErrorCode.ConfigInvalid, `post-tip --to ${target.key} needs ${key} (in .env or the environment)`);
    }
  }
  return platforms;
}

function describeTargets(targets: readonly TipTarget[]): string {
  const channels = targets.filter((target) => target.origin === 'channel').map((target) => target.key);
  const subscribers = targets.filter((target) => target.origin === 'subscriber').map((target) => target.key);
  const parts = [...channels];
  if (subscribers.length > 0) parts.push(`${subscribers.length} subscriber(s) by DM (${subscribers.slice(0, 5).join(', ')}${subscribers.length > 5 ? ', …' : ''})`);
  return parts.length > 0 ? parts.join(', ') : 'none yet (set TIP_SLACK_CHANNELS or TIP_DISCORD_CHANNELS; users can /subscribe)';
}

function describeSlot(slot: Slot, timeZone: string): string {
  const local = localDateTime(slot.at, timeZone);
  const date = formatLocalDate(local);
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
  const time = formatLocalDateTime(local).slice(11, local.second === 0 ? 16 : 19);
  const utc = slot.at.toISOString().replace('T', ' ').slice(0, local.second === 0 ? 16 : 19);
  const note =
    slot.kind === 'repeated'
      ? ` (the clock goes back: posted once, at the first ${slot.id.slice(11, 16)})`
      : slot.kind === 'skipped'
        ? ` (${slot.id.slice(11, 16)} does not exist that day: the clock jumps forward, so it posts at ${time})`
        : '';
  return `${weekday} ${date} ${time} ${formatOffset(zoneOffsetMs(slot.at, timeZone))}   = ${utc} UTC${note}`;
}

function describeTip(tip: Tip | null): string {
  if (!tip) return '    (no tip: no report lists lessons learned)';
  const origin = [tip.event.name, tip.pillar?.name].filter(Boolean).join(' · ');
  return `    ${tip.text}\n    — ${origin}`;
}

function describeOutcome(outcome: { status: string; messageId?: string; error?: string }): string {
  switch (outcome.status) {
    case 'posted':
      return `posted (${outcome.messageId ?? ''})`;
    case 'already-posted':
      return 'already posted this minute; nothing sent';
    case 'in-progress':
      return 'being posted by another process right now';
    case 'in-doubt':
      return `may or may not have been posted (${outcome.error ?? ''}); check the channel`;
    default:
      return `failed: ${outcome.error ?? 'unknown error'}`;
  }
}

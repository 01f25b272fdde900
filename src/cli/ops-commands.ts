import type { Command } from 'commander';
import { librarySettingsOf, loadLibrary } from '../app/load-library.js';
import { CONFIG_KEYS, readConfig, discordEnabled, slackEnabled, type Config } from '../config.js';
import { describeError, isTakeawaysError } from '../errors.js';
import { parseRotation, ROTATION_KEY } from '../core/tip-rotation.js';
import { TipSchedule } from '../schedule/tip-schedule.js';
import { maskUrlPassword } from '../store/mask-url.js';
import { openStore, storeFilePath } from '../store/open-store.js';

const SECRET_KEYS = new Set(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN']);

/** Enough of a secret to tell which one it is, never enough to use it. */
export function maskSecret(value: string): string {
  const kind = /^(xox[a-z]-|xapp-)/.exec(value)?.[0] ?? '';
  return `${kind}…(${value.length} characters)`;
}

function formatValue(key: string, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (SECRET_KEYS.has(key) && typeof value === 'string') return maskSecret(value);
  if (key === 'REDIS_URL' && typeof value === 'string') return maskUrlPassword(value);
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** How to start the rotation afresh, for the store in use: the walk then begins again from the first tip. */
async function howToResetRotation(config: Config): Promise<string> {
  const restart = 'Restore a backup, or remove the record to start the rotation afresh (the next tip is then the first of the walk)';
  if (config.REDIS_URL) {
    const { redisValueKey } = await import('../store/redis-store.js');
    return `${restart}: redis-cli -u '${maskUrlPassword(config.REDIS_URL)}' DEL ${redisValueKey(ROTATION_KEY)}`;
  }
  return `${restart}, with the bot stopped: sqlite3 ${storeFilePath(config)} "DELETE FROM kv WHERE key = '${ROTATION_KEY}'"`;
}

/** `takeaways doctor`: what the bot would do with this configuration, and every problem found. */
export function registerOpsCommands(program: Command): void {
  program
    .command('doctor')
    .description('Check the configuration, content and state store; print what would start (secrets masked)')
    .action(async () => {
      const problems: string[] = [];
      let config: Config;
      try {
        config = readConfig();
      } catch (error) {
        console.log(isTakeawaysError(error) ? error.message : describeError(error));
        console.log('\ndoctor: the configuration must be fixed first.');
        process.exitCode = 1;
        return;
      }

      console.log('Configuration (effective):');
      const values = config as Record<string, unknown>;
      for (const key of CONFIG_KEYS) console.log(`  ${key.padEnd(24)} ${formatValue(key, values[key])}`);

      const platforms = [slackEnabled(config) ? `Slack (${config.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on port ${config.PORT}`})` : '', discordEnabled(config) ? 'Discord' : ''].filter(Boolean);
      console.log(`\nPlatforms: ${platforms.length > 0 ? platforms.join(', ') : 'none: npm start opens the terminal console'}`);

      const { library, model } = await loadLibrary(librarySettingsOf(config));
      const errors = model.problems.filter((problem) => problem.severity === 'error');
      console.log(
        `\nContent: ${library.events.length} event(s), ${library.speakers.length} speaker(s), ${library.tips.length} tip(s) from ${config.CONTENT_DIR}; ${model.skipped.length} page(s) skipped, ${errors.length} error(s), ${model.problems.length - errors.length} warning(s)`,
      );
      for (const problem of errors) problems.push(`${problem.source}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
      if (library.events.length === 0) problems.push(`no report found in ${config.CONTENT_DIR}: run \`takeaways check\` to see why`);

      const schedule = new TipSchedule(config.TIP_CRON, config.TIP_TIMEZONE);
      const [nextSlot] = schedule.next(new Date(), 1);
      schedule.dispose();
      const channels = [...config.TIP_SLACK_CHANNELS.map((id) => `slack:${id}`), ...config.TIP_DISCORD_CHANNELS.map((id) => `discord:${id}`)];
      console.log(
        `Schedule: "${config.TIP_CRON}" in ${config.TIP_TIMEZONE}; next post ${nextSlot ? `${nextSlot.id.replace('T', ' ')} (${nextSlot.at.toISOString()})` : 'never (the expression matches no day soon)'}; to ${channels.length > 0 ? channels.join(', ') : 'no channel'} and every DM subscriber`,
      );
      if (config.TIP_SLACK_CHANNELS.length > 0 && !slackEnabled(config)) problems.push('TIP_SLACK_CHANNELS is set but SLACK_BOT_TOKEN is not: those channels get no tip');
      if (config.TIP_DISCORD_CHANNELS.length > 0 && !discordEnabled(config)) problems.push('TIP_DISCORD_CHANNELS is set but DISCORD_TOKEN is not: those channels get no tip');
      if (channels.length === 0) console.log('  (set TIP_SLACK_CHANNELS / TIP_DISCORD_CHANNELS to post in channels; `takeaways schedule` shows the next week)');

      try {
        const store = await openStore(config, { readOnly: true });
        const subscriptions = await store.listSubscriptions();
        const rotation = parseRotation(await store.getValue(ROTATION_KEY));
        await store.close();
        const where = config.REDIS_URL ? `Redis at ${maskUrlPassword(config.REDIS_URL)}` : storeFilePath(config);
        console.log(`State: ${where} (${subscriptions.length} subscriber(s), ${rotation.entries.length} day(s) of tip rotation)`);
        if (rotation.damage) problems.push(`the tip rotation record (${ROTATION_KEY}) is damaged: ${rotation.damage}. ${await howToResetRotation(config)}`);
      } catch (error) {
        problems.push(describeError(error));
      }

      if (problems.length > 0) {
        console.log(`\nProblems (${problems.length}):`);
        for (const problem of problems) console.log(`  - ${problem}`);
        process.exitCode = 1;
      } else {
        console.log('\nNo problems found.');
      }
    });
}

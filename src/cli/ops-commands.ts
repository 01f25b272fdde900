import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { librarySettingsOf, loadLibrary } from '../app/load-library.js';
import { CONFIG_KEYS, readConfig, discordEnabled, slackEnabled, slackOverHttp, type Config } from '../config.js';
import { describeError, isTakeawaysError } from '../errors.js';
import { parseRotation, ROTATION_KEY } from '../core/tip-rotation.js';
import { TipSchedule } from '../schedule/tip-schedule.js';
import { maskUrlPassword } from '../store/mask-url.js';
import { openStore, storeFilePath } from '../store/open-store.js';
import { hideCredentials, type ContentRepository } from '../sources/content-repository.js';
import type { ContentSource } from '../sources/content-sources.js';

const SECRET_KEYS = new Set(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'GITHUB_WEBHOOK_SECRET']);

/** Enough of a secret to tell which one it is, never enough to use it. */
export function maskSecret(value: string): string {
  const kind = /^(xox[a-z]-|xapp-)/.exec(value)?.[0] ?? '';
  return `${kind}…(${value.length} characters)`;
}

function formatValue(key: string, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (SECRET_KEYS.has(key) && typeof value === 'string') return maskSecret(value);
  if (key === 'REDIS_URL' && typeof value === 'string') return maskUrlPassword(value);
  if (key === 'CONTENT_REPOS' && Array.isArray(value)) return (value as ContentRepository[]).map((repository) => repository.label).join(',') || '(none)';
  if (key === 'CONTENT_SYNC_INTERVAL' && typeof value === 'number') return value === 0 ? '0 (off)' : `${value / 1000}s`;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** The sources as a person names them: a folder's path, a repository's site and URL (credentials hidden). */
function describeSources(sources: readonly ContentSource[]): string {
  return sources.map((source) => (source.kind === 'folder' ? source.dir : `${source.site} (${hideCredentials(source.url ?? '')})`)).join(', ');
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

      const settings = librarySettingsOf(config);
      const { library, model } = await loadLibrary(settings);
      const errors = model.problems.filter((problem) => problem.severity === 'error');
      const sources = describeSources(settings.sources);
      console.log(
        `\nContent: ${library.events.length} event(s), ${library.speakers.length} speaker(s), ${library.tips.length} tip(s) from ${sources}; ${model.skipped.length} page(s) skipped, ${errors.length} error(s), ${model.problems.length - errors.length} warning(s)`,
      );
      // Clones as they are on disk: doctor never touches the network.
      const uncloned = settings.sources.filter((source) => source.kind === 'git' && !existsSync(source.dir)).map((source) => source.site);
      for (const source of settings.sources.filter((entry) => entry.kind === 'git')) {
        console.log(`  ${source.site}: ${uncloned.includes(source.site) ? 'not cloned yet (`takeaways sync` clones it; so does the bot at start)' : `cloned in ${source.dir}`}`);
      }
      if (config.CONTENT_REPOS.length > 0) {
        console.log(`  Synced ${config.CONTENT_SYNC_INTERVAL === 0 ? 'at start only (CONTENT_SYNC_INTERVAL=0)' : `at start and every ${config.CONTENT_SYNC_INTERVAL / 1000}s`}${config.GITHUB_WEBHOOK_SECRET ? ', and on GitHub pushes' : ''}`);
      }
      for (const problem of errors) problems.push(`${problem.source}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
      if (library.events.length === 0) {
        const hint = uncloned.length > 0 ? `${uncloned.join(', ')} not cloned yet: run \`takeaways sync\`` : 'run `takeaways check` to see why';
        problems.push(`no report found in ${sources}: ${hint}`);
      }
      if (config.GITHUB_WEBHOOK_SECRET && config.CONTENT_REPOS.length === 0) problems.push('GITHUB_WEBHOOK_SECRET is set but CONTENT_REPOS is empty: a push webhook has no repository to sync');
      // The webhook rides on the health server, which runs beside Slack or Discord (not the console).
      const webhookServed = (slackEnabled(config) || discordEnabled(config)) && (config.HEALTH_PORT !== undefined || slackOverHttp(config));
      if (config.GITHUB_WEBHOOK_SECRET && !webhookServed) {
        problems.push('GITHUB_WEBHOOK_SECRET is set but no HTTP server takes /webhooks/github: set HEALTH_PORT with Slack or Discord running (Slack over HTTP serves it on PORT)');
      }

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

#!/usr/bin/env node
import { Command } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { describeError, isTakeawaysError } from './errors.js';

loadDotenv({ quiet: true });

type Registration = (program: Command) => void;

/** Each verb's module; only the one a run needs is loaded, so `npm start` does not pay for every SDK. */
const REGISTRATIONS: Record<string, () => Promise<Registration>> = {
  core: async () => (await import('./cli/core-commands.js')).registerCoreCommands,
  content: async () => (await import('./cli/content-commands.js')).registerContentCommands,
  slack: async () => (await import('./cli/slack-commands.js')).registerSlackCommands,
  discord: async () => (await import('./cli/discord-commands.js')).registerDiscordCommands,
  ops: async () => (await import('./cli/ops-commands.js')).registerOpsCommands,
  schedule: async () => (await import('./cli/schedule-commands.js')).registerScheduleCommands,
  sync: async () => (await import('./cli/sync-commands.js')).registerSyncCommands,
};

const MODULE_OF_VERB: Record<string, string> = {
  start: 'core',
  ask: 'core',
  tip: 'core',
  check: 'content',
  export: 'content',
  manifest: 'slack',
  'deploy-commands': 'discord',
  doctor: 'ops',
  schedule: 'schedule',
  'post-tip': 'schedule',
  sync: 'sync',
};

const program = new Command()
  .name('takeaways')
  .description('Shares workshop takeaway reports with the community on Slack, Discord and in a terminal.')
  .showHelpAfterError();

try {
  const verb = process.argv[2];
  // No verb runs the default (start); a known verb loads its module; anything else (--help, a typo) loads all.
  const wanted = verb === undefined ? ['core'] : MODULE_OF_VERB[verb] ? [MODULE_OF_VERB[verb]] : Object.keys(REGISTRATIONS);
  for (const name of wanted) (await (REGISTRATIONS[name] as () => Promise<Registration>)())(program);
  await program.parseAsync();
} catch (error) {
  // Expected failures print their actionable message; anything else also prints its stack for a bug report.
  console.error(isTakeawaysError(error) ? `takeaways: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : describeError(error));
  process.exitCode = 1;
}

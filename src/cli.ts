#!/usr/bin/env node
import { Command } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { registerContentCommands } from './cli/content-commands.js';
import { registerCoreCommands } from './cli/core-commands.js';
import { registerDiscordCommands } from './cli/discord-commands.js';
import { registerOpsCommands } from './cli/ops-commands.js';
import { registerScheduleCommands } from './cli/schedule-commands.js';
import { registerSlackCommands } from './cli/slack-commands.js';
import { describeError, isTakeawaysError } from './errors.js';

loadDotenv({ quiet: true });

const program = new Command()
  .name('takeaways')
  .description('Shares workshop takeaway reports with the community on Slack, Discord and in a terminal.')
  .showHelpAfterError();

registerCoreCommands(program);
registerContentCommands(program);
registerSlackCommands(program);
registerDiscordCommands(program);
registerOpsCommands(program);
registerScheduleCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  // Expected failures print their actionable message; anything else also prints its stack for a bug report.
  console.error(isTakeawaysError(error) ? `takeaways: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : describeError(error));
  process.exitCode = 1;
}

import { DiscordAPIError, REST } from 'discord.js';
import { Option, type Command } from 'commander';
import { readConfig } from '../config.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { commandDeclarations } from '../core/commands.js';
import { describeError, ErrorCode, TakeawaysError } from '../errors.js';
import { buildCommandRegistration, deployCommandRegistration, pillarChoicesFromTaxonomy } from '../platforms/discord/command-registration.js';
import { normaliseApiUrl } from '../platforms/discord/discord-platform.js';
import { openStore } from '../store/open-store.js';

interface DeployFlags {
  guild?: string;
  clearGlobal?: boolean;
  clearGuild?: string;
}

/** `takeaways deploy-commands [--guild ID]`: registers the whole slash-command set with Discord now. */
export function registerDiscordCommands(program: Command): void {
  program
    .command('deploy-commands')
    .description('Register the slash commands with Discord (replaces the whole set); --guild for one server, instantly')
    .addOption(new Option('--guild <id>', 'register to this server only (instant; global commands can take up to an hour)').env('DISCORD_GUILD_ID'))
    .addOption(new Option('--clear-global', 'with --guild: also remove the global set, so each command shows once'))
    .addOption(new Option('--clear-guild <id>', "registering globally: also remove this server's set, so each command shows once"))
    .action(async (flags: DeployFlags) => {
      const config = readConfig();
      if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
        throw new TakeawaysError(ErrorCode.ConfigInvalid, 'deploy-commands needs DISCORD_TOKEN and DISCORD_APP_ID (in .env or the environment)');
      }
      // An empty DISCORD_GUILD_ID= line, as .env.example leaves it, means global.
      const guildId = flags.guild?.trim() || undefined;
      if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) {
        throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--guild ${guildId}: expected a numeric server id (right-click the server → Copy Server ID)`);
      }
      if (flags.clearGlobal && guildId === undefined) {
        throw new TakeawaysError(ErrorCode.ArgumentInvalid, '--clear-global removes the global set while registering to one server: give --guild (or DISCORD_GUILD_ID) too');
      }
      const clearGuild = flags.clearGuild?.trim() || undefined;
      if (clearGuild !== undefined && (guildId !== undefined || !/^\d{5,25}$/.test(clearGuild))) {
        throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--clear-guild ${clearGuild}: give the numeric id of the server whose set to remove, while registering globally (no --guild)`);
      }
      const rest = new REST(config.DISCORD_API_URL ? { api: normaliseApiUrl(config.DISCORD_API_URL) } : {}).setToken(config.DISCORD_TOKEN);
      const pillarChoices = pillarChoicesFromTaxonomy(loadTaxonomy(config.TAXONOMY_FILE));
      const scope = guildId ? { guildId } : {};
      const body = buildCommandRegistration(commandDeclarations, pillarChoices, scope);
      // Recording the hash spares the next `npm start` a registration; without a store file, nothing is created.
      const store = await openStore(config, { mustExist: true });
      try {
        await deployCommandRegistration({ rest, appId: config.DISCORD_APP_ID, body, ...scope }, store);
        // The other scope's set, emptied: with both, Discord shows every command twice in that server.
        if (flags.clearGlobal) await deployCommandRegistration({ rest, appId: config.DISCORD_APP_ID, body: [] }, store);
        if (clearGuild) await deployCommandRegistration({ rest, appId: config.DISCORD_APP_ID, body: [], guildId: clearGuild }, store);
      } catch (error) {
        throw deployError(error, config.DISCORD_APP_ID);
      } finally {
        await store.close();
      }
      const where = guildId ? `server ${guildId} (available now)` : 'every server and DM (global: may take up to an hour to appear)';
      console.log(`Registered ${body.length} commands (${body.map((command) => `/${command.name}`).join(', ')}) for ${where}.`);
      if (flags.clearGlobal) console.log('Removed the global commands (they may take up to an hour to disappear).');
      if (clearGuild) console.log(`Removed the commands registered to server ${clearGuild}.`);
    });
}

function deployError(error: unknown, appId: string): TakeawaysError {
  if (error instanceof DiscordAPIError && error.status === 401) {
    return new TakeawaysError(ErrorCode.PlatformAuth, 'Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal (your application → Bot → Reset Token)', { platform: 'discord' }, { cause: error });
  }
  if (error instanceof DiscordAPIError && error.status === 403) {
    return new TakeawaysError(
      ErrorCode.PlatformRequest,
      `Discord refused to register commands for application ${appId}: check DISCORD_APP_ID and, with --guild, that the bot was invited with the applications.commands scope`,
      { platform: 'discord' },
      { cause: error },
    );
  }
  return new TakeawaysError(ErrorCode.PlatformRequest, `could not register the commands with Discord: ${describeError(error)}`, { platform: 'discord' }, { cause: error });
}

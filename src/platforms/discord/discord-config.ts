import type { Config } from '../../config.js';
import type { Taxonomy } from '../../content/model.js';
import type { Bot } from '../../core/bot-api.js';
import { ErrorCode, TakeawaysError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { pillarChoicesFromTaxonomy } from './command-registration.js';
import type { DiscordOptions } from './discord-platform.js';

export type DiscordConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APP_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL'>;

/**
 * `startDiscord`'s options from the configuration. Pillar choices come from the same taxonomy as
 * `deploy-commands` uses, so both produce the same command set and the same registration hash.
 */
export function discordOptionsFromConfig(config: DiscordConfig, parts: { bot: Bot; store: Store; logger: Logger; taxonomy: Taxonomy }): DiscordOptions {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
    throw new TakeawaysError(ErrorCode.ConfigInvalid, 'Discord needs DISCORD_TOKEN and DISCORD_APP_ID (in .env or the environment)');
  }
  return {
    bot: parts.bot,
    store: parts.store,
    logger: parts.logger,
    token: config.DISCORD_TOKEN,
    appId: config.DISCORD_APP_ID,
    pillarChoices: pillarChoicesFromTaxonomy(parts.taxonomy),
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
  };
}

import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { hostname } from 'node:os';
import {
  Client,
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  Options,
  Partials,
  PermissionFlagsBits,
  Status,
} from 'discord.js';
import type { Bot } from '../../core/bot-api.js';
import type { Language } from '../../core/i18n.js';
import { WorkTracker } from '../../core/work-tracker.js';
import { describeError, ErrorCode, TakeawaysError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_DEFER_AFTER_MS } from './answer-interaction.js';
import { buildCommandRegistration, registerCommandsIfChanged, type CommandChoice } from './command-registration.js';
import { handleDirectMessage } from './handle-direct-message.js';
import { handleInteraction } from './handle-interaction.js';
import { CANNOT_MESSAGE_USER, postDiscordTip, REFUSED, type PostTipResult } from './post-tip.js';

export { buildCommandRegistration, registerCommandsIfChanged } from './command-registration.js';

export type PostResult = { ok: true; messageId: string } | { ok: false; error: string };

export interface DiscordPlatform {
  /** Posts the tip of the day for this channel; a failure is logged with the channel and returned, never thrown. */
  postTip(channelId: string, when?: Date, dedupeKey?: string, language?: Language): Promise<PostResult>;
  isConnected(): boolean;
  /** Stops taking interactions, lets replies and posts in flight finish (bounded), then disconnects. */
  stop(drainTimeoutMs?: number): Promise<void>;
}

export interface DiscordOptions {
  bot: Bot;
  store: Store;
  logger: Logger;
  token: string;
  appId: string;
  /** Register commands to this server only (instant) instead of globally. */
  guildId?: string;
  /** A REST proxy or a local fake, e.g. `http://127.0.0.1:8080/api`; discord.js appends `/v10`. */
  apiUrl?: string;
  /** Fixed choices for pillar options (usually from the taxonomy). */
  pillarChoices?: CommandChoice[];
  /** When an answer is not ready after this long, the interaction is deferred first (default 2 s). */
  deferAfterMs?: number;
  /**
   * Several copies of the bot on one token (sharing a Redis store) all receive every interaction: set, each copy
   * claims an interaction in the store first and only the one that got it answers (the others would fail with 40060).
   */
  claimInteractions?: boolean;
}

/** An interaction takes its first answer within 3 s; its claim outlives that comfortably. */
const INTERACTION_CLAIM_MS = 60_000;

/** Accepts `…/api`, `…/api/` or `…/api/v10`: discord.js wants the base without the version. */
export function normaliseApiUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

function loginError(error: unknown, apiUrl: string | undefined): TakeawaysError {
  const refused =
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) || (error instanceof DiscordAPIError && error.status === 401);
  if (refused) {
    return new TakeawaysError(
      ErrorCode.PlatformAuth,
      'Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal (your application → Bot → Reset Token) into .env',
      { platform: 'discord' },
      { cause: error },
    );
  }
  return new TakeawaysError(ErrorCode.PlatformRequest, `could not connect to Discord${apiUrl ? ` at ${apiUrl}` : ''}: ${describeError(error)}`, { platform: 'discord' }, { cause: error });
}

/**
 * Logs in with the intents a DM-answering bot needs (no privileged one: DM content arrives without
 * MessageContent), registers the commands when they changed, and answers interactions and DMs.
 */
export async function startDiscord(options: DiscordOptions): Promise<DiscordPlatform> {
  const { bot, store, logger } = options;
  const apiUrl = options.apiUrl ? normaliseApiUrl(options.apiUrl) : undefined;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    // Without the Channel partial, a DM in a channel discord.js has not cached is silently dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    // As many shards as Discord asks for (GET /gateway/bot): past 2,500 servers it refuses a single one (4011).
    // All run in this process; direct messages arrive on shard 0.
    shards: 'auto',
    // The bot reads no message history, reactions, emojis, stickers, presences, voice states, bans, invites or events,
    // and of a server's members needs only itself (its permissions in a channel); keeping none of the rest saves memory
    // in large servers, where each member who runs a command would otherwise stay cached. Channels, roles and threads
    // (where tips go, and what permissions are read from) are cached as discord.js needs them.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ThreadMemberManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...(apiUrl ? { rest: { api: apiUrl } } : {}),
  });
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;

  // Answers in flight are tracked so a shutdown lets them finish; nothing new starts once stopping.
  const work = new WorkTracker();
  let stopping = false;
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  /** True when this copy answers the interaction; a store that fails lets it answer (twice beats never). */
  const claim = async (interactionId: string): Promise<boolean> => {
    if (!options.claimInteractions) return true;
    try {
      return await store.acquireLease(`discord:interaction:${interactionId}`, owner, INTERACTION_CLAIM_MS, new Date());
    } catch (error) {
      logger.warn({ err: error, platform: 'discord', interactionId }, 'discord: could not claim an interaction in the store; answering it anyway');
      return true;
    }
  };
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    void work.track(
      claim(interaction.id).then((mine) => {
        if (mine) return handleInteraction(interaction, { bot, logger, deferAfterMs });
        logger.debug({ platform: 'discord', interactionId: interaction.id }, 'discord: another copy of the bot answers this interaction');
        return undefined;
      }),
    );
  });
  client.on(Events.MessageCreate, (message) => {
    if (client.isReady() && !stopping) void work.track(handleDirectMessage(message, { client, bot, logger }));
  });
  client.on(Events.Error, (error) => logger.error({ err: error, platform: 'discord' }, 'discord: client error'));
  client.on(Events.Warn, (warning) => logger.warn({ platform: 'discord' }, `discord: ${warning}`));
  client.on(Events.ShardDisconnect, (event) => logger.warn({ platform: 'discord', code: event.code }, 'discord: gateway disconnected'));
  client.on(Events.ShardReconnecting, () => logger.info({ platform: 'discord' }, 'discord: reconnecting to the gateway'));
  client.rest.on('rateLimited', (info) => logger.warn({ platform: 'discord', route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord: rate limited; the request waits'));

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw loginError(error, apiUrl);
  }

  const connectedAppId = client.application?.id;
  if (connectedAppId && connectedAppId !== options.appId) {
    await client.destroy();
    throw new TakeawaysError(
      ErrorCode.ConfigInvalid,
      `DISCORD_APP_ID ${options.appId} is not the application of DISCORD_TOKEN (${connectedAppId}): copy the Application ID from the Developer Portal`,
      { platform: 'discord' },
    );
  }
  logger.info({ platform: 'discord', user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: connected');

  const body = buildCommandRegistration(bot.commands, options.pillarChoices ?? [], options.guildId ? { guildId: options.guildId } : {});
  try {
    await registerCommandsIfChanged({ rest: client.rest, appId: options.appId, body, ...(options.guildId ? { guildId: options.guildId } : {}) }, store, logger);
  } catch (error) {
    // The bot still answers DMs and the commands registered before; the operator sees why in the log.
    logger.error({ err: error, platform: 'discord', guildId: options.guildId }, 'discord: could not register the commands; run `takeaways deploy-commands` to retry');
  }

  return {
    postTip(channelId, when = new Date(), dedupeKey, language) {
      return work.track(
        postDiscordTip({ rest: client.rest, bot, logger }, channelId, when, dedupeKey, { embeds: mayEmbedIn(client, channelId), ...(language ? { language } : {}) }).then(async (result) => {
          await noteClosedDirectMessages(store, logger, channelId, result);
          return result;
        }),
      );
    },
    isConnected() {
      // The manager's own status stays Ready after the first login; each shard's tells the truth.
      return !stopping && client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },
    async stop(drainTimeoutMs = 10_000) {
      if (stopping) return;
      stopping = true;
      if (!(await work.drain(drainTimeoutMs))) logger.warn({ platform: 'discord', drainTimeoutMs }, 'discord: replies still in flight at shutdown were abandoned');
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/** After this many tips in a row refused because the user's DMs are closed (50007), the subscription ends. */
export const MAX_CLOSED_DM_REFUSALS = 3;

/**
 * Counts the tips a subscriber's closed DMs refused in a row (in the store, so restarts and replicas agree) and ends
 * the subscription at the third, with a log line: a subscriber who closed their DMs is not posted to forever.
 */
async function noteClosedDirectMessages(store: Store, logger: Logger, channelId: string, result: PostTipResult): Promise<void> {
  const key = `discord:closed-dm:${channelId}`;
  try {
    const refusedNow = !result.ok && result.error.startsWith(`${REFUSED}: 403 ${CANNOT_MESSAGE_USER}:`);
    const before = Number((await store.getValue(key)) ?? '0');
    if (!refusedNow) {
      if (before > 0) await store.setValue(key, '0');
      return;
    }
    const count = before + 1;
    if (count < MAX_CLOSED_DM_REFUSALS) {
      await store.setValue(key, String(count));
      return;
    }
    await store.setValue(key, '0');
    const subscribers = (await store.listSubscriptions()).filter((subscription) => subscription.platform === 'discord' && subscription.channelId === channelId);
    for (const subscriber of subscribers) {
      await store.unsubscribe('discord', subscriber.userId);
      logger.warn(
        { platform: 'discord', userId: subscriber.userId, channelId, refusals: count },
        `discord: unsubscribed ${subscriber.userId} from the daily tip: their direct messages refused ${count} tips in a row (${CANNOT_MESSAGE_USER})`,
      );
    }
  } catch (error) {
    logger.warn({ err: error, platform: 'discord', channelId }, 'discord: could not record a tip refused by closed direct messages');
  }
}

/**
 * Whether the bot may embed in a channel, as far as the gateway's cache knows: false only when the channel's
 * permissions for the bot are known and lack Embed Links (a DM, or a channel not cached, embeds as usual).
 */
function mayEmbedIn(client: Client, channelId: string): boolean {
  const channel = client.channels.cache.get(channelId);
  if (!channel || channel.isDMBased() || !client.user) return true;
  const permissions = channel.permissionsFor(client.user);
  return permissions ? permissions.has(PermissionFlagsBits.EmbedLinks) : true;
}

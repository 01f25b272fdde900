import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import {
  App,
  defaultBodyLimit,
  HTTPReceiver,
  SocketModeReceiver,
  type AllMiddlewareArgs,
  type Receiver,
  type RespondFn,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type webApi,
} from '@slack/bolt';
import type { Bot, BotUser } from '../../core/bot-api.js';
import { WorkTracker } from '../../core/work-tracker.js';
import { indexCommands } from '../../core/commands.js';
import { translator, type Language, type Translator } from '../../core/i18n.js';
import { ACTION_ID_PREFIX, decodeActionId } from '../../core/render/action-id.js';
import { escapeSlackFallback } from '../../core/render/escape.js';
import { reply as makeReply, type Reply } from '../../core/reply.js';
import { ErrorCode, TakeawaysError, describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { buildHomeView } from './app-home.js';
import { createBoltLogger } from './bolt-logger.js';
import { guardRequestBodies } from './guard-request-body.js';
import { createSlackWebClient, postSlackTip } from './post-tip.js';
import { RecentIds } from './recent-ids.js';
import { callSlackApi, DEFAULT_RATE_LIMIT_POLICY, slackErrorCode, type RateLimitPolicy } from './slack-api-call.js';
import { renderOutgoingMessage, renderSharedMessage, renderSlashResponse } from './slack-message.js';
import { decodeSlackText } from './slack-text.js';
import { listSlashCommands, resolveSlashCommand, slackCommandSyntax, type SlashCommand } from './slash-commands.js';

export interface SlackOptions {
  bot: Bot;
  store: Store;
  logger: Logger;
  botToken: string;
  /** Required in HTTP mode: every request's signature is checked with it. */
  signingSecret?: string;
  /** Set: Socket Mode (no public URL needed). Unset: HTTP mode on `port`. */
  appToken?: string;
  /** HTTP mode's port; 0 picks a free one (see `SlackPlatform.port`). */
  port: number;
  /** The Web API base, e.g. for GovSlack, a proxy, or a local fake; Slack's own by default. */
  apiUrl?: string;
  /** Prepended to every slash command name (`acme-` gives `/acme-takeaways`), to avoid clashes. */
  commandPrefix?: string;
  /**
   * Copies of the bot sharing a store (Redis) also share Slack's event retries: set, an event is claimed in the store
   * so only one copy answers it, whichever copy Slack's retry reaches. Unset: remembered in memory.
   */
  claimEvents?: boolean;
  /** How long a slash command waits for its answer before acking empty and answering via response_url. */
  ackBudgetMs?: number;
  rateLimit?: RateLimitPolicy;
  clock?: () => Date;
  /**
   * More routes served on the HTTP receiver's port (the health endpoints, GET and HEAD by default; the GitHub webhook,
   * POST, whose handler reads the raw body itself: Bolt hands custom routes the request unread); ignored in Socket Mode.
   */
  extraRoutes?: readonly { path: string; methods?: readonly string[]; handler: (request: IncomingMessage, response: ServerResponse) => void }[];
}

export type PostResult = { ok: true; ts: string } | { ok: false; error: string };

export interface SlackPlatform {
  /** The bound HTTP port in HTTP mode; undefined in Socket Mode. */
  readonly port: number | undefined;
  readonly mode: 'http' | 'socket';
  /** Posts the day's tip to a channel, in `language` (default BOT_LANG); failures are logged with the channel and returned, never thrown. */
  postTip(channelId: string, when?: Date, language?: Language): Promise<PostResult>;
  isConnected(): boolean;
  /** Stops taking requests, lets replies and posts in flight finish (bounded), then returns. */
  stop(drainTimeoutMs?: number): Promise<void>;
}

/** Where Slack sends events, commands and interactions in HTTP mode (Bolt's default, named so the guard reads the same). */
const SLACK_EVENTS_PATH = '/slack/events';

/** How long a user's Slack locale (users.info) is trusted before it is asked again. */
const LOCALE_CACHE_MS = 60 * 60 * 1_000;
/** The most users whose locale is kept at once; the oldest is forgotten first. */
const LOCALE_CACHE_SIZE = 10_000;

/** The inputs the router takes, matched as Bolt's `command`, `event` and `action` listeners match them. */
const SLASH_COMMANDS = /^\//;
const EVENT_TYPES = /^(?:message|app_mention|app_home_opened)$/;

/**
 * Bolt's ignoreSelf, as the router applies it: a `bot_message` from this bot, or an event whose user is the bot (but
 * for it joining or leaving a channel, which Bolt keeps too).
 */
function isOwnEvent(event: { type: string; subtype?: unknown; bot_id?: unknown; user?: unknown }, context: { botId?: string; botUserId?: string }): boolean {
  if (event.type === 'message' && event.subtype === 'bot_message' && event.bot_id === context.botId) return true;
  return context.botUserId !== undefined && event.user === context.botUserId && event.type !== 'member_joined_channel' && event.type !== 'member_left_channel';
}

/** A block action on one of the bot's buttons: a payload whose action_id starts with `tk:` (see render/action-id). */
function isOurButton(payload: object): boolean {
  const actionId = (payload as { action_id?: unknown }).action_id;
  return typeof actionId === 'string' && actionId.startsWith(ACTION_ID_PREFIX);
}

/** Slack retries an event for about an hour at most; a claim outlives that. */
const EVENT_CLAIM_MS = 2 * 60 * 60 * 1_000;

/** Slack's acknowledgement window is 3 s; this leaves room for the network both ways. */
const DEFAULT_ACK_BUDGET_MS = 2_000;

/**
 * Starts the Slack app over the core. One listener per kind of input keeps Bolt's per-request
 * matching cheap; each listener only translates Slack's payload into a core call and renders the Reply.
 */
export async function startSlack(options: SlackOptions): Promise<SlackPlatform> {
  const { bot, store, logger: baseLogger } = options;
  const logger = baseLogger.child({ platform: 'slack' });
  const boltLogger = createBoltLogger(logger);
  const clock = options.clock ?? (() => new Date());
  const ackBudgetMs = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS;
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY;
  const slashCommands = listSlashCommands(bot.commands, options.commandPrefix ?? '');
  const slashByName = new Map(slashCommands.map((slash) => [slash.name, slash]));
  const syntax = slackCommandSyntax(slashCommands);
  const knownCommands = indexCommands(bot.commands);
  const seenEvents = new RecentIds();
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  /** True the first time any copy sees the event; a store that fails falls back to this copy's memory. */
  const firstTime = async (eventId: string): Promise<boolean> => {
    if (!seenEvents.markFirst(eventId)) return false;
    if (!options.claimEvents) return true;
    try {
      return await store.acquireLease(`slack:event:${eventId}`, owner, EVENT_CLAIM_MS, clock());
    } catch (error) {
      logger.warn({ err: error, eventId }, 'slack: could not claim an event in the store; answering it from this copy');
      return true;
    }
  };

  const clientOptions: webApi.WebClientOptions = {
    // Rate limits are waited out by callSlackApi, bounded, instead of pausing the whole client.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
    timeout: 10_000,
  };
  if (options.apiUrl) clientOptions.slackApiUrl = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;

  const mode = options.appToken ? 'socket' : 'http';
  let receiver: Receiver;
  let socketConnected = false;
  if (options.appToken) {
    const socketReceiver = new SocketModeReceiver({ appToken: options.appToken, logger: boltLogger, installerOptions: { clientOptions } });
    socketReceiver.client.on('connected', () => (socketConnected = true));
    socketReceiver.client.on('disconnected', () => (socketConnected = false));
    receiver = socketReceiver;
  } else {
    if (!options.signingSecret) {
      throw new TakeawaysError(ErrorCode.ConfigInvalid, 'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN to use Socket Mode)');
    }
    const httpReceiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [SLACK_EVENTS_PATH],
      bodyLimit: defaultBodyLimit,
      logger: boltLogger,
      processBeforeResponse: false,
      customRoutes: (options.extraRoutes ?? []).map((route) => ({ path: route.path, method: [...(route.methods ?? ['GET', 'HEAD'])], handler: route.handler })),
    });
    httpReceiver.requestListener = guardRequestBodies(httpReceiver.requestListener, { paths: [SLACK_EVENTS_PATH], bodyLimit: defaultBodyLimit, logger });
    receiver = httpReceiver;
  }

  const app = new App({
    receiver,
    token: options.botToken,
    logger: boltLogger,
    clientOptions,
    // We keep no conversation state; skipping Bolt's store saves work on every request.
    convoStore: false,
    // The router drops the bot's own events itself (see isOwnEvent), instead of a middleware step on every request.
    ignoreSelf: false,
    // auth.test runs in init(), where a bad token becomes one clear start-up error.
    deferInitialization: true,
  });
  const client = app.client;
  // Tip posts go through a client that never re-sends on its own: a post whose answer was lost is
  // reported to the scheduler (which knows whether it may retry), never silently posted twice.
  const tipClient = createSlackWebClient(options.botToken, options.apiUrl);

  const post = (args: webApi.ChatPostMessageArguments, context: Record<string, unknown>) =>
    callSlackApi(() => client.chat.postMessage({ unfurl_links: false, unfurl_media: false, ...args }), logger, { method: 'chat.postMessage', ...context }, rateLimit);

  const locales = new Map<string, { locale: string | undefined; at: number }>();
  /** Lookups under way, so a burst of requests from one user asks Slack once. */
  const lookups = new Map<string, Promise<string | undefined>>();
  /**
   * The user's Slack language (users.info with include_locale: `vi-VN`), asked only when the core needs it (the user
   * chose no language with /lang) and kept for an hour; a failed lookup answers in the default language, logged.
   */
  async function localeOf(userId: string): Promise<string | undefined> {
    const now = clock().getTime();
    const known = locales.get(userId);
    if (known && now - known.at < LOCALE_CACHE_MS) return known.locale;
    const pending = lookups.get(userId);
    if (pending) return pending;
    const lookup = fetchLocale(userId, now, known?.locale).finally(() => lookups.delete(userId));
    lookups.set(userId, lookup);
    return lookup;
  }

  async function fetchLocale(userId: string, now: number, previous: string | undefined): Promise<string | undefined> {
    const info = await callSlackApi(() => client.users.info({ user: userId, include_locale: true }), logger, { method: 'users.info', userId }, rateLimit);
    const locale = info.ok ? info.value.user?.locale : undefined;
    if (!info.ok) return previous;
    locales.delete(userId);
    if (locales.size >= LOCALE_CACHE_SIZE) locales.delete(locales.keys().next().value as string);
    locales.set(userId, { locale, at: now });
    return locale;
  }

  /** A Slack user as the core sees them; their DM channel is opened only when a command needs it (subscribe). */
  function slackUser(id: string, fields: { name?: string | undefined; channelId?: string | undefined; dmChannelId?: string | undefined }): BotUser {
    const user: BotUser = {
      platform: 'slack',
      id,
      syntax,
      lookUpLocale: () => localeOf(id),
      openDirectChannel: async () => {
        const opened = await callSlackApi(() => client.conversations.open({ users: id }), logger, { method: 'conversations.open', userId: id }, rateLimit);
        return opened.ok ? opened.value.channel?.id : undefined;
      },
    };
    if (fields.name) user.name = fields.name;
    if (fields.channelId) user.channelId = fields.channelId;
    if (fields.dmChannelId) user.dmChannelId = fields.dmChannelId;
    return user;
  }

  async function runCommand(command: string, args: string, user: BotUser, extra: { page?: number; variant?: number; via?: 'home' } = {}): Promise<Reply> {
    return bot.run({ command, args, ...extra, user });
  }

  async function answerSlash(slash: SlashCommand, text: string, user: BotUser): Promise<Reply> {
    const request = resolveSlashCommand(slash, decodeSlackText(text), knownCommands);
    return request.kind === 'command' ? runCommand(request.command, request.args, user) : bot.routeText(request.text, user);
  }

  // Work in flight is tracked so a shutdown lets it finish; a stopped app takes no new requests.
  const work = new WorkTracker();

  // ---- One router for every input: slash commands, events, buttons ----
  // Bolt runs every registered listener's matchers on every request, each step with a fresh copy of the arguments:
  // three listeners and a tracking middleware cost a cached slash command about a tenth of its time. One global
  // middleware matches as those listeners did and calls the one handler that applies, after dropping the bot's own
  // events as Bolt's ignoreSelf middleware would (which is off: one step fewer for every request); anything else goes
  // on down Bolt's chain, as it did.
  app.use(async (args) => {
    if ('command' in args && args.command) {
      if (SLASH_COMMANDS.test(args.command.command)) return work.track(onSlashCommand(args));
    } else if ('event' in args && args.event) {
      if (isOwnEvent(args.event, args.context)) return;
      if (typeof args.event.type === 'string' && EVENT_TYPES.test(args.event.type)) return work.track(onEvent(args));
    } else if ('action' in args && args.action) {
      if (isOurButton(args.payload)) return work.track(onButton(args));
    }
    await args.next();
  });

  // ---- Slash commands: one handler for all of them ----
  // Every slash command Slack sends here is acknowledged: one this app does not register (a SLACK_COMMAND_PREFIX that
  // differs from the manifest's) gets a message naming the fix instead of Slack's "dispatch_failed" after 3 s.
  async function onSlashCommand({ command, ack, respond }: SlackCommandMiddlewareArgs): Promise<void> {
    const slash = slashByName.get(command.command);
    if (!slash) {
      logger.warn({ command: command.command, registered: slashCommands.map((known) => known.name) }, 'slack sent a slash command this app does not register; SLACK_COMMAND_PREFIX and the app manifest disagree');
      const language = await bot.languageOf(slackUser(command.user_id, {}));
      await ack(renderSlashResponse(unregisteredSlashCommand(command.command, slashCommands, translator(language))));
      return;
    }
    const user = slackUser(command.user_id, { name: command.user_name, channelId: command.channel_id });
    const answer = answerSlash(slash, command.text, user).catch((error: unknown) => apologise(error, user, { command: command.command }));
    const early = await settleWithin(answer, ackBudgetMs);
    if (early) {
      await ack(renderSlashResponse(early));
      return;
    }
    await ack();
    logger.info({ command: command.command, ackBudgetMs }, 'slash command answer was slow; acked first, answering via response_url');
    await respondSafely(respond, renderSlashResponse(await answer), { command: command.command });
  }

  // ---- Events: one handler for DMs, mentions and App Home ----
  async function onEvent({ event, body, context }: SlackEventMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    if (event.type === 'app_home_opened') {
      if (event.tab === 'home') await publishHome(event.user);
      return;
    }
    if (event.type === 'message') {
      // Direct messages only; edits, deletions and other subtypes, and bots (ourselves included), are not questions.
      if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id || !event.user) return;
      if (!(await firstTime(body.event_id))) return;
      const user = slackUser(event.user, { channelId: event.channel, dmChannelId: event.channel });
      const answer = await bot.routeText(decodeSlackText(event.text ?? ''), user);
      const message = renderOutgoingMessage({ ...answer, ephemeral: false });
      await post({ channel: event.channel, ...message, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) }, { channel: event.channel, event: 'message.im' });
      return;
    }
    if (event.type === 'app_mention') {
      // Answered in a thread under the mention, so a channel is not flooded.
      if (event.bot_id || !event.user) return;
      if (!(await firstTime(body.event_id))) return;
      const user = slackUser(event.user, { channelId: event.channel });
      const text = decodeSlackText(event.text, context.botUserId ? { dropUserId: context.botUserId } : {});
      const answer = await bot.routeText(text, user);
      const thread_ts = event.thread_ts ?? event.ts;
      if (answer.ephemeral) {
        // A lookup, a notice or an apology answers the asker alone, like a slash command, with "Share in channel".
        const { response_type: _type, ...message } = renderSlashResponse(answer);
        await callSlackApi(
          () => client.chat.postEphemeral({ channel: event.channel, user: event.user as string, thread_ts, ...message }),
          logger,
          { method: 'chat.postEphemeral', channel: event.channel, event: 'app_mention' },
          rateLimit,
        );
        return;
      }
      await post({ channel: event.channel, thread_ts, ...renderOutgoingMessage(answer) }, { channel: event.channel, event: 'app_mention' });
    }
  }

  async function publishHome(userId: string): Promise<void> {
    const view = await buildHomeView({ bot, store, user: slackUser(userId, {}), now: clock(), slashCommands });
    if (!view) {
      logger.info({ userId }, 'slack: App Home opened more often than its bound allows; the Home shown stays as it was');
      return;
    }
    // The renderer's blocks are plain records checked against Block Kit's limits, not the SDK's block union.
    await callSlackApi(() => client.views.publish({ user_id: userId, view: view as unknown as webApi.View }), logger, { method: 'views.publish', userId }, rateLimit);
  }

  // ---- Buttons: every action id starts with tk: ----
  async function onButton({ ack, body, action, respond }: SlackActionMiddlewareArgs): Promise<void> {
    await ack();
    if (body.type !== 'block_actions' || !('action_id' in action)) return;
    const decoded = await bot.resolveButton(action.action_id);
    if (!decoded) {
      // One of ours whose long argument is no longer known (the state store was emptied): say so, privately.
      if (decodeActionId(action.action_id)) {
        const t = translator(await bot.languageOf(slackUser(body.user.id, {})));
        await respondSafely(respond, { response_type: 'ephemeral', replace_original: false, text: escapeSlackFallback(t('render.staleButton')) }, { action: action.action_id });
      }
      return;
    }
    const user = slackUser(body.user.id, { name: body.user.username ?? body.user.name, channelId: body.channel?.id });
    const { action: wanted, share } = decoded;
    const context = { action: action.action_id, userId: user.id, channel: user.channelId };
    const fromHome = body.container['type'] === 'view';
    const answer = await runCommand(wanted.command, wanted.args, user, {
      ...(wanted.page === undefined ? {} : { page: wanted.page }),
      ...(wanted.variant === undefined ? {} : { variant: wanted.variant }),
      ...(fromHome ? { via: 'home' as const } : {}),
    });

    if (fromHome) {
      // The Home tab's toggle: show the new state where the user clicked.
      await publishHome(user.id);
      return;
    }
    const privately = () => respondSafely(respond, { ...renderSlashResponse({ ...answer, ephemeral: true }), replace_original: false }, context);
    if (answer.notice || (share && !answer.share)) {
      // A rate-limit notice or an apology goes to the clicker alone; the message they clicked on stays as it was.
      await privately();
      return;
    }
    if (share) {
      // The private answer goes only once the channel has the shared one: a failed share leaves it where it was.
      const shared = await respondSafely(respond, { response_type: 'in_channel', replace_original: false, ...renderSharedMessage(answer, user.name ?? user.id) }, context);
      if (shared) await respondSafely(respond, { delete_original: true }, context);
      return;
    }
    const fromEphemeral = body.container['is_ephemeral'] === true;
    if (fromEphemeral || isDirectMessage(body.channel?.id)) {
      // Paging, or "another tip", on a message only the clicker sees: it changes in place.
      await respondSafely(respond, { replace_original: true, ...renderOutgoingMessage(answer, { shareButton: answer.ephemeral && fromEphemeral }) }, context);
      return;
    }
    // On a message the channel sees (a shared answer, a tip post, a thread reply), the channel keeps what it
    // has, "Shared by" included: the clicker gets the next page or another tip privately.
    await privately();
  }

  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack listener failed');
  });

  /** Answers through response_url; true when Slack took it, false (logged) when it did not. */
  async function respondSafely(respond: RespondFn | undefined, message: Parameters<RespondFn>[0], context: Record<string, unknown>): Promise<boolean> {
    if (!respond) {
      logger.warn(context, 'slack gave no response_url; nothing to answer through');
      return false;
    }
    try {
      await respond(message);
      return true;
    } catch (error) {
      logger.error({ ...context, err: error }, 'slack response_url post failed');
      return false;
    }
  }

  async function apologise(error: unknown, user: BotUser, context: Record<string, unknown>): Promise<Reply> {
    logger.error({ ...context, err: error }, 'slack command failed');
    const language = await bot.languageOf(user);
    return makeReply({ language, blocks: [{ kind: 'paragraph', text: translator(language)('render.apology') }], ephemeral: true, notice: true });
  }

  // ---- Start ----
  try {
    await app.init();
  } catch (error) {
    throw describeStartFailure(error, clientOptions.slackApiUrl);
  }
  let server: Server | undefined;
  if (mode === 'http') {
    server = (await app.start(options.port)) as Server;
  } else {
    await app.start();
    socketConnected = true;
  }
  const port = server ? (server.address() as AddressInfo).port : undefined;
  logger.info({ mode, port, slashCommands: slashCommands.map((slash) => slash.name) }, 'slack app started');

  let stopped = false;
  return {
    port,
    mode,
    postTip(channelId, when, language) {
      return work.track(postTip(channelId, when, language));
    },
    isConnected() {
      if (stopped) return false;
      return mode === 'http' ? server?.listening === true : socketConnected;
    },
    async stop(drainTimeoutMs = 10_000) {
      if (stopped) return;
      stopped = true;
      await app.stop();
      if (!(await work.drain(drainTimeoutMs))) logger.warn({ drainTimeoutMs }, 'slack: replies still in flight at shutdown were abandoned');
      logger.info({ mode }, 'slack app stopped');
    },
  };

  function postTip(channelId: string, when: Date | undefined, language: Language | undefined): Promise<PostResult> {
    return postSlackTip({ client: tipClient, bot, logger, rateLimit }, channelId, when ?? clock(), language);
  }
}

/**
 * auth.test's failure at start-up, said as what it is: Slack refusing the token, a URL where nothing answers
 * (refused, unknown host), or a server there that is not Slack's Web API. Only the first is about the token.
 */
function describeStartFailure(error: unknown, apiUrl: string | undefined): TakeawaysError {
  const where = apiUrl ? `${apiUrl} (SLACK_API_URL)` : 'https://slack.com/api/';
  const failure = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; original?: unknown; statusCode?: unknown };
  if (failure.code === 'slack_webapi_request_error') {
    // fetch says only "fetch failed"; the socket's own error (ECONNREFUSED, ENOTFOUND) is its cause.
    let cause: unknown = failure.original ?? error;
    while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
    const reason = describeError(cause);
    return new TakeawaysError(ErrorCode.PlatformRequest, `cannot reach Slack at ${where}: ${reason}. Check the URL and the network (DNS, proxy, firewall).`, {}, { cause: error });
  }
  if (failure.code === 'slack_webapi_http_error') {
    return new TakeawaysError(
      ErrorCode.PlatformRequest,
      `Slack at ${where} answered auth.test with HTTP ${String(failure.statusCode)}: is that Slack's Web API? (Its URL ends in /api/.)`,
      {},
      { cause: error },
    );
  }
  if (failure.code === 'slack_webapi_rate_limited_error') {
    return new TakeawaysError(ErrorCode.PlatformRequest, `Slack at ${where} rate-limited auth.test; start again in a minute.`, {}, { cause: error });
  }
  const code = slackErrorCode(error);
  return new TakeawaysError(ErrorCode.PlatformAuth, `Slack rejected SLACK_BOT_TOKEN (auth.test): ${code === 'unknown_error' ? describeError(error) : code}`, {}, { cause: error });
}

/** The answer to a slash command Slack routes here that the bot was not started with: what it has, and the fix. */
function unregisteredSlashCommand(name: string, slashCommands: readonly SlashCommand[], t: Translator): Reply {
  return makeReply({
    language: t.language,
    title: t('slack.unregisteredTitle'),
    blocks: [
      { kind: 'paragraph', text: t('slack.unregisteredText', { name: name.slice(0, 40), commands: slashCommands.map((slash) => slash.name).join(', ') }) },
      { kind: 'context', text: t('slack.unregisteredFix', { name: name.slice(0, 40) }) },
    ],
    ephemeral: true,
    notice: true,
  });
}

/** Slack's direct-message channel ids start with D: only the user and the bot see what is there. */
function isDirectMessage(channelId: string | undefined): boolean {
  return channelId?.startsWith('D') === true;
}

/** The promise's value when it settles within `ms`, else undefined (the promise keeps running). One promise per call. */
function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms, undefined);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

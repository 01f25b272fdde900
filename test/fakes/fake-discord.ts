/**
 * A small Discord on 127.0.0.1 that speaks the real wire protocol: REST under `/api/v10` and a plain-JSON
 * gateway. Tests point the real discord.js at it (`rest.api` = `fake.apiUrl`) and check what arrived.
 *
 * It behaves like Discord where a bot can get it wrong: a wrong token is refused, dispatches are sent only
 * for the intents asked for in IDENTIFY, an interaction can be acknowledged once and only within its
 * window, and message bodies over Discord's limits are refused with the real "Invalid Form Body" error.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Discord's message flag for an answer only its asker sees. */
const EPHEMERAL_FLAG = 1 << 6;

export const GatewayIntent = { Guilds: 1 << 0, GuildMessages: 1 << 9, DirectMessages: 1 << 12, MessageContent: 1 << 15 } as const;

export interface RecordedCall {
  method: string;
  /** Below `/api/v10`, without the query string, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The status the fake answered with. */
  status: number;
  /** Milliseconds since the fake started, when the request arrived. */
  at: number;
}

export interface DiscordUserData {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  /** `[shard_id, num_shards]` as identified; `[0, 1]` when none was given. */
  shard: [number, number];
}

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  botUser?: DiscordUserData;
  guildId?: string;
  channelId?: string;
  heartbeatIntervalMs?: number;
  /** How long an interaction token accepts its first callback (Discord: 3 s). */
  interactionWindowMs?: number;
  /** How long a nonce sent with enforce_nonce returns the message it first created (Discord: "a few minutes"). */
  nonceWindowMs?: number;
  /**
   * How many shards Discord requires (GET /gateway/bot's `shards`). Above 1, a session that identifies without that
   * sharding is closed with 4011 "Sharding required", as Discord does for a bot in 2,500+ servers.
   */
  shards?: number;
  /** Permission bits denied to everyone in the guild channel (e.g. Embed Links, `'16384'`), as a channel overwrite. */
  channelDeny?: string;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** The path of its callback, e.g. `/interactions/1/abc/callback`. */
  callbackPath: string;
  /** Milliseconds since the fake started, when it was dispatched. */
  dispatchedAt: number;
}

export interface CommandInteractionInput {
  name: string;
  options?: Record<string, string>;
  user?: DiscordUserData;
  /** Defaults to the fake's guild; `null` makes it a command used in the bot's DMs. */
  guildId?: string | null;
  channelId?: string;
  /** The user's Discord client language (`vi`, `en-US`, the default). */
  locale?: string;
}

export interface AutocompleteInput extends CommandInteractionInput {
  focused: string;
}

export interface ButtonInput {
  customId: string;
  user?: DiscordUserData;
  locale?: string;
  guildId?: string | null;
  channelId?: string;
  /** The message the button sits on; defaults to one by the bot. */
  message?: Record<string, unknown>;
  /** The default message is a private (ephemeral) answer of the bot, seen only by the clicker. */
  onPrivateMessage?: boolean;
}

export interface DirectMessageInput {
  content: string;
  author?: DiscordUserData;
  channelId?: string;
}

interface Session {
  socket: WebSocket;
  intents: number;
  shard: [number, number];
  sequence: number;
  identified: boolean;
  id?: string;
}

interface InjectedResponse {
  match: (method: string, path: string) => boolean;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  remaining: number;
}

interface InteractionState {
  dispatchedAt: number;
  acknowledged: boolean;
  applicationId: string;
}

type Waiter = { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void };

const DEFAULT_USER: DiscordUserData = { id: '400000000000000001', username: 'ada', global_name: 'Ada' };

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly identifies: IdentifyRecord[] = [];
  /** Channel messages the bot created (a repeated enforce_nonce request returns one of these instead). */
  readonly createdMessages: Record<string, unknown>[] = [];
  readonly token: string;
  readonly appId: string;
  readonly botUser: DiscordUserData;
  readonly guildId: string;
  readonly channelId: string;

  private readonly server: Server;
  private readonly gateway: WebSocketServer;
  private readonly sessions = new Set<Session>();
  /** Sessions that may be resumed after a dropped connection: id → intents and last sequence. */
  private readonly resumable = new Map<string, { intents: number; sequence: number; shard: [number, number] }>();
  /** How many RESUMEs the fake accepted. */
  resumes = 0;
  private readonly interactions = new Map<string, InteractionState>();
  private readonly injected: InjectedResponse[] = [];
  private readonly delays: { match: (method: string, path: string) => boolean; ms: number }[] = [];
  private readonly nonces = new Map<string, { at: number; message: Record<string, unknown> }>();
  private readonly nonceWindowMs: number;
  private readonly commandIds = new Map<string, string>();
  private waiters: Waiter[] = [];
  private readonly startedAt = performance.now();
  private nextId = 1n;
  private readonly heartbeatIntervalMs: number;
  private readonly interactionWindowMs: number;
  private readonly channelDeny: string | undefined;
  private readonly shards: number;
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token';
    this.appId = options.appId ?? '100000000000000001';
    this.botUser = options.botUser ?? { id: this.appId, username: 'takeaways', bot: true };
    this.guildId = options.guildId ?? '200000000000000001';
    this.channelId = options.channelId ?? '300000000000000001';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.interactionWindowMs = options.interactionWindowMs ?? 3_000;
    this.nonceWindowMs = options.nonceWindowMs ?? 180_000;
    this.channelDeny = options.channelDeny;
    this.shards = options.shards ?? 1;
    this.server = createServer((request, response) => void this.handleHttp(request, response));
    this.gateway = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.gateway.on('connection', (socket) => this.handleConnection(socket));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What `rest.api` (or DISCORD_API_URL) points at; discord.js appends `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Identified gateway sessions still open. */
  get connectedSessions(): number {
    return [...this.sessions].filter((session) => session.identified).length;
  }

  /** The next `count` answers to matching requests are this status and body (e.g. a 429 or a 500). */
  failNext(match: (method: string, path: string) => boolean, status: number, body: unknown, options: { count?: number; headers?: Record<string, string> } = {}): void {
    this.injected.push({ match, status, body, headers: options.headers ?? {}, remaining: options.count ?? 1 });
  }

  /** Answers to matching requests are held back this long (the request is recorded, and acted on, at once). */
  delay(match: (method: string, path: string) => boolean, ms: number): void {
    this.delays.push({ match, ms });
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`fake Discord: no matching call within ${timeoutMs} ms; calls: ${this.calls.map((call) => `${call.method} ${call.path}`).join(', ')}`));
      }, timeoutMs);
      const entry: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      this.waiters.push(entry);
    });
  }

  /** The interaction's first callback (reply, defer, update or autocomplete result). */
  waitForCallback(handle: InteractionHandle, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitFor((call) => call.method === 'POST' && call.path === handle.callbackPath, timeoutMs);
  }

  /** Every REST call made for one interaction: its callbacks and its webhook follow-ups and edits. */
  callsFor(handle: InteractionHandle): RecordedCall[] {
    return this.calls.filter((call) => call.path === handle.callbackPath || call.path.startsWith(`/webhooks/${this.appId}/${handle.token}`));
  }

  slashCommand(input: CommandInteractionInput): InteractionHandle {
    const options = Object.entries(input.options ?? {}).map(([name, value]) => ({ name, type: 3, value }));
    return this.dispatchInteraction(2, { id: this.commandId(input.name), name: input.name, type: 1, options }, input);
  }

  autocomplete(input: AutocompleteInput): InteractionHandle {
    const options = Object.entries(input.options ?? {}).map(([name, value]) => ({ name, type: 3, value, ...(name === input.focused ? { focused: true } : {}) }));
    return this.dispatchInteraction(4, { id: this.commandId(input.name), name: input.name, type: 1, options }, input);
  }

  button(input: ButtonInput): InteractionHandle {
    const channelId = input.channelId ?? this.channelId;
    const message = input.message ?? {
      ...this.messageData({ channelId, author: this.botUser, content: '', components: [] }),
      ...(input.onPrivateMessage ? { flags: EPHEMERAL_FLAG } : {}),
    };
    return this.dispatchInteraction(3, { custom_id: input.customId, component_type: 2 }, input, { message });
  }

  /** A user's direct message to the bot, as Discord sends it (no guild_id, channel_type 1). */
  directMessage(input: DirectMessageInput): { id: string; channelId: string } {
    const author = input.author ?? DEFAULT_USER;
    const channelId = input.channelId ?? this.dmChannelId(author.id);
    const message = this.messageData({ channelId, author, content: input.content, components: [] });
    this.dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 }, GatewayIntent.DirectMessages);
    return { id: String(message.id), channelId };
  }

  /** A message in the fake's guild channel (needs GuildMessages; its content needs MessageContent). */
  guildMessage(input: DirectMessageInput): { id: string } {
    const author = input.author ?? DEFAULT_USER;
    const message = this.messageData({ channelId: input.channelId ?? this.channelId, author, content: input.content, components: [] });
    this.dispatch('MESSAGE_CREATE', { ...message, guild_id: this.guildId }, GatewayIntent.GuildMessages);
    return { id: String(message.id) };
  }

  /**
   * Sends a dispatch to every identified session whose intents include `intent` (0: always sent), on the shard that
   * carries it: a guild's events on its shard, direct messages on shard 0.
   */
  dispatch(event: string, data: unknown, intent = 0): void {
    const guildId = ((data ?? {}) as { guild_id?: unknown }).guild_id;
    for (const session of this.sessions) {
      if (!session.identified || (intent !== 0 && (session.intents & intent) === 0)) continue;
      if (!this.onShard(session, typeof guildId === 'string' ? guildId : null)) continue;
      this.send(session, { op: 0, t: event, s: ++session.sequence, d: data });
    }
  }

  /** Drops every gateway connection as a network failure would (close code 4000: the client may resume). */
  dropConnections(): void {
    for (const session of this.sessions) session.socket.close(4000, 'Unknown error');
  }

  /**
   * The gateway goes silent, as one that went away without closing its connections: nothing the bot sends
   * (heartbeats, its close frame) is read any more, so its close is never answered.
   */
  silenceGateway(): void {
    for (const session of this.sessions) session.socket.pause();
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Discord's rule: a guild is on shard (guild_id >> 22) % num_shards; direct messages on shard 0. */
  private onShard(session: Session, guildId: string | null): boolean {
    const [id, count] = session.shard;
    return guildId === null ? id === 0 : Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
  }

  private elapsed(): number {
    return performance.now() - this.startedAt;
  }

  private snowflake(): string {
    return (1_300_000_000_000_000_000n + this.nextId++).toString();
  }

  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = this.snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  private dmChannelId(userId: string): string {
    return `5${userId.slice(1)}`;
  }

  private dispatchInteraction(type: number, data: Record<string, unknown>, input: { user?: DiscordUserData; guildId?: string | null; channelId?: string; locale?: string }, extra: Record<string, unknown> = {}): InteractionHandle {
    const user = input.user ?? DEFAULT_USER;
    const guildId = input.guildId === undefined ? this.guildId : input.guildId;
    const id = this.snowflake();
    const token = `itoken-${randomBytes(12).toString('hex')}`;
    const where = guildId
      ? {
          guild_id: guildId,
          channel_id: input.channelId ?? this.channelId,
          channel: { id: input.channelId ?? this.channelId, type: 0, guild_id: guildId, name: 'general' },
          member: { user, roles: [], joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '2248473465835073' },
          guild_locale: 'en-US',
          context: 0,
          authorizing_integration_owners: { '0': guildId },
        }
      : {
          channel_id: input.channelId ?? this.dmChannelId(user.id),
          channel: { id: input.channelId ?? this.dmChannelId(user.id), type: 1, recipients: [user] },
          user,
          context: 1,
          authorizing_integration_owners: { '0': user.id },
        };
    const payload = {
      id,
      application_id: this.appId,
      type,
      token,
      version: 1,
      data,
      app_permissions: '2248473465835073',
      // The user's client language, as Discord sends it with every interaction.
      locale: input.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...where,
      ...extra,
    };
    const dispatchedAt = this.elapsed();
    this.interactions.set(`${id}/${token}`, { dispatchedAt, acknowledged: false, applicationId: this.appId });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, callbackPath: `/interactions/${id}/${token}/callback`, dispatchedAt };
  }

  private messageData(input: { channelId: string; author: DiscordUserData; content: string; components: unknown[]; embeds?: unknown[]; nonce?: unknown }): Record<string, unknown> {
    return {
      id: this.snowflake(),
      channel_id: input.channelId,
      author: { discriminator: '0', avatar: null, global_name: null, ...input.author },
      content: input.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: input.embeds ?? [],
      components: input.components,
      pinned: false,
      type: 0,
      flags: 0,
      ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    };
  }

  private handleConnection(socket: WebSocket): void {
    const session: Session = { socket, intents: 0, shard: [0, 1], sequence: 0, identified: false };
    this.sessions.add(session);
    socket.on('close', () => {
      this.sessions.delete(session);
      if (session.id) this.resumable.set(session.id, { intents: session.intents, sequence: session.sequence, shard: session.shard });
    });
    socket.on('message', (raw) => this.handleGatewayFrame(session, raw.toString()));
    this.send(session, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private handleGatewayFrame(session: Session, raw: string): void {
    const frame = JSON.parse(raw) as { op: number; d: unknown };
    if (frame.op === 1) {
      this.send(session, { op: 11 });
      return;
    }
    if (frame.op === 2) {
      const identify = frame.d as { token?: string; intents?: number; shard?: [number, number] };
      const token = String(identify.token ?? '').replace(/^Bot /, '');
      if (token !== this.token) {
        session.socket.close(4004, 'Authentication failed.');
        return;
      }
      session.shard = identify.shard ?? [0, 1];
      this.identifies.push({ token, intents: Number(identify.intents ?? 0), shard: session.shard });
      if (session.shard[1] < this.shards) {
        session.socket.close(4011, 'Sharding required.');
        return;
      }
      session.intents = Number(identify.intents ?? 0);
      session.identified = true;
      this.sendReady(session);
      return;
    }
    if (frame.op === 6) {
      const resume = frame.d as { token?: string; session_id?: string };
      const known = resume.session_id ? this.resumable.get(resume.session_id) : undefined;
      if (!known || String(resume.token ?? '').replace(/^Bot /, '') !== this.token) {
        // A session this fake does not know: Discord answers "invalid session, not resumable".
        this.send(session, { op: 9, d: false });
        return;
      }
      this.resumable.delete(resume.session_id as string);
      Object.assign(session, { id: resume.session_id, intents: known.intents, sequence: known.sequence, shard: known.shard, identified: true });
      this.resumes += 1;
      this.send(session, { op: 0, t: 'RESUMED', s: ++session.sequence, d: {} });
    }
  }

  private sendReady(session: Session): void {
    const sessionId = randomBytes(16).toString('hex');
    session.id = sessionId;
    this.send(session, {
      op: 0,
      t: 'READY',
      s: ++session.sequence,
      d: {
        v: 10,
        user: { discriminator: '0', avatar: null, global_name: null, ...this.botUser, bot: true },
        guilds: this.onShard(session, this.guildId) ? [{ id: this.guildId, unavailable: true }] : [],
        session_id: sessionId,
        resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
        shard: session.shard,
        application: { id: this.appId, flags: 0 },
      },
    });
    if ((session.intents & GatewayIntent.Guilds) !== 0 && this.onShard(session, this.guildId)) {
      this.send(session, { op: 0, t: 'GUILD_CREATE', s: ++session.sequence, d: this.guildData() });
    }
  }

  private guildData(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: 'Security Community',
      icon: null,
      owner_id: DEFAULT_USER.id,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2025-01-01T00:00:00.000Z',
      features: [],
      roles: [{ id: this.guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      // As Discord: GUILD_CREATE carries the bot's own member, so its permissions in each channel are known.
      members: [{ user: { discriminator: '0', avatar: null, global_name: null, ...this.botUser }, roles: [], joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 }],
      voice_states: [],
      presences: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      channels: [
        {
          id: this.channelId,
          type: 0,
          name: 'general',
          position: 0,
          guild_id: this.guildId,
          permission_overwrites: this.channelDeny ? [{ id: this.guildId, type: 0, allow: '0', deny: this.channelDeny }] : [],
        },
      ],
    };
  }

  private send(session: Session, frame: unknown): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(frame));
  }

  private async handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const answer = this.answer(method, path, request.headers.authorization, body);
    const call: RecordedCall = { method, path, query: url.searchParams, body, status: answer.status, at: this.elapsed() };
    this.calls.push(call);
    const hold = this.delays.find((entry) => entry.match(method, path))?.ms ?? 0;
    if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    if (response.destroyed) return;
    if (answer.status === 204) {
      response.writeHead(204, answer.headers).end();
    } else {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
    }
    const ready = this.waiters.filter((waiter) => waiter.predicate(call));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(call);
  }

  private answer(method: string, path: string, authorization: string | undefined, body: unknown): { status: number; body?: unknown; headers?: Record<string, string> } {
    const interactionCallback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    // Interaction callbacks and webhook calls are authorised by the interaction token, not the bot token.
    const tokenAuthorised = interactionCallback !== null || path.startsWith('/webhooks/');
    if (!tokenAuthorised && authorization !== `Bot ${this.token}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    const injected = this.injected.find((entry) => entry.remaining > 0 && entry.match(method, path));
    if (injected) {
      injected.remaining -= 1;
      return { status: injected.status, body: injected.body, headers: injected.headers };
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.shards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (interactionCallback && method === 'POST') return this.answerCallback(`${interactionCallback[1]}/${interactionCallback[2]}`, body);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook) {
      const problems = method === 'DELETE' ? [] : validateMessageBody(body);
      if (problems.length > 0) return invalidFormBody(problems);
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: this.messageFromBody(this.channelId, body) };
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') {
      const problems = validateMessageBody(body);
      if (problems.length > 0) return invalidFormBody(problems);
      return { status: 200, body: this.createChannelMessage(channelMessages[1] ?? this.channelId, body) };
    }
    const commands = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands && method === 'PUT') {
      if (commands[1] !== this.appId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      const list = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
      return {
        status: 200,
        body: list.map((command) => ({ ...command, id: this.commandId(String(command.name)), application_id: this.appId, version: this.snowflake(), type: command.type ?? 1, ...(commands[3] ? { guild_id: commands[3] } : {}) })),
      };
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as { recipient_id?: unknown } | null)?.recipient_id ?? DEFAULT_USER.id);
      return { status: 200, body: { id: this.dmChannelId(recipient), type: 1, last_message_id: null, recipients: [{ ...DEFAULT_USER, id: recipient, discriminator: '0', avatar: null }] } };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private answerCallback(key: string, body: unknown): { status: number; body?: unknown } {
    const state = this.interactions.get(key);
    if (!state || this.elapsed() - state.dispatchedAt > this.interactionWindowMs) {
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    }
    if (state.acknowledged) {
      return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    }
    const callback = body as { type?: number; data?: unknown } | null;
    const problems = callback?.type === 8 ? validateChoices(callback.data) : callback?.type === 4 || callback?.type === 7 ? validateMessageBody(callback.data ?? {}) : [];
    if (problems.length > 0) return invalidFormBody(problems);
    state.acknowledged = true;
    return { status: 204 };
  }

  /** As Discord does: with enforce_nonce, a nonce seen in the window returns the first message instead of a new one. */
  private createChannelMessage(channelId: string, body: unknown): Record<string, unknown> {
    const request = (body ?? {}) as { nonce?: unknown; enforce_nonce?: unknown };
    const key = request.enforce_nonce === true && request.nonce !== undefined ? `${channelId}\u0000${String(request.nonce)}` : undefined;
    const seen = key ? this.nonces.get(key) : undefined;
    if (seen && this.elapsed() - seen.at <= this.nonceWindowMs) return seen.message;
    const message = this.messageFromBody(channelId, body);
    this.createdMessages.push(message);
    if (key) this.nonces.set(key, { at: this.elapsed(), message });
    return message;
  }

  private messageFromBody(channelId: string, body: unknown): Record<string, unknown> {
    const message = (body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[]; nonce?: unknown };
    return this.messageData({ channelId, author: this.botUser, content: message.content ?? '', components: message.components ?? [], embeds: message.embeds ?? [], nonce: message.nonce });
  }
}

function invalidFormBody(problems: string[]): { status: number; body: unknown } {
  const errors = Object.fromEntries(problems.map((problem, index) => [`problem_${index}`, { _errors: [{ code: 'BASE_TYPE_INVALID', message: problem }] }]));
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

/** Discord's message limits, checked the way Discord refuses a message (a subset: the ones a bot can break). */
export function validateMessageBody(body: unknown): string[] {
  const problems: string[] = [];
  const message = (body ?? {}) as { content?: unknown; embeds?: unknown; components?: unknown; allowed_mentions?: unknown };
  if (typeof message.content === 'string' && message.content.length > 2000) problems.push(`content is ${message.content.length} characters (max 2000)`);
  const embeds = Array.isArray(message.embeds) ? (message.embeds as Record<string, unknown>[]) : [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds (max 10)`);
  let total = 0;
  for (const embed of embeds) {
    const title = typeof embed.title === 'string' ? embed.title : '';
    const description = typeof embed.description === 'string' ? embed.description : '';
    if (title.length > 256) problems.push(`embed title is ${title.length} characters (max 256)`);
    if (description.length > 4096) problems.push(`embed description is ${description.length} characters (max 4096)`);
    total += title.length + description.length;
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name?: string; value?: string }[]) : [];
    if (fields.length > 25) problems.push(`${fields.length} embed fields (max 25)`);
    for (const field of fields) {
      const name = field.name ?? '';
      const value = field.value ?? '';
      if (name.length === 0 || name.length > 256) problems.push(`embed field name is ${name.length} characters (1-256)`);
      if (value.length === 0 || value.length > 1024) problems.push(`embed field value is ${value.length} characters (1-1024)`);
      total += name.length + value.length;
    }
    const footer = (embed.footer ?? {}) as { text?: string };
    if ((footer.text ?? '').length > 2048) problems.push('embed footer over 2048 characters');
    total += (footer.text ?? '').length;
    const author = (embed.author ?? {}) as { name?: string };
    total += (author.name ?? '').length;
  }
  if (total > 6000) problems.push(`embeds total ${total} characters (max 6000)`);
  const rows = Array.isArray(message.components) ? (message.components as { type?: number; components?: unknown }[]) : [];
  if (rows.length > 5) problems.push(`${rows.length} action rows (max 5)`);
  // Discord: "Multiple components on the same message must not share the same custom_id".
  const customIds = new Set<string>();
  for (const row of rows) {
    const buttons = Array.isArray(row.components) ? (row.components as { custom_id?: unknown; label?: unknown; style?: unknown; url?: unknown }[]) : [];
    if (row.type !== 1) problems.push('a top-level component is not an action row');
    if (buttons.length === 0 || buttons.length > 5) problems.push(`an action row has ${buttons.length} buttons (1-5)`);
    for (const button of buttons) {
      const link = button.style === 5;
      if (!link && (typeof button.custom_id !== 'string' || button.custom_id.length === 0 || button.custom_id.length > 100)) problems.push('a button custom_id is missing or over 100 characters');
      if (typeof button.custom_id === 'string') {
        if (customIds.has(button.custom_id)) problems.push(`custom_id ${button.custom_id} is used twice in one message`);
        customIds.add(button.custom_id);
      }
      if (typeof button.label === 'string' && button.label.length > 80) problems.push('a button label is over 80 characters');
    }
  }
  return problems;
}

function validateChoices(data: unknown): string[] {
  const choices = ((data ?? {}) as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return ['choices is missing'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`${choices.length} choices (max 25)`);
  for (const choice of choices as { name?: unknown; value?: unknown }[]) {
    if (typeof choice.name !== 'string' || choice.name.length === 0 || choice.name.length > 100) problems.push('a choice name is not 1-100 characters');
    if (typeof choice.value === 'string' && choice.value.length > 100) problems.push('a choice value is over 100 characters');
  }
  return problems;
}

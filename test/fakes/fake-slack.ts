/**
 * A small local Slack that speaks the real wire protocol, so tests drive the real Bolt:
 * the Web API (`POST /api/<method>`), `response_url` sinks, and a Socket Mode WebSocket.
 * Plus helpers that send signed requests to a Bolt HTTP receiver, as Slack would.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  /** Form fields or JSON body; JSON-encoded form values (blocks, view) are decoded back into objects. */
  body: Record<string, unknown>;
  /** The bearer token from the Authorization header, else the `token` field. */
  token: string | undefined;
}

export interface RecordedResponse {
  /** The id in `/response/<id>`. */
  id: string;
  body: Record<string, unknown>;
  /** 200, or 400 when Slack refused the message (e.g. `invalid_blocks`), or a status set by `failResponses`. */
  status: number;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface EnvelopeOptions {
  envelopeId?: string;
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
}

type MethodResponder = (call: RecordedCall) => Record<string, unknown>;

interface OneOffStatus {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** What Bolt's `clientOptions.slackApiUrl` takes: `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  readonly calls: readonly RecordedCall[];
  readonly responses: readonly RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  /** The locale users.info gives this user when asked with include_locale (Slack's default for everyone: en-US). */
  setUserLocale(userId: string, locale: string): void;
  /** Answers a method with this body (or a function of the call) instead of the default `{ ok: true }`. */
  respondTo(method: string, response: Record<string, unknown> | MethodResponder): void;
  /** Holds every answer to `method` for `ms` (the call is recorded when it arrives): a slow Slack. */
  delay(method: string, ms: number): void;
  /** The next call to `method` gets a 429 with `Retry-After: seconds`; the one after succeeds again. */
  rateLimitOnce(method: string, retryAfterSeconds: number): void;
  /** Posts to `/response/<id>` answer this status from now on (Slack: 404 once a response_url expired or was used up). */
  failResponses(id: string, status: number): void;
  /** A fresh `response_url` pointing at this fake's sink. */
  responseUrl(id?: string): string;
  /** Open Socket Mode connections (those that got `hello`). */
  socketCount(): number;
  /** Sends an envelope on the newest Socket Mode connection and resolves with the ack carrying its envelope_id. */
  sendEnvelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Resolves with the first truthy value of `predicate`, polled until `timeoutMs`; rejects after. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const DEFAULT_RESPONSES: Record<string, Record<string, unknown>> = {
  'auth.test': { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'takeaways', team_id: 'T0FAKE', user_id: 'UBOT', bot_id: 'BBOT' },
  'chat.postMessage': { ok: true, channel: 'C0FAKE', ts: '1700000000.000100' },
  'chat.postEphemeral': { ok: true, message_ts: '1700000000.000200' },
  'chat.update': { ok: true, channel: 'C0FAKE', ts: '1700000000.000100' },
  'views.publish': { ok: true, view: { id: 'V0FAKE' } },
  'conversations.open': { ok: true, channel: { id: 'D0FAKE' } },
};

/** Starts the fake on 127.0.0.1 with an OS-assigned port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const responders = new Map<string, MethodResponder>();
  const delays = new Map<string, number>();
  const oneOffs = new Map<string, OneOffStatus[]>();
  const failingResponses = new Map<string, number>();
  const userLocales = new Map<string, string>();
  const sockets: WebSocket[] = [];
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();
  let envelopeCounter = 0;
  let responseCounter = 0;
  let tsCounter = 0;

  const server: Server = createServer((request, response) => {
    readBody(request)
      .then((raw) => handleHttp(request, response, raw))
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/socket')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.push(ws);
      ws.on('message', (data) => {
        const ack = parseJsonObject(String(data)) as SocketAck | undefined;
        if (ack && typeof ack.envelope_id === 'string') pendingAcks.get(ack.envelope_id)?.(ack);
      });
      ws.on('close', () => {
        const index = sockets.indexOf(ws);
        if (index >= 0) sockets.splice(index, 1);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.length, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake-slack' } }));
    });
  });
  // Slack pings every few seconds; the client drops a connection that hears nothing for 30 s.
  const pinger = setInterval(() => sockets.forEach((ws) => ws.ping()), 10_000);
  pinger.unref();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  function handleHttp(request: IncomingMessage, response: ServerResponse, raw: string): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method === 'POST' && path.startsWith('/response/')) {
      const id = decodeURIComponent(path.slice('/response/'.length));
      const body = parseJsonObject(raw) ?? {};
      const failing = failingResponses.get(id);
      // As Slack's response_url: a message with invalid blocks is refused with 400 and nothing is shown.
      const status = failing ?? (findInvalidBlocks(body['blocks']).length > 0 ? 400 : 200);
      responses.push({ id, body, status });
      if (status === 200) sendJson(response, 200, { ok: true });
      else {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 400 ? 'invalid_blocks' : 'expired_url');
      }
      return;
    }
    if (request.method === 'POST' && path.startsWith('/api/')) {
      const method = path.slice('/api/'.length);
      const body = parseRequestBody(request.headers['content-type'], raw);
      const authorization = request.headers.authorization;
      const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : typeof body.token === 'string' ? body.token : undefined;
      const call: RecordedCall = { method, body, token };
      calls.push(call);
      const oneOff = oneOffs.get(method)?.shift();
      const reply = () => (oneOff ? sendJson(response, oneOff.status, oneOff.body, oneOff.headers) : sendJson(response, 200, answer(call)));
      const wait = delays.get(method);
      if (wait) setTimeout(reply, wait);
      else reply();
      return;
    }
    sendJson(response, 404, { ok: false, error: 'unknown_path' });
  }

  function answer(call: RecordedCall): Record<string, unknown> {
    const custom = responders.get(call.method);
    if (custom) return custom(call);
    const blocks = call.method === 'views.publish' ? (call.body.view as { blocks?: unknown } | undefined)?.blocks : call.body.blocks;
    if (BLOCK_METHODS.has(call.method)) {
      const problems = findInvalidBlocks(blocks);
      if (problems.length > 0) return { ok: false, error: 'invalid_blocks', errors: problems };
    }
    if (call.method === 'apps.connections.open') return { ok: true, url: `ws://127.0.0.1:${port}/socket?ticket=${++envelopeCounter}` };
    if (call.method === 'users.info') {
      // As Slack: the locale only when asked for (include_locale), else no locale field at all.
      const userId = String(call.body.user ?? '');
      const withLocale = String(call.body.include_locale) === 'true';
      return { ok: true, user: { id: userId, name: userId.toLowerCase(), ...(withLocale ? { locale: userLocales.get(userId) ?? 'en-US' } : {}) } };
    }
    if (call.method === 'chat.postMessage') {
      tsCounter += 1;
      return { ...DEFAULT_RESPONSES['chat.postMessage'], channel: call.body.channel, ts: `1700000000.${String(tsCounter).padStart(6, '0')}` };
    }
    return DEFAULT_RESPONSES[call.method] ?? { ok: true };
  }

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    callsTo: (method) => calls.filter((call) => call.method === method),
    setUserLocale(userId, locale) {
      userLocales.set(userId, locale);
    },
    respondTo(method, response) {
      responders.set(method, typeof response === 'function' ? response : () => response);
    },
    delay(method, ms) {
      delays.set(method, ms);
    },
    rateLimitOnce(method, retryAfterSeconds) {
      const queue = oneOffs.get(method) ?? [];
      queue.push({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } });
      oneOffs.set(method, queue);
    },
    failResponses(id, status) {
      failingResponses.set(id, status);
    },
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id ?? `r${++responseCounter}`)}`,
    socketCount: () => sockets.length,
    sendEnvelope(type, payload, options = {}) {
      const socket = sockets.at(-1);
      if (!socket) return Promise.reject(new Error('no Socket Mode connection is open'));
      const envelopeId = options.envelopeId ?? `env-${++envelopeCounter}`;
      const acked = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          reject(new Error(`no ack for envelope ${envelopeId} within 3 s`));
        }, 3_000);
        pendingAcks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          pendingAcks.delete(envelopeId);
          resolve(ack);
        });
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
          payload,
          ...(options.retryAttempt === undefined ? {} : { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' }),
        }),
      );
      return acked;
    },
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
    async close() {
      clearInterval(pinger);
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** Methods whose blocks Slack checks before showing anything. */
const BLOCK_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.publish']);

/**
 * The block rules Slack refuses a whole message over and a bot can break: an action_id repeated within one block
 * (Block Kit: "unique among all other action_ids in the containing block"), or one over 255 characters.
 */
export function findInvalidBlocks(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const problems: string[] = [];
  blocks.forEach((raw: unknown, index) => {
    const block = (raw ?? {}) as { elements?: unknown; accessory?: unknown };
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), ...(block.accessory ? [block.accessory] : [])] as { action_id?: unknown }[];
    const seen = new Set<string>();
    for (const element of elements) {
      if (typeof element.action_id !== 'string') continue;
      if (element.action_id.length > 255) problems.push(`[${index}] action_id over 255 characters`);
      if (seen.has(element.action_id)) problems.push(`[${index}] action_id ${element.action_id} is not unique in its block`);
      seen.add(element.action_id);
    }
  });
  return problems;
}

/** Polls `predicate` every 10 ms until it returns something truthy. */
export async function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---- Signed requests to a Bolt HTTP receiver, as Slack sends them ----

export interface SignedRequestOptions {
  /** Unix seconds; defaults to now. A value over 5 minutes old makes Bolt answer 401. */
  timestamp?: number;
  /** Overrides the computed `v0=` signature, e.g. to forge one. */
  signature?: string;
  /** Sets `X-Slack-Retry-Num`, as Slack does when it redelivers an event. */
  retryNum?: number;
  retryReason?: string;
}

export interface SignedResponse {
  status: number;
  text: string;
  /** The parsed body when it was JSON, else undefined. */
  json: Record<string, unknown> | undefined;
  /** Milliseconds from sending to the full response. */
  elapsedMs: number;
}

/** `v0=` + HMAC-SHA256(secret, `v0:{ts}:{body}`), Slack's request signature. */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
}

/** Encodes a slash command the way Slack does (form fields, all strings). */
export function encodeSlashCommand(fields: SlashCommandFields): string {
  const full: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0FAKE',
    channel_name: 'general',
    user_id: 'U0USER',
    user_name: 'ana',
    text: '',
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/unused',
    trigger_id: '1.2.3',
    ...fields,
  };
  return new URLSearchParams(full).toString();
}

export function sendSlashCommand(receiverUrl: string, signingSecret: string, fields: SlashCommandFields, options: SignedRequestOptions = {}): Promise<SignedResponse> {
  return sendSigned(receiverUrl, signingSecret, encodeSlashCommand(fields), 'application/x-www-form-urlencoded', options);
}

/** Sends an Events API callback (`event_callback` envelope) as JSON. */
export function sendEvent(receiverUrl: string, signingSecret: string, envelope: Record<string, unknown>, options: SignedRequestOptions = {}): Promise<SignedResponse> {
  return sendSigned(receiverUrl, signingSecret, JSON.stringify(envelope), 'application/json', options);
}

/** Sends an interactive payload (block_actions, view_submission…) as the form field `payload`. */
export function sendInteraction(receiverUrl: string, signingSecret: string, payload: Record<string, unknown>, options: SignedRequestOptions = {}): Promise<SignedResponse> {
  return sendSigned(receiverUrl, signingSecret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** Sends any body, correctly signed, e.g. a malformed one that only the signature makes look like Slack's. */
export async function sendSigned(receiverUrl: string, signingSecret: string, body: string, contentType: string, options: SignedRequestOptions = {}): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? signSlackRequest(signingSecret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(receiverUrl, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, json: parseJsonObject(text), elapsedMs: performance.now() - started };
}

// ---- Parsing ----

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseRequestBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return parseJsonObject(raw) ?? {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client JSON-encodes objects and arrays (blocks, view, attachments) inside form bodies.
    const decoded = value.startsWith('{') || value.startsWith('[') ? parseJson(value) : undefined;
    body[key] = decoded ?? value;
  }
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const value = parseJson(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function sendJson(response: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

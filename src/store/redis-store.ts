import { Redis } from 'ioredis';
import { describeError, ErrorCode, isTakeawaysError, TakeawaysError } from '../errors.js';
import { createSilentLogger, type Logger } from '../logger.js';
import { maskUrlPassword } from './mask-url.js';
import {
  finishedSlotPostRecord,
  isHeldBy,
  newSlotPostRecord,
  renewedSlotPostRecord,
  SLOT_RECORD_RETENTION_MS,
  type PlatformName,
  type SlotClaim,
  type SlotFinish,
  type SlotLease,
  type SlotPostRecord,
  type Store,
  type Subscription,
} from './store.js';

/** The data layout this version writes; a newer one stops start-up instead of being misread. */
const REDIS_SCHEMA_VERSION = 1;
const PREFIX = 'takeaways:';
const KEYS = {
  schema: `${PREFIX}schema`,
  subscriptions: `${PREFIX}subscriptions`,
  /** A hash of `platform:userId` → the language the user chose with `/lang`. */
  languages: `${PREFIX}languages`,
  value: (key: string) => `${PREFIX}value:${key}`,
  slotIndex: (slot: string) => `${PREFIX}slot:${slot}`,
  slotPost: (slot: string, target: string) => `${PREFIX}slot:${slot}:${target}`,
  lease: (name: string) => `${PREFIX}lease:${name}`,
};

/** The Redis key of a named value (`Store.getValue`), for an operator's redis-cli. */
export function redisValueKey(key: string): string {
  return KEYS.value(key);
}

/** Adds or refreshes a subscription in one step: a new one keeps its `since`, a known one gains a channel. */
const SUBSCRIBE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  if ARGV[3] ~= '' then
    local subscription = cjson.decode(current)
    subscription.channelId = ARGV[3]
    redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(subscription))
  end
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** Replaces a record only if it is still exactly what the caller read (compare and set). */
const COMPARE_AND_SET_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1`;

/** How often a compare-and-set is retried when another writer changed the record in between. */
const CAS_ATTEMPTS = 5;

/**
 * How long a command may take, queued while reconnecting included: well inside the 3 s Slack and Discord
 * give an answer, so a user hears "try again" instead of nothing while Redis is away.
 */
const REDIS_COMMAND_TIMEOUT_MS = 1_000;

export interface RedisStoreOptions {
  connectTimeoutMs?: number;
  /** Told when the connection goes and comes back, and loudly when Redis comes back without the bot's data. */
  logger?: Logger;
}

/**
 * State in Redis, for several replicas: subscriptions in a hash, values as strings, and slot records as
 * one key per (slot, target) claimed with SET NX and kept a few days. Every write that decides who posts
 * is a single atomic command or script, so replicas never both win.
 */
export class RedisStore implements Store {
  private readonly client: Redis;
  private readonly shown: string;
  private readonly logger: Logger;

  private constructor(client: Redis, shown: string, logger: Logger) {
    this.client = client;
    this.shown = shown;
    this.logger = logger;
    let lost = false;
    client.on('close', () => {
      if (lost || client.status === 'end') return;
      lost = true;
      logger.warn({ url: shown }, 'lost the connection to Redis; state calls fail until it is back');
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.checkDataAfterReconnect().catch((error: unknown) => logger.warn({ err: error, url: shown }, 'could not check the data Redis came back with'));
    });
  }

  /**
   * Connects and checks the data layout. An unreachable server, a refused password, a database number the
   * server lacks or keys of the wrong type stop start-up with an error naming REDIS_URL (password masked);
   * nothing is reset, and nothing is written before every check has passed.
   */
  static async open(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const shown = maskUrlPassword(url);
    let opened = false;
    let lastError: unknown;
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 3,
      // Before the first connection, fail fast with one clear error; after it, keep reconnecting.
      retryStrategy: (times) => (opened ? Math.min(times * 200, 2_000) : null),
    });
    client.on('error', (error: unknown) => (lastError = error));
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      const reason = describeError(lastError ?? error);
      throw new TakeawaysError(ErrorCode.StoreUnavailable, `cannot reach Redis at REDIS_URL=${shown}: ${reason}. Check that the server runs and the URL (host, port, password) is right.`, { url: shown }, { cause: lastError ?? error });
    }
    try {
      await selectDatabase(client, url, shown);
      await client.ping();
      await checkLayout(client);
    } catch (error) {
      client.disconnect();
      if (isTakeawaysError(error, ErrorCode.ConfigInvalid)) throw error;
      if (error instanceof TakeawaysError) throw new TakeawaysError(error.code, `Redis at REDIS_URL=${shown}: ${error.message}`, { url: shown }, { cause: error });
      throw new TakeawaysError(ErrorCode.StoreUnavailable, `cannot use Redis at REDIS_URL=${shown}: ${describeError(error)}`, { url: shown }, { cause: error });
    }
    opened = true;
    return new RedisStore(client, shown, options.logger ?? createSilentLogger());
  }

  readiness(): Record<string, boolean> {
    return { redis: this.client.status === 'ready' };
  }

  async subscribe(subscription: Subscription): Promise<boolean> {
    const field = `${subscription.platform}:${subscription.userId}`;
    const added = await this.call(() => this.client.eval(SUBSCRIBE_SCRIPT, 1, KEYS.subscriptions, field, JSON.stringify(subscription), subscription.channelId ?? ''));
    return added === 1;
  }

  async unsubscribe(platform: PlatformName, userId: string): Promise<boolean> {
    return (await this.call(() => this.client.hdel(KEYS.subscriptions, `${platform}:${userId}`))) > 0;
  }

  async isSubscribed(platform: PlatformName, userId: string): Promise<boolean> {
    return (await this.call(() => this.client.hexists(KEYS.subscriptions, `${platform}:${userId}`))) === 1;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const values = await this.call(() => this.client.hvals(KEYS.subscriptions));
    return values
      .map((value) => parseSubscription(value))
      .filter((subscription): subscription is Subscription => subscription !== null)
      .sort((a, b) => a.since.localeCompare(b.since));
  }

  async getLanguage(platform: PlatformName, userId: string): Promise<string | null> {
    return this.call(() => this.client.hget(KEYS.languages, `${platform}:${userId}`));
  }

  async setLanguage(platform: PlatformName, userId: string, language: string | null): Promise<void> {
    const field = `${platform}:${userId}`;
    await this.call(() => (language === null ? this.client.hdel(KEYS.languages, field) : this.client.hset(KEYS.languages, field, language)));
  }

  async getValue(key: string): Promise<string | null> {
    return this.call(() => this.client.get(KEYS.value(key)));
  }

  async setValue(key: string, value: string): Promise<void> {
    await this.call(() => this.client.set(KEYS.value(key), value));
  }

  async claimSlotPost(lease: SlotLease): Promise<SlotClaim> {
    const key = KEYS.slotPost(lease.slot, lease.target);
    const record = newSlotPostRecord(lease);
    // SET NX is the claim: exactly one replica creates the record.
    const created = await this.call(() => this.client.set(key, JSON.stringify(record), 'PX', SLOT_RECORD_RETENTION_MS, 'NX'));
    await this.call(() => this.client.multi().sadd(KEYS.slotIndex(lease.slot), lease.target).pexpire(KEYS.slotIndex(lease.slot), SLOT_RECORD_RETENTION_MS).exec());
    if (created === 'OK') return { claimed: true, record };
    const existing = parseSlotPost(await this.call(() => this.client.get(key)));
    if (!existing) throw new TakeawaysError(ErrorCode.StoreCorrupt, `slot record ${key} is not readable`, { key });
    return { claimed: false, record: existing };
  }

  async renewSlotPost(lease: SlotLease, heldBy: string, options: { attempt?: boolean } = {}): Promise<SlotPostRecord | null> {
    return this.compareAndSet(KEYS.slotPost(lease.slot, lease.target), (existing) =>
      isHeldBy(existing, heldBy) ? renewedSlotPostRecord(existing, lease, options.attempt ?? false) : null,
    );
  }

  async finishSlotPost(finish: SlotFinish): Promise<boolean> {
    const updated = await this.compareAndSet(KEYS.slotPost(finish.slot, finish.target), (existing) =>
      isHeldBy(existing, finish.owner) ? finishedSlotPostRecord(existing, finish) : null,
    );
    return updated !== null;
  }

  async readSlotPosts(slot: string): Promise<SlotPostRecord[]> {
    const targets = await this.call(() => this.client.smembers(KEYS.slotIndex(slot)));
    if (targets.length === 0) return [];
    const values = await this.call(() => this.client.mget(targets.map((target) => KEYS.slotPost(slot, target))));
    return values
      .map((value) => parseSlotPost(value))
      .filter((record): record is SlotPostRecord => record !== null)
      .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt) || a.target.localeCompare(b.target));
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    // Redis's own clock decides the expiry, so replicas with skewed clocks still agree.
    return (await this.call(() => this.client.set(KEYS.lease(name), owner, 'PX', Math.max(1, Math.round(ttlMs)), 'NX'))) === 'OK';
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** One command, its failure said as a store error that names Redis (password masked). */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const reason = describeError(error);
      if (reason.startsWith('WRONGTYPE')) {
        throw new TakeawaysError(ErrorCode.StoreCorrupt, `Redis at REDIS_URL=${this.shown} holds a key of this bot with data of another kind: ${reason}`, { url: this.shown }, { cause: error });
      }
      throw new TakeawaysError(ErrorCode.StoreUnavailable, `Redis at REDIS_URL=${this.shown} did not answer: ${reason}`, { url: this.shown }, { cause: error });
    }
  }

  /**
   * After a reconnection: the schema key written at start-up is gone only if Redis lost the data
   * (a restart without persistence, a flush). That is said loudly, and the key is written again so the
   * next loss is noticed too.
   */
  private async checkDataAfterReconnect(): Promise<void> {
    if ((await this.client.exists(KEYS.schema)) === 1) {
      this.logger.info({ url: this.shown }, 'reconnected to Redis; its data is there');
      return;
    }
    this.logger.error(
      { url: this.shown, key: KEYS.schema },
      "Redis came back without this bot's data (it restarted empty or was flushed): subscriptions, the tip rotation and post records are gone. Restore them from a Redis backup (RDB or AOF) if there is one; the bot carries on with empty state",
    );
    await this.client.set(KEYS.schema, String(REDIS_SCHEMA_VERSION), 'NX');
  }

  private async compareAndSet(key: string, change: (existing: SlotPostRecord | undefined) => SlotPostRecord | null): Promise<SlotPostRecord | null> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const raw = await this.call(() => this.client.get(key));
      const next = change(parseSlotPost(raw) ?? undefined);
      if (!next || raw === null) return null;
      const replaced = await this.call(() => this.client.eval(COMPARE_AND_SET_SCRIPT, 1, key, raw, JSON.stringify(next)));
      if (replaced === 1) return next;
    }
    return null;
  }
}

/**
 * Selects the database REDIS_URL names. ioredis only reports a failed SELECT as an event and carries on
 * in database 0: the bot would write over whatever lives there.
 */
async function selectDatabase(client: Redis, url: string, shown: string): Promise<void> {
  const path = new URL(url).pathname.replace(/^\//, '');
  const database = path === '' ? 0 : Number(path);
  try {
    await client.select(database);
  } catch (error) {
    throw new TakeawaysError(
      ErrorCode.ConfigInvalid,
      `REDIS_URL=${shown} asks for database ${path}, which this Redis server does not have (${describeError(error)}). Pick a database it has (0 to 15 unless its "databases" setting says otherwise).`,
      { url: shown },
      { cause: error },
    );
  }
}

/** Checks every key of the layout first and writes the schema version last, so a refusal changes nothing. */
async function checkLayout(client: Redis): Promise<void> {
  const schemaType = await client.type(KEYS.schema);
  if (schemaType !== 'none' && schemaType !== 'string') {
    throw new TakeawaysError(ErrorCode.StoreCorrupt, `key ${KEYS.schema} is a ${schemaType}, not this bot's; another application may use this database: pick another database number in REDIS_URL (e.g. /1); nothing was changed`);
  }
  const version = await client.get(KEYS.schema);
  if (version !== null && !/^\d+$/.test(version)) {
    throw new TakeawaysError(ErrorCode.StoreCorrupt, `key ${KEYS.schema} holds "${version.slice(0, 40)}", not a schema version; nothing was changed`);
  }
  if (version !== null && Number(version) > REDIS_SCHEMA_VERSION) {
    throw new TakeawaysError(ErrorCode.StoreCorrupt, `the data was written by a newer version of the bot (schema ${version}, this one knows ${REDIS_SCHEMA_VERSION})`);
  }
  const subscriptionsType = await client.type(KEYS.subscriptions);
  if (subscriptionsType !== 'none' && subscriptionsType !== 'hash') {
    throw new TakeawaysError(ErrorCode.StoreCorrupt, `key ${KEYS.subscriptions} is a ${subscriptionsType}, expected a hash; another application may use this database: pick another database number in REDIS_URL (e.g. /1); nothing was changed`);
  }
  if (version === null) await client.set(KEYS.schema, String(REDIS_SCHEMA_VERSION), 'NX');
}

function parseJson(raw: string | null): Record<string, unknown> | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseSubscription(raw: string): Subscription | null {
  const value = parseJson(raw);
  if (!value || typeof value['userId'] !== 'string' || typeof value['since'] !== 'string') return null;
  if (value['platform'] !== 'slack' && value['platform'] !== 'discord' && value['platform'] !== 'console') return null;
  return { platform: value['platform'], userId: value['userId'], channelId: typeof value['channelId'] === 'string' ? value['channelId'] : null, since: value['since'] };
}

function parseSlotPost(raw: string | null): SlotPostRecord | null {
  const value = parseJson(raw);
  if (!value || typeof value['slot'] !== 'string' || typeof value['target'] !== 'string' || typeof value['owner'] !== 'string') return null;
  if (value['state'] !== 'pending' && value['state'] !== 'done' && value['state'] !== 'failed') return null;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    slot: value['slot'],
    target: value['target'],
    state: value['state'],
    owner: value['owner'],
    leaseUntil: typeof value['leaseUntil'] === 'number' ? value['leaseUntil'] : 0,
    claimedAt: text('claimedAt') ?? '',
    attemptedAt: text('attemptedAt'),
    attempts: typeof value['attempts'] === 'number' ? value['attempts'] : 0,
    finishedAt: text('finishedAt'),
    messageId: text('messageId'),
    error: text('error'),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTakeawaysError } from '../../src/errors.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { openStore } from '../../src/store/open-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { SCHEMA_VERSION, SqliteStore } from '../../src/store/sqlite-store.js';
import type { SlotLease, Store } from '../../src/store/store.js';
import { REDIS_TESTS_SKIPPED, startRedisServer, type RedisServer } from '../support/redis-server.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const lease = (owner: string, now = NOW): SlotLease => ({ slot: '2026-03-02T09:00:00', target: 'slack:C0TIPS', owner, leaseMs: 30_000, now });

let redis: RedisServer | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  if (!REDIS_TESTS_SKIPPED) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-slots-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Two handles on one store, as two processes would have: the same object, the same file, the same server. */
type Pair = () => Promise<[Store, Store]>;

const flushRedis = async (url: string) => {
  const client = new Redis(url);
  await client.flushdb();
  client.disconnect();
};

const backends: [string, Pair][] = [
  [
    'MemoryStore',
    async () => {
      const store = new MemoryStore();
      return [store, store];
    },
  ],
  [
    'SqliteStore (one file, two connections)',
    async () => {
      const file = join(tempDir(), 'state.sqlite');
      const pair: [Store, Store] = [SqliteStore.open(file), SqliteStore.open(file)];
      cleanups.push(async () => void (await Promise.all(pair.map((store) => store.close()))));
      return pair;
    },
  ],
  [
    'RedisStore (one server, two clients)',
    async () => {
      if (!redis) throw new Error('no redis-server');
      await flushRedis(redis.url);
      const pair: [Store, Store] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
      cleanups.push(async () => void (await Promise.all(pair.map((store) => store.close()))));
      return pair;
    },
  ],
];
const runnable = backends.filter(([name]) => !(REDIS_TESTS_SKIPPED && name.startsWith('Redis')));

describe.each(runnable)('slot records in %s', (_name, open) => {
  it('lets exactly one of two concurrent claims win, and hands the loser the winning record', async () => {
    const [first, second] = await open();

    const claims = await Promise.all([first.claimSlotPost(lease('a')), second.claimSlotPost(lease('b'))]);

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    const winner = claims.find((claim) => claim.claimed)?.record.owner;
    expect(claims.map((claim) => claim.record.owner)).toEqual([winner, winner]);
    expect(claims[0].record).toMatchObject({ state: 'pending', attemptedAt: null, attempts: 0, leaseUntil: NOW.getTime() + 30_000 });
  });

  it('renews only for the holder, records an attempt, and lets another owner take over from a named holder once', async () => {
    const [first, second] = await open();
    await first.claimSlotPost(lease('a'));

    expect(await second.renewSlotPost(lease('b', later(1_000)), 'someone-else')).toBeNull();
    const attempted = await first.renewSlotPost(lease('a', later(1_000)), 'a', { attempt: true });
    expect(attempted).toMatchObject({ owner: 'a', attempts: 1, attemptedAt: later(1_000).toISOString(), leaseUntil: later(31_000).getTime() });

    const takeovers = await Promise.all([first.renewSlotPost(lease('c', later(40_000)), 'a'), second.renewSlotPost(lease('d', later(40_000)), 'a')]);
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    expect(takeovers.find(Boolean)).toMatchObject({ attempts: 1, attemptedAt: later(1_000).toISOString() });
  });

  it('records a result only from the holder, and keeps it: a later claim gets the finished record', async () => {
    const [first, second] = await open();
    await first.claimSlotPost(lease('a'));

    expect(await second.finishSlotPost({ slot: lease('b').slot, target: 'slack:C0TIPS', owner: 'b', now: later(2_000), outcome: { state: 'done', messageId: 'x' } })).toBe(false);
    expect(await first.finishSlotPost({ slot: lease('a').slot, target: 'slack:C0TIPS', owner: 'a', now: later(2_000), outcome: { state: 'done', messageId: '1700.1' } })).toBe(true);
    expect(await first.finishSlotPost({ slot: lease('a').slot, target: 'slack:C0TIPS', owner: 'a', now: later(3_000), outcome: { state: 'failed', error: 'late' } })).toBe(false);

    const again = await second.claimSlotPost(lease('b', later(90_000)));
    expect(again).toMatchObject({ claimed: false, record: { state: 'done', messageId: '1700.1', owner: 'a', finishedAt: later(2_000).toISOString() } });
    expect(await second.renewSlotPost(lease('b', later(90_000)), 'a')).toBeNull();
    expect((await second.readSlotPosts(lease('a').slot)).map((record) => [record.target, record.state])).toEqual([['slack:C0TIPS', 'done']]);
    expect(await second.readSlotPosts('2026-03-03T09:00:00')).toEqual([]);
  });

  it('gives a named lease to one owner until it expires', async () => {
    const [first, second] = await open();

    const results = await Promise.all([first.acquireLease('cron:tip', 'a', 200, NOW), second.acquireLease('cron:tip', 'b', 200, NOW)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await second.acquireLease('cron:tip', 'b', 200, later(250))).toBe(true);
  });
});

describe('SqliteStore schema migration', () => {
  it('upgrades a version 1 file to the slot tables and keeps its subscriptions and values', async () => {
    const file = join(tempDir(), 'v1.sqlite');
    const v1 = new Database(file);
    v1.exec(`CREATE TABLE subscriptions (platform TEXT NOT NULL, user_id TEXT NOT NULL, channel_id TEXT, since TEXT NOT NULL, PRIMARY KEY (platform, user_id));
             CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO subscriptions VALUES ('slack', 'U1', 'D1', '2026-01-01T00:00:00Z');
             INSERT INTO kv VALUES ('discord:commands-hash', 'abc');`);
    v1.pragma('user_version = 1');
    v1.close();

    const store = SqliteStore.open(file);
    cleanups.push(() => store.close());

    expect(await store.listSubscriptions()).toEqual([{ platform: 'slack', userId: 'U1', channelId: 'D1', since: '2026-01-01T00:00:00Z' }]);
    expect(await store.getValue('discord:commands-hash')).toBe('abc');
    expect((await store.claimSlotPost(lease('a'))).claimed).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});

describe.skipIf(REDIS_TESTS_SKIPPED)('RedisStore', () => {
  it('keeps subscriptions (a known one gains a channel, keeps its date) and values', async () => {
    if (!redis) throw new Error('no redis-server');
    await flushRedis(redis.url);
    const store = await RedisStore.open(redis.url);
    cleanups.push(() => store.close());

    expect(await store.subscribe({ platform: 'slack', userId: 'U1', channelId: null, since: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(await store.subscribe({ platform: 'slack', userId: 'U1', channelId: 'D1', since: '2026-02-01T00:00:00Z' })).toBe(false);
    await store.setValue('tips:rotation', '[]');

    expect(await store.listSubscriptions()).toEqual([{ platform: 'slack', userId: 'U1', channelId: 'D1', since: '2026-01-01T00:00:00Z' }]);
    expect(await store.isSubscribed('slack', 'U1')).toBe(true);
    expect(await store.getValue('tips:rotation')).toBe('[]');
    expect(await store.unsubscribe('slack', 'U1')).toBe(true);
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('expires slot records after a few days', async () => {
    if (!redis) throw new Error('no redis-server');
    await flushRedis(redis.url);
    const store = await RedisStore.open(redis.url);
    cleanups.push(() => store.close());
    await store.claimSlotPost(lease('a'));

    const client = new Redis(redis.url);
    cleanups.push(() => void client.disconnect());
    const ttl = await client.pttl('takeaways:slot:2026-03-02T09:00:00:slack:C0TIPS');
    expect(ttl).toBeGreaterThan(3 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(4 * 86_400_000);
  });

  it('refuses a database whose keys are not this bot’s, without changing them', async () => {
    if (!redis) throw new Error('no redis-server');
    await flushRedis(redis.url);
    const client = new Redis(redis.url);
    cleanups.push(() => void client.disconnect());
    await client.rpush('takeaways:subscriptions', 'someone else’s list');

    const error = await RedisStore.open(redis.url).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'store_corrupt')).toBe(true);
    expect((error as Error).message).toContain(`REDIS_URL=${redis.url}`);
    expect((error as Error).message).toContain('takeaways:subscriptions is a list');
    expect(await client.lrange('takeaways:subscriptions', 0, -1)).toEqual(['someone else’s list']);
  });

  it('refuses data written by a newer version', async () => {
    if (!redis) throw new Error('no redis-server');
    await flushRedis(redis.url);
    const client = new Redis(redis.url);
    cleanups.push(() => void client.disconnect());
    await client.set('takeaways:schema', '99');

    await expect(RedisStore.open(redis.url)).rejects.toThrow(/newer version of the bot \(schema 99/);
  });
});

describe('openStore with REDIS_URL', () => {
  it('stops with an error naming REDIS_URL, password masked, when nothing listens there', async () => {
    const error = await openStore({ DATA_DIR: tempDir(), REDIS_URL: 'redis://:hunter2-secret@127.0.0.1:1/0' }).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'store_unavailable')).toBe(true);
    expect((error as Error).message).toMatch(/^cannot reach Redis at REDIS_URL=redis:\/\/:\*\*\*\*@127\.0\.0\.1:1\/0: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it.skipIf(REDIS_TESTS_SKIPPED)('opens Redis instead of the SQLite file', async () => {
    if (!redis) throw new Error('no redis-server');
    await flushRedis(redis.url);
    const dataDir = tempDir();
    const store = await openStore({ DATA_DIR: dataDir, REDIS_URL: redis.url });
    cleanups.push(() => store.close());

    expect(store).toBeInstanceOf(RedisStore);
  });
});

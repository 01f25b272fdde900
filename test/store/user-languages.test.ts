import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { PreviewStore } from '../../src/store/preview-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { REDIS_TESTS_SKIPPED, startRedisServer, type RedisServer } from '../support/redis-server.js';

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

/** Opens a store, and a second handle on the same state (another process, another replica). */
type Open = () => Promise<[Store, () => Promise<Store>]>;

const backends: [string, Open][] = [
  ['MemoryStore', async () => {
    const store = new MemoryStore();
    return [store, async () => store];
  }],
  ['SqliteStore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'takeaways-languages-'));
    const file = join(dir, 'state.sqlite');
    const store = SqliteStore.open(file);
    const others: Store[] = [];
    cleanups.push(async () => {
      await Promise.all([store, ...others].map((entry) => entry.close()));
      rmSync(dir, { recursive: true, force: true });
    });
    return [store, async () => {
      const other = SqliteStore.open(file);
      others.push(other);
      return other;
    }];
  }],
  ['RedisStore', async () => {
    if (!redis) throw new Error('no redis-server');
    const client = new Redis(redis.url);
    await client.flushdb();
    client.disconnect();
    const url = redis.url;
    const store = await RedisStore.open(url);
    const others: Store[] = [];
    cleanups.push(async () => void (await Promise.all([store, ...others].map((entry) => entry.close()))));
    return [store, async () => {
      const other = await RedisStore.open(url);
      others.push(other);
      return other;
    }];
  }],
];
const runnable = backends.filter(([name]) => !(REDIS_TESTS_SKIPPED && name.startsWith('Redis')));

describe.each(runnable)('a user chosen language in %s', (_name, open) => {
  it('is kept per platform and user, seen by another handle, and forgotten with null', async () => {
    const [store, another] = await open();
    expect(await store.getLanguage('slack', 'U1')).toBeNull();

    await store.setLanguage('slack', 'U1', 'vi');
    await store.setLanguage('discord', 'U1', 'en');

    const other = await another();
    expect(await other.getLanguage('slack', 'U1')).toBe('vi');
    expect(await other.getLanguage('discord', 'U1')).toBe('en');
    expect(await other.getLanguage('slack', 'U2')).toBeNull();
    await other.setLanguage('slack', 'U1', null);
    expect(await store.getLanguage('slack', 'U1')).toBeNull();
    expect(await store.getLanguage('discord', 'U1')).toBe('en');
  });
});

describe('a preview (takeaways ask)', () => {
  it('reads the real choice and keeps its own changes to itself', async () => {
    const real = new MemoryStore();
    await real.setLanguage('console', 'cli', 'vi');
    const preview = new PreviewStore(real);
    expect(await preview.getLanguage('console', 'cli')).toBe('vi');
    await preview.setLanguage('console', 'cli', 'en');
    expect(await preview.getLanguage('console', 'cli')).toBe('en');
    expect(await real.getLanguage('console', 'cli')).toBe('vi');
  });
});

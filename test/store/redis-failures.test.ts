import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/app/start-bot.js';
import { readConfig } from '../../src/config.js';
import { isTakeawaysError } from '../../src/errors.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { eventually } from '../support/eventually.js';
import { REDIS_TESTS_SKIPPED, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { createCapturingLogger } from '../support/test-bot.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const server = await startRedisServer(options);
  cleanups.push(() => server.stop());
  return server;
}

function client(url: string): Redis {
  const redis = new Redis(url);
  cleanups.push(() => void redis.disconnect());
  return redis;
}

const subscription = { platform: 'slack' as const, userId: 'U1', channelId: 'D1', since: '2026-03-02T09:00:00Z' };

describe.skipIf(REDIS_TESTS_SKIPPED)('RedisStore on a server that is not what REDIS_URL promised', () => {
  it('refuses a database number the server does not have, writing nothing to database 0', async () => {
    const server = await redisServer();
    const url = `redis://127.0.0.1:${server.port}/99`;

    const error = await RedisStore.open(url).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'config_invalid')).toBe(true);
    expect((error as Error).message).toMatch(/REDIS_URL=redis:\/\/127\.0\.0\.1:\d+\/99 asks for database 99, which this Redis server does not have/);
    expect(await client(server.url).dbsize()).toBe(0);
  });

  it('refuses a database holding another application’s data without writing a key', async () => {
    const server = await redisServer();
    const redis = client(server.url);
    await redis.rpush('takeaways:subscriptions', 'someone else’s list');

    await expect(RedisStore.open(server.url)).rejects.toThrow(/takeaways:subscriptions is a list.*nothing was changed/);
    expect((await redis.keys('*')).sort()).toEqual(['takeaways:subscriptions']);
  });
});

/** A store on a fresh server, holding one subscription, and the lines it logs. */
async function subscribedStore() {
  const server = await redisServer();
  const { logger, lines } = createCapturingLogger();
  const store = await RedisStore.open(server.url, { logger });
  cleanups.push(() => store.close());
  await store.subscribe(subscription);
  return { server, store, lines };
}

describe.skipIf(REDIS_TESTS_SKIPPED)('RedisStore when Redis goes away', () => {
  it('fails calls within a second naming Redis while it is down, and says loudly that it came back empty', async () => {
    const { server, store, lines } = await subscribedStore();
    expect(store.readiness()).toEqual({ redis: true });

    await server.stop();
    await eventually(() => !store.readiness()['redis']);
    const started = Date.now();
    const error = await store.isSubscribed('slack', 'U1').catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(isTakeawaysError(error, 'store_unavailable')).toBe(true);
    expect((error as Error).message).toContain(`Redis at REDIS_URL=${server.url}`);

    await redisServer({ port: server.port });
    await eventually(() => store.readiness()['redis'] === true);
    await eventually(() => lines().some((line) => line['level'] === 50 && /came back without this bot's data/.test(String(line['msg']))));
    expect(await store.listSubscriptions()).toEqual([]);
    expect(lines().find((line) => line['level'] === 50)?.['msg']).toMatch(/subscriptions, the tip rotation and post records are gone/);
  }, 30_000);

  it('keeps quiet about data when Redis comes back with it', async () => {
    const { server, store, lines } = await subscribedStore();

    await client(server.url).call('CLIENT', 'KILL', 'TYPE', 'normal');
    await eventually(() => lines().some((line) => /reconnected to Redis/.test(String(line['msg']))));

    expect(lines().filter((line) => Number(line['level']) >= 50)).toEqual([]);
    expect(await store.isSubscribed('slack', 'U1')).toBe(true);
    const before = lines().length;
    await store.close();
    expect(lines().slice(before), 'closing is not losing the connection').toEqual([]);
  }, 30_000);

  it('has /readyz report the Redis outage', async () => {
    const server = await redisServer();
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const bot: RunningBot | undefined = await startBot(
      readConfig({
        CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-redis-ready-')),
        LOG_LEVEL: 'silent',
        CONTENT_WATCH: 'false',
        REDIS_URL: server.url,
        DISCORD_TOKEN: fake.token,
        DISCORD_APP_ID: fake.appId,
        DISCORD_API_URL: fake.apiUrl,
        HEALTH_PORT: '0',
      }),
    );
    if (!bot?.healthPort) throw new Error('no health port');
    cleanups.push(() => bot.stop());
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${bot.healthPort}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks: Record<string, boolean> } };
    };
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', checks: { content: true, discord: true, redis: true } } });

    await server.stop();
    await eventually(async () => (await readyz()).status === 503);
    expect((await readyz()).body.checks).toEqual({ content: true, discord: true, redis: false });
  }, 30_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { REDIS_TESTS_SKIPPED, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { createTestScheduler, FakeTipPlatform, FlakyStore, isAttempt, logsWith, TestClock } from './scheduler-harness.js';

/** Monday 2 March 2026, 09:00 in Ho Chi Minh City (UTC+7): the default schedule's slot. */
const SLOT = '2026-03-02T02:00:00Z';
const SLOT_ID = '2026-03-02T09:00:00';
const DISCORD_CHANNEL = '300000000000000001';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function platforms() {
  return { slack: new FakeTipPlatform(false), discord: new FakeTipPlatform(true) };
}

async function subscribedStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.subscribe({ platform: 'slack', userId: 'U0ANA', channelId: 'D0ANA', since: '2026-02-01T00:00:00Z' });
  await store.subscribe({ platform: 'discord', userId: '400000000000000001', channelId: '500000000000000001', since: '2026-02-01T00:00:00Z' });
  return store;
}

describe('a due slot', () => {
  it('posts once to every configured channel and every subscriber’s DM, and a repeated call posts nothing more', async () => {
    const store = await subscribedStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler } = createTestScheduler({ store, clock, posters: fake });

    const first = await scheduler.runDueSlot();
    clock.advance(5_000);
    const second = await scheduler.runDueSlot();

    expect(first?.slot.id).toBe(SLOT_ID);
    expect(first?.outcomes.map((outcome) => [outcome.target, outcome.status])).toEqual([
      ['slack:C0TIPS', 'posted'],
      [`discord:${DISCORD_CHANNEL}`, 'posted'],
      ['slack:D0ANA', 'posted'],
      ['discord:500000000000000001', 'posted'],
    ]);
    expect(second?.outcomes.every((outcome) => outcome.status === 'already-posted')).toBe(true);
    expect(fake.slack.shown.map((message) => message.channelId)).toEqual(['C0TIPS', 'D0ANA']);
    expect(fake.discord.shown.map((message) => message.channelId)).toEqual([DISCORD_CHANNEL, '500000000000000001']);
    expect(fake.slack.shown[0]?.when.toISOString()).toBe(new Date(SLOT).toISOString());
  });

  it('posts once when the trigger and a sweep call at the same moment', async () => {
    const fake = platforms();
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock: new TestClock(new Date(SLOT)), posters: fake });

    await Promise.all([scheduler.runDueSlot(), scheduler.runDueSlot(), scheduler.runDueSlot()]);

    expect(fake.slack.shown).toHaveLength(1);
    expect(fake.discord.shown).toHaveLength(1);
  });

  it('posts nothing before the day’s first slot, nor on a day the schedule skips', async () => {
    const fake = platforms();
    const clock = new TestClock(new Date('2026-03-02T01:59:59Z'));
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake });

    expect(await scheduler.runDueSlot()).toBeNull();
    clock.set('2026-03-07T05:00:00Z'); // Saturday, 12:00 local
    expect(await scheduler.runDueSlot()).toBeNull();
    expect(fake.slack.requests).toEqual([]);
  });

  it('skips a platform that is not running, without recording it, so a process that runs it can post', async () => {
    const store = new MemoryStore();
    const slack = new FakeTipPlatform(false);
    const { scheduler } = createTestScheduler({ store, clock: new TestClock(new Date(SLOT)), posters: { slack } });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes.map((outcome) => outcome.target)).toEqual(['slack:C0TIPS']);
    expect((await store.readSlotPosts(SLOT_ID)).map((record) => record.target)).toEqual(['slack:C0TIPS']);
  });

  it('warns about a platform that is not running once per slot and target, not at every sweep', async () => {
    const store = await subscribedStore();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store, clock, posters: { slack: new FakeTipPlatform(false) } });

    for (let sweep = 0; sweep < 4; sweep += 1, clock.advance(30_000)) await scheduler.runDueSlot();
    await store.subscribe({ platform: 'discord', userId: '400000000000000002', channelId: '500000000000000002', since: clock.now().toISOString() });
    clock.set('2026-03-03T02:00:00Z');
    for (let sweep = 0; sweep < 4; sweep += 1, clock.advance(30_000)) await scheduler.runDueSlot();

    const warnings = logsWith(logs(), 'discord is not running in this process');
    expect(warnings.map((warning) => [warning['slot'], warning['targets']])).toEqual([
      [SLOT_ID, [`discord:${DISCORD_CHANNEL}`, 'discord:500000000000000001']],
      ['2026-03-03T09:00:00', [`discord:${DISCORD_CHANNEL}`, 'discord:500000000000000001', 'discord:500000000000000002']],
    ]);
    expect(warnings[0]?.['msg']).toBe(`discord is not running in this process, so discord:${DISCORD_CHANNEL}, discord:500000000000000001 get no tip for this slot; set its token`);
  });
});

describe('restarts and downtime', () => {
  it('a process restarted during the slot posts only what the first one had not', async () => {
    const store = new MemoryStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const first = createTestScheduler({ store, clock, posters: { slack: fake.slack } });
    await first.scheduler.runDueSlot();
    // The first process had also claimed the Discord post when it stopped, before sending anything.
    await store.claimSlotPost({ slot: SLOT_ID, target: `discord:${DISCORD_CHANNEL}`, owner: first.scheduler.owner, leaseMs: 30_000, now: clock.now() });

    clock.advance(45_000);
    const restarted = createTestScheduler({ store, clock, posters: fake });
    const run = await restarted.scheduler.runDueSlot();

    expect(run?.outcomes.map((outcome) => outcome.status)).toEqual(['already-posted', 'posted']);
    expect(fake.slack.shown).toHaveLength(1);
    expect(fake.discord.shown).toHaveLength(1);
    expect(logsWith(restarted.logs(), 'never sent')).toHaveLength(1);
  });

  it('waits while another live process holds a post: no second post, and the record stays its', async () => {
    const store = new MemoryStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    await store.claimSlotPost({ slot: SLOT_ID, target: 'slack:C0TIPS', owner: 'other-host/1/live', leaseMs: 30_000, now: clock.now() });
    clock.advance(10_000);
    const { scheduler } = createTestScheduler({ store, clock, posters: fake });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes.find((outcome) => outcome.target === 'slack:C0TIPS')?.status).toBe('in-progress');
    expect(fake.slack.requests).toEqual([]);
  });

  it('down at the slot, started later the same day: one catch-up post per target', async () => {
    const fake = platforms();
    const clock = new TestClock(new Date('2026-03-02T10:30:00Z')); // 17:30 local
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake });

    const run = await scheduler.runDueSlot();
    await scheduler.runDueSlot();

    expect(run?.slot.id).toBe(SLOT_ID);
    expect(fake.slack.shown.map((message) => message.when.toISOString())).toEqual([new Date(SLOT).toISOString()]);
    expect(fake.discord.shown).toHaveLength(1);
  });

  it('down at the slot, started the next local day before its slot: nothing for yesterday', async () => {
    const fake = platforms();
    const clock = new TestClock(new Date('2026-03-02T17:30:00Z')); // Tuesday 00:30 local
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake });

    expect(await scheduler.runDueSlot()).toBeNull();
    expect(fake.slack.requests).toEqual([]);
  });

  it.each([
    ['10 minutes late (a restart at the slot)', 1, 10 * 60_000],
    ['an hour late', 0, 60 * 60_000],
  ])('with TIP_CATCH_UP off, a slot %s posts %i time(s)', async (_label, posts, lateMs) => {
    const fake = platforms();
    const clock = new TestClock(new Date(Date.parse(SLOT) + lateMs));
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake, catchUp: false });

    await scheduler.runDueSlot();

    expect(fake.slack.shown).toHaveLength(posts);
  });
});

describe('clock changes', () => {
  it.each([
    // [zone, cron, times to run (UTC), the slot id, when it posts]
    ['America/New_York, clocks back (01:30 happens twice)', 'America/New_York', '30 1 * * *', ['2026-11-01T05:29:59Z', '2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z', '2026-11-01T06:45:00Z'], '2026-11-01T01:30:00', '2026-11-01T05:30:00.000Z'],
    ['Europe/Berlin, clocks back (02:30 happens twice)', 'Europe/Berlin', '30 2 * * *', ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z'], '2026-10-25T02:30:00', '2026-10-25T00:30:00.000Z'],
    ['America/New_York, clocks forward (02:30 does not exist)', 'America/New_York', '30 2 * * *', ['2026-03-08T06:59:00Z', '2026-03-08T07:29:59Z', '2026-03-08T07:30:00Z', '2026-03-08T08:30:00Z'], '2026-03-08T02:30:00', '2026-03-08T07:30:00.000Z'],
    ['Europe/Berlin, clocks forward (02:30 does not exist)', 'Europe/Berlin', '30 2 * * *', ['2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z', '2026-03-29T02:00:00Z'], '2026-03-29T02:30:00', '2026-03-29T01:30:00.000Z'],
  ])('%s: one post for the slot', async (_label, timeZone, cron, runs, slotId, postedAt) => {
    const fake = platforms();
    const clock = new TestClock(new Date(runs[0] as string));
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake, timeZone, cron });

    const posted: string[] = [];
    for (const at of runs) {
      clock.set(at);
      const run = await scheduler.runDueSlot();
      if (run?.outcomes.some((outcome) => outcome.status === 'posted')) posted.push(`${run.slot.id} at ${at}`);
    }

    expect(posted).toEqual([`${slotId} at ${new Date(postedAt).toISOString().replace('.000Z', 'Z')}`]);
    expect(fake.slack.shown).toHaveLength(1);
    expect(fake.discord.shown).toHaveLength(1);
  });
});

describe('failures', () => {
  it('a post that fails twice then succeeds is shown once, after backing off', async () => {
    const store = new MemoryStore();
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'service_unavailable', mayHavePosted: false, permanent: false }, 2);
    const { scheduler, sleeps } = createTestScheduler({ store, clock: new TestClock(new Date(SLOT)), posters: fake, discord: [] });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'posted', messageId: 'm1' }]);
    expect(fake.slack.requests).toHaveLength(3);
    expect(fake.slack.shown).toHaveLength(1);
    expect(sleeps).toEqual([2_000, 8_000]);
    expect((await store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'done', attempts: 3, messageId: 'm1' });
  });

  it('gives up after the bounded attempts and logs the channel; a later run does not try again', async () => {
    const store = new MemoryStore();
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'ratelimited', mayHavePosted: false, permanent: false }, 10);
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store, clock, posters: fake, discord: [] });

    await scheduler.runDueSlot();
    clock.advance(60_000);
    const later = await scheduler.runDueSlot();

    expect(fake.slack.requests).toHaveLength(3);
    expect(later?.outcomes[0]).toMatchObject({ status: 'failed', error: 'ratelimited' });
    expect(logsWith(logs(), 'could not post the tip to slack:C0TIPS')[0]).toMatchObject({ channel: 'C0TIPS', attempts: 3 });
  });

  it('does not retry a channel that cannot work (not_in_channel)', async () => {
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'not_in_channel', mayHavePosted: false, permanent: true });
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock: new TestClock(new Date(SLOT)), posters: fake, discord: [] });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes[0]).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect(fake.slack.requests).toHaveLength(1);
  });

  it('does not re-send a Slack post whose outcome is unknown, and says how to post it by hand', async () => {
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'request_failed', mayHavePosted: true, permanent: false });
    const { scheduler, logs } = createTestScheduler({ store: new MemoryStore(), clock: new TestClock(new Date(SLOT)), posters: fake, discord: [] });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes[0]).toMatchObject({ status: 'in-doubt' });
    expect(fake.slack.requests).toHaveLength(1);
    expect(logsWith(logs(), 'takeaways post-tip --to slack:C0TIPS')[0]).toMatchObject({ level: 40, channel: 'C0TIPS' });
  });
});

describe('a crash between intent and result', () => {
  async function crashedMidPost(platform: 'slack' | 'discord', resumeAfterMs: number) {
    const store = new MemoryStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const channels = platform === 'slack' ? { discord: [] } : { slack: [] };
    const crashed = createTestScheduler({ store, clock, posters: fake, ...channels });
    fake[platform].cutOffNext();
    void crashed.scheduler.runDueSlot();
    await new Promise((resolve) => setTimeout(resolve, 20));

    clock.advance(resumeAfterMs);
    const restarted = createTestScheduler({ store, clock, posters: fake, ...channels });
    const run = await restarted.scheduler.runDueSlot();
    return { store, fake, run, logs: restarted.logs };
  }

  it('Slack: the post is not sent again (at most once) and a warning names the channel and the command', async () => {
    const { store, fake, run, logs } = await crashedMidPost('slack', 31_000);

    expect(fake.slack.requests).toHaveLength(1);
    expect(fake.slack.shown).toHaveLength(1);
    expect(run?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'in-doubt', error: expect.stringMatching(/^in doubt: /) }]);
    expect((await store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'failed' });
    expect(logsWith(logs(), 'post it by hand: takeaways post-tip --to slack:C0TIPS')[0]).toMatchObject({ channel: 'C0TIPS' });
  });

  it('Discord, within the nonce window: sent again with the same nonce, and shown once', async () => {
    const { store, fake, run } = await crashedMidPost('discord', 31_000);

    expect(fake.discord.requests).toHaveLength(2);
    expect(new Set(fake.discord.requests.map((request) => request.dedupeKey))).toEqual(new Set([SLOT_ID]));
    expect(fake.discord.shown).toHaveLength(1);
    expect(run?.outcomes).toEqual([{ target: `discord:${DISCORD_CHANNEL}`, status: 'posted', messageId: 'm1' }]);
    expect((await store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'done', messageId: 'm1' });
  });

  it('Discord, found after the nonce window: not sent again, like Slack', async () => {
    const { fake, run } = await crashedMidPost('discord', 10 * 60_000);

    expect(fake.discord.requests).toHaveLength(1);
    expect(run?.outcomes[0]?.status).toBe('in-doubt');
  });

  it('before the lease ends, the post is left to its holder', async () => {
    const { fake, run } = await crashedMidPost('slack', 5_000);

    expect(fake.slack.requests).toHaveLength(1);
    expect(run?.outcomes[0]?.status).toBe('in-progress');
  });
});

describe('a store failure part-way through a post (a Redis blip, SQLite busy)', () => {
  it.each([
    ['before the write', 'before'],
    ['after the write, its answer lost', 'after'],
  ] as const)('recording the attempt fails %s: nothing was sent, so the next sweep posts it, once', async (_label, when) => {
    const flaky = new FlakyStore(new MemoryStore());
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store: flaky.store, clock, posters: fake, discord: [] });
    flaky.failNext('renewSlotPost', when, isAttempt);

    const first = await scheduler.runDueSlot();
    clock.advance(30_000);
    const second = await scheduler.runDueSlot();
    clock.advance(30_000);
    const third = await scheduler.runDueSlot();

    expect(first?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'in-progress', error: 'renewSlotPost: read ECONNRESET' }]);
    expect(second?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'posted', messageId: 'm1' }]);
    expect(third?.outcomes[0]?.status).toBe('already-posted');
    expect(fake.slack.requests).toHaveLength(1);
    expect(logsWith(logs(), 'left for the next run')).toHaveLength(1);
  });

  it('recording the result fails after Slack showed the post: the next sweep records it and sends nothing more', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler } = createTestScheduler({ store: flaky.store, clock, posters: fake, discord: [] });
    flaky.failNext('finishSlotPost');

    await scheduler.runDueSlot();
    clock.advance(30_000);
    const second = await scheduler.runDueSlot();

    expect(second?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'posted', messageId: 'm1' }]);
    expect(fake.slack.requests).toHaveLength(1);
    expect((await flaky.store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'done', messageId: 'm1' });
  });

  it('recording an in-doubt Slack post fails: the next sweep records it in doubt, with one warning and no second request', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'request_failed', mayHavePosted: true, permanent: false });
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store: flaky.store, clock, posters: fake, discord: [] });
    flaky.failNext('finishSlotPost');

    await scheduler.runDueSlot();
    clock.advance(30_000);
    const second = await scheduler.runDueSlot();

    expect(second?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'in-doubt', error: 'outcome unknown: request_failed' }]);
    expect(fake.slack.requests).toHaveLength(1);
    expect(logsWith(logs(), 'post it by hand')).toHaveLength(1);
    expect((await flaky.store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'failed', error: 'outcome unknown: request_failed' });
  });

  it('a retry after Discord left the outcome unknown is cut short: resolved by the nonce rule, shown once', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const fake = platforms();
    fake.discord.failNext({ ok: false, error: 'The operation was aborted due to timeout', mayHavePosted: true, permanent: false });
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store: flaky.store, clock, posters: fake, slack: [] });
    let attempts = 0;
    flaky.failNext('renewSlotPost', 'before', (args) => isAttempt(args) && ++attempts === 2);

    await scheduler.runDueSlot();
    clock.advance(30_000);
    const second = await scheduler.runDueSlot();

    expect(second?.outcomes).toEqual([{ target: `discord:${DISCORD_CHANNEL}`, status: 'posted', messageId: 'm1' }]);
    expect(fake.discord.shown).toHaveLength(1);
    expect(logsWith(logs(), 'posting again with the same nonce')).toHaveLength(1);
  });

  it('a refusal after an attempt that may have shown the tip does not make it look unsent: not re-sent after the nonce window', async () => {
    const flaky = new FlakyStore(new MemoryStore());
    const fake = platforms();
    fake.discord.failNext({ ok: false, error: 'The operation was aborted due to timeout', mayHavePosted: true, permanent: false });
    fake.discord.failNext({ ok: false, error: 'not_sent: the store failed', mayHavePosted: false, permanent: false });
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store: flaky.store, clock, posters: fake, slack: [] });
    let attempts = 0;
    flaky.failNext('renewSlotPost', 'before', (args) => isAttempt(args) && ++attempts === 3);

    await scheduler.runDueSlot();
    clock.advance(10 * 60_000);
    await scheduler.runDueSlot();

    // The first attempt may have been shown; ten minutes on, Discord's nonce no longer protects a re-send.
    expect(fake.discord.requests.length).toBe(2);
    expect(logsWith(logs(), 'post it by hand')).toHaveLength(1);
  });

  it('attempts that end refused after one that may have shown the tip are reported in doubt, not as plainly failed', async () => {
    const fake = platforms();
    fake.slack.failNext({ ok: false, error: 'service_unavailable', mayHavePosted: false, permanent: false }, 3);
    fake.discord.failNext({ ok: false, error: 'The operation was aborted due to timeout', mayHavePosted: true, permanent: false });
    fake.discord.failNext({ ok: false, error: 'not_sent: the store failed', mayHavePosted: false, permanent: false }, 2);
    const clock = new TestClock(new Date(SLOT));
    const { scheduler, logs } = createTestScheduler({ store: new MemoryStore(), clock, posters: fake, slack: [] });
    const run = await scheduler.runDueSlot();
    expect(run?.outcomes).toContainEqual(expect.objectContaining({ target: `discord:${DISCORD_CHANNEL}`, status: 'in-doubt' }));
    expect(logsWith(logs(), 'post it by hand')).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  it('unsubscribing stops the next DM; the channel still gets its tip', async () => {
    const store = await subscribedStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler } = createTestScheduler({ store, clock, posters: fake, discord: [] });
    await scheduler.runDueSlot();

    await store.unsubscribe('slack', 'U0ANA');
    clock.set('2026-03-03T02:00:00Z');
    await scheduler.runDueSlot();

    expect(fake.slack.shownIn('D0ANA')).toHaveLength(1);
    expect(fake.slack.shownIn('C0TIPS')).toHaveLength(2);
  });

  it('someone who subscribes after today’s slot starts with the next one', async () => {
    const store = new MemoryStore();
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const { scheduler } = createTestScheduler({ store, clock, posters: fake, discord: [] });
    await scheduler.runDueSlot();

    clock.advance(3_600_000);
    await store.subscribe({ platform: 'slack', userId: 'U0BAO', channelId: 'D0BAO', since: clock.now().toISOString() });
    await scheduler.runDueSlot();
    clock.set('2026-03-03T02:00:00Z');
    await scheduler.runDueSlot();

    expect(fake.slack.shownIn('D0BAO').map((message) => message.when.toISOString())).toEqual(['2026-03-03T02:00:00.000Z']);
  });
});

describe('two schedulers sharing one store', () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    if (!REDIS_TESTS_SKIPPED) redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const shared: [string, () => Promise<[Store, Store]>][] = [
    [
      'one SQLite file',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'takeaways-two-'));
        const pair: [Store, Store] = [SqliteStore.open(join(dir, 'state.sqlite')), SqliteStore.open(join(dir, 'state.sqlite'))];
        cleanups.push(async () => {
          await Promise.all(pair.map((store) => store.close()));
          rmSync(dir, { recursive: true, force: true });
        });
        return pair;
      },
    ],
  ];
  if (!REDIS_TESTS_SKIPPED) {
    shared.push([
      'one Redis',
      async () => {
        if (!redis) throw new Error('no redis-server');
        const client = new Redis(redis.url);
        await client.flushdb();
        client.disconnect();
        const pair: [Store, Store] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
        cleanups.push(async () => void (await Promise.all(pair.map((store) => store.close()))));
        return pair;
      },
    ]);
  }

  it.each(shared)('%s: each target gets one post per slot, over two days', async (_label, open) => {
    const [storeA, storeB] = await open();
    await storeA.subscribe({ platform: 'slack', userId: 'U0ANA', channelId: 'D0ANA', since: '2026-02-01T00:00:00Z' });
    const fake = platforms();
    const clock = new TestClock(new Date(SLOT));
    const a = createTestScheduler({ store: storeA, clock, posters: fake, slack: ['C0TIPS', 'C0MORE'] });
    const b = createTestScheduler({ store: storeB, clock, posters: fake, slack: ['C0TIPS', 'C0MORE'] });

    for (const day of ['2026-03-02T02:00:00Z', '2026-03-03T02:00:00Z']) {
      clock.set(day);
      await Promise.all([a.scheduler.runDueSlot(), b.scheduler.runDueSlot(), a.scheduler.runDueSlot(), b.scheduler.runDueSlot()]);
    }

    for (const channel of ['C0TIPS', 'C0MORE', 'D0ANA']) expect(fake.slack.shownIn(channel).map((message) => message.when.toISOString())).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-03T02:00:00.000Z']);
    expect(fake.discord.shown).toHaveLength(2);
  });
});

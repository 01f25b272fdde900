import { afterEach, describe, expect, it } from 'vitest';
import { tipPosters } from '../../src/schedule/start-tip-schedule.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { classifyDiscordPostError } from '../../src/platforms/discord/post-tip.js';
import { sampleBot, startHarness as startDiscordHarness, type DiscordHarness } from '../platforms/discord/discord-harness.js';
import { startHarness as startSlackHarness, type Harness as SlackHarness } from '../platforms/slack/slack-harness.js';
import { createTestScheduler, logsWith, TestClock } from './scheduler-harness.js';

const SLOT = new Date('2026-03-02T02:00:00Z');
const SLOT_ID = '2026-03-02T09:00:00';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function slackHarness(): Promise<SlackHarness> {
  const harness = await startSlackHarness();
  cleanups.push(() => harness.close());
  return harness;
}

async function discordHarness(): Promise<DiscordHarness> {
  const harness = await startDiscordHarness();
  cleanups.push(() => harness.close());
  return harness;
}

describe('the scheduler over the real Slack platform and the fake Slack', () => {
  it('a post Slack refuses twice (service_unavailable) then accepts appears once', async () => {
    const harness = await slackHarness();
    let calls = 0;
    harness.fake.respondTo('chat.postMessage', (call) => (++calls <= 2 ? { ok: false, error: 'service_unavailable' } : { ok: true, channel: call.body['channel'], ts: '1700000000.000900' }));
    const { scheduler } = createTestScheduler({ store: harness.store, clock: new TestClock(SLOT), posters: tipPosters({ slack: harness.slack }), discord: [] });

    const run = await scheduler.runDueSlot();

    expect(harness.fake.callsTo('chat.postMessage').map((call) => call.body['channel'])).toEqual(['C0TIPS', 'C0TIPS', 'C0TIPS']);
    expect(run?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'posted', messageId: '1700000000.000900' }]);
    expect((await harness.store.readSlotPosts(SLOT_ID))[0]).toMatchObject({ state: 'done', attempts: 3 });
  });

  it('a tip that could not be worked out was never sent: it is retried, not reported in doubt', async () => {
    const harness = await slackHarness();
    const tipOfTheDay = harness.bot.tipOfTheDay;
    harness.bot.tipOfTheDay = () => {
      harness.bot.tipOfTheDay = tipOfTheDay;
      return Promise.reject(new Error('store unavailable'));
    };
    const { scheduler, sleeps, logs } = createTestScheduler({ store: harness.store, clock: new TestClock(SLOT), posters: tipPosters({ slack: harness.slack }), discord: [] });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes).toEqual([{ target: 'slack:C0TIPS', status: 'posted', messageId: expect.any(String) }]);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(sleeps).toEqual([2_000]);
    expect(logsWith(logs(), 'may or may not have reached')).toEqual([]);
  });

  it('a channel the bot is not in fails at once, logged with the channel', async () => {
    const harness = await slackHarness();
    harness.fake.respondTo('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const { scheduler, logs } = createTestScheduler({ store: harness.store, clock: new TestClock(SLOT), posters: tipPosters({ slack: harness.slack }), discord: [] });

    const run = await scheduler.runDueSlot();

    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(run?.outcomes[0]).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect(logsWith(logs(), 'could not post the tip to slack:C0TIPS: not_in_channel')).toHaveLength(1);
  });
});

describe('the scheduler over the real Discord platform and the fake Discord', () => {
  it('a post cut off before its result was recorded is sent again with the same nonce, and Discord shows one message', async () => {
    const harness = await discordHarness();
    const channel = harness.fake.channelId;
    harness.fake.delay((method, path) => method === 'POST' && path === `/channels/${channel}/messages`, 1_500);
    const store = new MemoryStore();
    const clock = new TestClock(SLOT);
    const posters = tipPosters({ discord: harness.platform });
    const first = createTestScheduler({ store, clock, posters, slack: [], discord: [channel] });
    const cutOff = first.scheduler.runDueSlot();
    await harness.fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${channel}/messages`);

    // The first process is gone as far as anyone can tell: its lease ran out.
    clock.advance(31_000);
    const second = createTestScheduler({ store, clock, posters, slack: [], discord: [channel] });
    const run = await second.scheduler.runDueSlot();
    await cutOff;

    const requests = harness.fake.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${channel}/messages`);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((call) => (call.body as { nonce?: string }).nonce)).size).toBe(1);
    expect(harness.fake.createdMessages).toHaveLength(1);
    expect(run?.outcomes).toEqual([{ target: `discord:${channel}`, status: 'posted', messageId: String(harness.fake.createdMessages[0]?.['id']) }]);
    expect(logsWith(first.logs(), 'another process took the post over')).toHaveLength(1);
  });

  it('a tip that could not be worked out was never sent: Discord’s poster says so, and the scheduler retries it', async () => {
    let failures = 1;
    const harness = await startDiscordHarness({
      bot: (store, logger) => {
        const bot = sampleBot(store, logger);
        return { ...bot, tipOfTheDay: (date, target) => (failures-- > 0 ? Promise.reject(new Error('store unavailable')) : bot.tipOfTheDay(date, target)) };
      },
    });
    cleanups.push(() => harness.close());
    const channel = harness.fake.channelId;
    const posters = tipPosters({ discord: harness.platform });

    const refused = await posters.discord?.post(channel, SLOT, SLOT_ID);
    failures = 1;
    const { scheduler, sleeps } = createTestScheduler({ store: new MemoryStore(), clock: new TestClock(SLOT), posters, slack: [], discord: [channel] });
    const run = await scheduler.runDueSlot();

    expect(refused).toEqual({ ok: false, error: 'not_sent: store unavailable', mayHavePosted: false, permanent: false });
    expect(run?.outcomes[0]?.status).toBe('posted');
    expect(sleeps).toEqual([2_000]);
    expect(harness.fake.createdMessages).toHaveLength(1);
  });

  it.each([
    ['not_sent: store unavailable', { mayHavePosted: false, permanent: false }],
    ['refused: 403 50001: Missing Access', { mayHavePosted: false, permanent: true }],
    ['refused: 403 50007: Cannot send messages to this user', { mayHavePosted: false, permanent: true }],
    ['refused: 429 0: You are being rate limited.', { mayHavePosted: false, permanent: false }],
    ['Unknown Channel', { mayHavePosted: true, permanent: true }],
    ['Missing Access', { mayHavePosted: true, permanent: true }],
    ['The operation was aborted due to timeout', { mayHavePosted: true, permanent: false }],
    ['Internal Server Error', { mayHavePosted: true, permanent: false }],
  ])('Discord’s %s is classified for the scheduler', (error, expected) => {
    expect(classifyDiscordPostError(error)).toEqual(expected);
  });

  it.each([
    { status: 403, code: 50001, message: 'Missing Access' },
    { status: 403, code: 50007, message: 'Cannot send messages to this user' },
  ])('a post Discord refuses with $code ($message) created nothing: it is marked failed, not "in doubt"', async ({ status, code, message }) => {
    const harness = await discordHarness();
    const channel = harness.fake.channelId;
    harness.fake.failNext((method, path) => method === 'POST' && path === `/channels/${channel}/messages`, status, { message, code });
    const { scheduler, logs } = createTestScheduler({ store: new MemoryStore(), clock: new TestClock(SLOT), posters: tipPosters({ discord: harness.platform }), slack: [], discord: [channel] });

    const run = await scheduler.runDueSlot();

    expect(run?.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringContaining(message) });
    expect(logsWith(logs(), 'may or may not have reached')).toEqual([]);
    expect(logsWith(logs(), `could not post the tip to discord:${channel}`)).toHaveLength(1);
  });

  it('a subscriber whose direct messages refuse three tips in a row is unsubscribed, with a log line', async () => {
    const harness = await discordHarness();
    const dm = '500000000000000077';
    await harness.store.subscribe({ platform: 'discord', userId: '400000000000000077', channelId: dm, since: SLOT.toISOString() });
    harness.fake.failNext((method, path) => method === 'POST' && path === `/channels/${dm}/messages`, 403, { message: 'Cannot send messages to this user', code: 50007 }, { count: 3 });

    for (const day of [1, 2]) await harness.platform.postTip(dm, new Date(SLOT.getTime() + day * 86_400_000));
    expect(await harness.store.isSubscribed('discord', '400000000000000077')).toBe(true);
    await harness.platform.postTip(dm, new Date(SLOT.getTime() + 3 * 86_400_000));

    expect(await harness.store.isSubscribed('discord', '400000000000000077')).toBe(false);
    expect(harness.records.find((record) => record.msg.includes('unsubscribed 400000000000000077'))).toMatchObject({ level: 40, channelId: dm });
  });

  it('two slots of one day get two nonces, so Discord shows both', async () => {
    const harness = await discordHarness();
    const channel = harness.fake.channelId;
    const clock = new TestClock(SLOT);
    const { scheduler } = createTestScheduler({ store: new MemoryStore(), clock, posters: tipPosters({ discord: harness.platform }), slack: [], discord: [channel], cron: '0 9,15 * * *' });

    await scheduler.runDueSlot();
    clock.set('2026-03-02T08:00:00Z');
    await scheduler.runDueSlot();

    expect(harness.fake.createdMessages).toHaveLength(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/core/bot-api.js';
import { FakeDiscord, validateMessageBody, type RecordedCall } from '../../fakes/fake-discord.js';
import { sampleBot, startHarness, TODAY, visibleText, type DiscordHarness } from './discord-harness.js';

let harness: DiscordHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function started(options: Parameters<typeof startHarness>[0] = {}): Promise<DiscordHarness> {
  harness = await startHarness(options);
  return harness;
}

interface MessageBody {
  content?: string;
  embeds?: unknown[];
  flags?: number;
  nonce?: string;
  enforce_nonce?: boolean;
  allowed_mentions?: unknown;
}

const posts = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path));

describe('Discord direct messages', () => {
  it('answers a DM "pillars iam" in the same DM, with no pings and a nonce', async () => {
    const { fake } = await started();

    const sent = fake.directMessage({ content: 'pillars iam' });
    const post = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${sent.channelId}/messages`);
    const body = post.body as MessageBody;

    expect(post.status).toBe(200);
    expect(visibleText(body)).toContain('least privilege');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce).toMatch(/^[0-9a-f]{25}$/);
    expect(body.flags).toBeUndefined();
    expect(validateMessageBody(body)).toEqual([]);
  });

  it('answers a greeting with the help', async () => {
    const { fake } = await started();

    const sent = fake.directMessage({ content: 'hello' });
    const post = await fake.waitFor((call) => call.path === `/channels/${sent.channelId}/messages`);

    expect(visibleText(post.body)).toContain('speakers');
  });

  it('ignores other bots, its own messages and empty messages', async () => {
    const { fake } = await started();

    fake.directMessage({ content: 'pillars iam', author: { id: '400000000000000009', username: 'otherbot', bot: true } });
    fake.directMessage({ content: 'pillars iam', author: fake.botUser, channelId: '500000000000000001' });
    fake.directMessage({ content: '   ' });
    // Dispatches arrive in order: once this one is answered, the three before it were seen and skipped.
    const last = fake.directMessage({ content: 'speakers thinh', author: { id: '400000000000000002', username: 'grace' } });
    await fake.waitFor((call) => call.path === `/channels/${last.channelId}/messages`);

    expect(posts(fake.calls).map((call) => call.path)).toEqual([`/channels/${last.channelId}/messages`]);
  });

  it('apologises in the DM and logs when answering fails', async () => {
    const failing = (store: Parameters<typeof sampleBot>[0], logger: Parameters<typeof sampleBot>[1]): Bot => ({
      ...sampleBot(store, logger),
      routeText: () => Promise.reject(new Error('routing exploded')),
    });
    const { fake, records } = await started({ bot: failing });

    const sent = fake.directMessage({ content: 'pillars iam' });
    const post = await fake.waitFor((call) => call.path === `/channels/${sent.channelId}/messages`);

    expect(visibleText(post.body)).toContain('Sorry');
    expect(records.find((record) => record.msg === 'discord: direct message failed')).toMatchObject({ channelId: sent.channelId, err: { message: 'routing exploded' } });
  });
});

describe('posting the tip of the day', () => {
  it('posts the tip with no pings and a nonce Discord enforces', async () => {
    const { fake, platform } = await started();

    const result = await platform.postTip('300000000000000042', TODAY);

    const [post] = posts(fake.calls);
    const body = post?.body as MessageBody;
    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    expect(post?.path).toBe('/channels/300000000000000042/messages');
    expect(visibleText(body)).toContain('Security tip of the day');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce).toMatch(/^[0-9a-f]{25}$/);
    expect(body.flags).toBeUndefined();
  });

  it('gives a retried post of the same tip the same nonce, and another channel or day a different one', async () => {
    const { fake, platform } = await started();

    await platform.postTip('300000000000000042', TODAY);
    await platform.postTip('300000000000000042', TODAY);
    await platform.postTip('300000000000000043', TODAY);
    await platform.postTip('300000000000000042', new Date('2025-12-02T09:00:00Z'));

    const nonces = posts(fake.calls).map((call) => (call.body as MessageBody).nonce);
    expect(nonces[0]).toBe(nonces[1]);
    expect(new Set(nonces).size).toBe(3);
  });

  it('returns and logs a refused post with its channel, without throwing', async () => {
    const { fake, platform, records } = await started();
    fake.failNext((method, path) => method === 'POST' && path === '/channels/300000000000000099/messages', 404, { message: 'Unknown Channel', code: 10003 });

    const result = await platform.postTip('300000000000000099', TODAY);

    expect(result).toEqual({ ok: false, error: expect.stringContaining('Unknown Channel') });
    expect(records.find((record) => record.msg === 'discord: could not post the tip')).toMatchObject({ channelId: '300000000000000099' });
  });

  it('waits out a rate limit in discord.js’s REST queue and posts once', async () => {
    const { fake, platform, records } = await started();
    fake.failNext((method, path) => method === 'POST' && path.endsWith('/messages'), 429, { message: 'You are being rate limited.', retry_after: 0.2, global: false }, {
      headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user', 'x-ratelimit-bucket': 'tips', 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.2' },
    });

    const result = await platform.postTip('300000000000000042', TODAY);

    expect(result.ok).toBe(true);
    expect(posts(fake.calls).map((call) => call.status)).toEqual([429, 200]);
    expect(records.some((record) => record.msg === 'discord: rate limited; the request waits')).toBe(true);
  });
});

describe('people and channels without embeds', () => {
  it('gives every answer a short content line for people who turned embeds off', async () => {
    const { fake } = await started();

    const callback = await fake.waitForCallback(fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' } }));
    const data = (callback.body as { data?: MessageBody }).data;

    expect(data?.content).toMatch(/^Pillar 1 — /);
    expect(data?.content?.length).toBeLessThanOrEqual(300);
    expect(data?.embeds?.length).toBeGreaterThan(0);
    expect(validateMessageBody(data)).toEqual([]);
  });

  it('posts the tip as plain text in a channel where the bot lacks Embed Links', async () => {
    const fake = await FakeDiscord.start({ channelDeny: String(1 << 14) });
    const { platform } = await started({ fake });

    const result = await platform.postTip(fake.channelId, TODAY);

    const body = posts(fake.calls)[0]?.body as MessageBody;
    expect(result.ok).toBe(true);
    expect(body.embeds).toEqual([]);
    expect(body.content).toContain('Security tip of the day');
    expect(body.content).toContain('From AWS Well-Architected Security Pillar Workshop');
    expect(validateMessageBody(body)).toEqual([]);
  });

  it('still embeds the tip where the bot may', async () => {
    const { fake, platform } = await started();

    await platform.postTip(fake.channelId, TODAY);

    expect((posts(fake.calls)[0]?.body as MessageBody).embeds?.length).toBeGreaterThan(0);
  });
});

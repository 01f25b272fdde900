import { afterEach, describe, expect, it } from 'vitest';
import { classifySlackPostError } from '../../../src/platforms/slack/post-tip.js';
import { findBlockKitProblems } from './block-kit-check.js';
import { NOW, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('postTip, for the scheduler', () => {
  it('posts the tip of the day with blocks and a fallback text, and returns the message ts', async () => {
    harness = await startHarness();
    const result = await harness.slack.postTip('C0TIPS', NOW);

    expect(result).toEqual({ ok: true, ts: expect.stringMatching(/^\d+\.\d+$/) });
    const [post] = harness.fake.callsTo('chat.postMessage');
    expect(post?.token).toBe('xoxb-harness');
    expect(post?.body).toMatchObject({ channel: 'C0TIPS', unfurl_links: 'false' });
    expect(String(post?.body['text'])).toContain('Security tip of the day');
    expect(textOf(post?.body['blocks'])).toContain('AWS Well-Architected Security Pillar Workshop');
    expect(findBlockKitProblems(post?.body['blocks'])).toEqual([]);
    expect(textOf(post?.body['blocks'])).not.toContain('Share in channel');
  });

  it('posts the same tip the /tip command shows that day', async () => {
    harness = await startHarness();
    await harness.slack.postTip('C0TIPS', NOW);
    const tipCommand = await harness.bot.run({ command: 'tip', args: '', user: { platform: 'slack', id: 'U0ANA' } });
    const paragraph = tipCommand.blocks.find((block) => block.kind === 'paragraph');
    expect(textOf(harness.fake.callsTo('chat.postMessage')[0]?.body['blocks'])).toContain(paragraph?.kind === 'paragraph' ? paragraph.text : '<no tip>');
  });

  it('waits as a 429 Retry-After asks, then succeeds', async () => {
    harness = await startHarness();
    harness.fake.rateLimitOnce('chat.postMessage', 1);
    const started = Date.now();

    const result = await harness.slack.postTip('C0TIPS', NOW);

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(harness.records.some((record) => record.msg.includes('rate-limited') && record['channel'] === 'C0TIPS')).toBe(true);
  });

  it('gives up without waiting when Retry-After is longer than the bound', async () => {
    harness = await startHarness({ rateLimit: { maxAttempts: 3, maxWaitMs: 500 } });
    harness.fake.rateLimitOnce('chat.postMessage', 30);
    const started = Date.now();

    const result = await harness.slack.postTip('C0TIPS', NOW);

    expect(result).toEqual({ ok: false, error: 'ratelimited' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('returns Slack’s error and logs it with the channel instead of throwing', async () => {
    harness = await startHarness();
    harness.fake.respondTo('chat.postMessage', { ok: false, error: 'channel_not_found' });

    const result = await harness.slack.postTip('C0GONE', NOW);

    expect(result).toEqual({ ok: false, error: 'channel_not_found' });
    const logged = harness.records.find((record) => record.level >= 50 && record['channel'] === 'C0GONE');
    expect(logged).toMatchObject({ error: 'channel_not_found', platform: 'slack' });
  });

  it('returns not_sent, with no request to Slack, when the tip cannot be worked out', async () => {
    harness = await startHarness();
    harness.bot.tipOfTheDay = () => Promise.reject(new Error('store unavailable'));

    const result = await harness.slack.postTip('C0TIPS', NOW);

    expect(result).toEqual({ ok: false, error: 'not_sent' });
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(harness.records.find((record) => record.level >= 50 && record['channel'] === 'C0TIPS')?.msg).toContain('nothing was sent');
  });

  it.each([
    ['not_sent', { mayHavePosted: false, permanent: false }],
    ['ratelimited', { mayHavePosted: false, permanent: false }],
    ['service_unavailable', { mayHavePosted: false, permanent: false }],
    ['not_in_channel', { mayHavePosted: false, permanent: true }],
    ['channel_not_found', { mayHavePosted: false, permanent: true }],
    ['request_failed', { mayHavePosted: true, permanent: false }],
    ['internal_error', { mayHavePosted: true, permanent: false }],
    ['http_503', { mayHavePosted: true, permanent: false }],
    ['unexpected_error', { mayHavePosted: true, permanent: false }],
  ])('classifies %s for the scheduler', (error, expected) => {
    expect(classifySlackPostError(error)).toEqual(expected);
  });

  it('returns an error when Slack cannot be reached at all', async () => {
    harness = await startHarness();
    await harness.fake.close();

    const result = await harness.slack.postTip('C0TIPS', NOW);

    expect(result.ok).toBe(false);
  }, 15_000);
});

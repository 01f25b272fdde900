import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand } from '../../fakes/fake-slack.js';
import { findBlockKitProblems } from './block-kit-check.js';
import { buttonsOf, SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

describe('slash commands over HTTP, answered in the ack body', () => {
  it.each([
    ['/speakers', 'thinh', ['Nguyen Tuan Thinh', 'Thinh Lam']],
    ['/takeaways', 'speakers thinh', ['Nguyen Tuan Thinh', 'Thinh Lam']],
    ['/pillars', 'iam', ['Design modern IAM with roles instead of users']],
    ['/takeaways', 'pillars data protection', ['KMS']],
    ['/lessons', '', ['Security must start from architecture']],
    ['/events', '', ['AWS Well-Architected Security Pillar Workshop']],
    ['/tip', '', ['AWS Well-Architected Security Pillar Workshop']],
    ['/takeaways', 'search GuardDuty', ['GuardDuty']],
    ['/takeaways', 'help', ['speakers', 'pillars', 'lessons', 'events', 'search', 'tip', 'subscribe']],
    ['/takeaways', '', ['speakers', 'subscribe']],
  ])('%s %s answers privately with %j and offers Share in channel', async (command, text, expected) => {
    const { url } = await start();
    const response = await sendSlashCommand(url, SIGNING_SECRET, { command, text });

    expect(response.status).toBe(200);
    expect(response.json?.['response_type']).toBe('ephemeral');
    const shown = textOf(response.json?.['blocks']);
    for (const phrase of expected) expect(shown).toContain(phrase);
    expect(findBlockKitProblems(response.json?.['blocks'])).toEqual([]);
    expect(String(response.json?.['text'])).not.toBe('');
    expect(buttonsOf(response.json?.['blocks']).map((button) => button.text)).toContain('Share in channel');
  });

  it('routes /takeaways text that names no command like a direct message (here: a speaker search)', async () => {
    const { url } = await start();
    const response = await sendSlashCommand(url, SIGNING_SECRET, { command: '/takeaways', text: 'Thinh Lam' });
    expect(response.status).toBe(200);
    expect(textOf(response.json?.['blocks'])).toContain('Thinh Lam');
  });

  it('subscribes the user with their DM channel, not the channel they typed in', async () => {
    const h = await start();
    const response = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/takeaways', text: 'subscribe', user_id: 'U0ANA', channel_id: 'C0GENERAL' });

    expect(textOf(response.json?.['blocks'])).toContain('Subscribed');
    expect(h.fake.callsTo('conversations.open')[0]?.body).toMatchObject({ users: 'U0ANA' });
    expect(await h.store.listSubscriptions()).toEqual([expect.objectContaining({ platform: 'slack', userId: 'U0ANA', channelId: 'D0FAKE' })]);

    const again = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/takeaways', text: 'unsubscribe', user_id: 'U0ANA' });
    expect(textOf(again.json?.['blocks'])).toContain('Unsubscribed');
    expect(await h.store.isSubscribed('slack', 'U0ANA')).toBe(false);
  });

  it('passes who asked and where to the core', async () => {
    const h = await start();
    await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh', user_id: 'U0ANA', user_name: 'ana', channel_id: 'C0GENERAL' });
    expect(h.bot.runs).toEqual([
      { command: 'speakers', args: 'thinh', user: expect.objectContaining({ platform: 'slack', id: 'U0ANA', name: 'ana', channelId: 'C0GENERAL' }) },
    ]);
    // The channel typed in is not the user's DM: the core must ask for that one when it needs it.
    expect(h.bot.runs[0]?.user.dmChannelId).toBeUndefined();
    expect(typeof h.bot.runs[0]?.user.openDirectChannel).toBe('function');
  });

  it('uses SLACK_COMMAND_PREFIX for every slash command name', async () => {
    const { url } = await start({ commandPrefix: 'acme-' });
    const response = await sendSlashCommand(url, SIGNING_SECRET, { command: '/acme-speakers', text: 'thinh' });
    expect(textOf(response.json?.['blocks'])).toContain('Nguyen Tuan Thinh');
    const umbrella = await sendSlashCommand(url, SIGNING_SECRET, { command: '/acme-takeaways', text: 'pillars iam' });
    expect(textOf(umbrella.json?.['blocks'])).toContain('least privilege');
  });

  it('acknowledges a slash command it does not register (a prefix the manifest does not share) at once, naming the fix', async () => {
    const { url } = await start({ commandPrefix: 'acme-' });

    const response = await sendSlashCommand(url, SIGNING_SECRET, { command: '/speakers', text: 'thinh' });

    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(1_000);
    expect(response.json?.['response_type']).toBe('ephemeral');
    const shown = textOf(response.json?.['blocks']);
    expect(shown).toContain('/acme-speakers');
    expect(shown).toContain('SLACK_COMMAND_PREFIX');
  });

  it.each([
    ['mention syntax', '<!channel> <!here> <@U123> @everyone'],
    ['a link', '<https://evil.example|click me>'],
    ['control characters', 'thinh\u0000\u0007\u001b[31m'],
    ['10,000 characters', 'x'.repeat(10_000)],
  ])('answers an argument with %s briefly, without a ping or a link', async (_label, text) => {
    const { url } = await start();
    const response = await sendSlashCommand(url, SIGNING_SECRET, { command: '/speakers', text });

    expect(response.status).toBe(200);
    const payload = JSON.stringify(response.json);
    expect(payload).not.toMatch(/<[!@#]|<https?:/);
    expect(findBlockKitProblems(response.json?.['blocks'])).toEqual([]);
    expect(payload.length).toBeLessThan(20_000);
  });
});

describe('slash commands whose answer is slow', () => {
  it('acks empty within the budget, then posts the answer to the response_url', async () => {
    const h = await start({ botDelayMs: 400, ackBudgetMs: 50 });
    const response = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh', response_url: h.fake.responseUrl('slow-1') });

    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.elapsedMs).toBeLessThan(350);
    const posted = await h.fake.waitFor(() => h.fake.responses.find((entry) => entry.id === 'slow-1'));
    expect(posted.body['response_type']).toBe('ephemeral');
    expect(textOf(posted.body['blocks'])).toContain('Thinh Lam');
  });

  it('stopping waits for an answer still on its way to the response_url', async () => {
    const h = await start({ botDelayMs: 300, ackBudgetMs: 50 });
    const response = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh', response_url: h.fake.responseUrl('slow-2') });
    expect(response.text).toBe('');

    await h.slack.stop();
    expect(h.fake.responses.find((entry) => entry.id === 'slow-2')?.body['response_type']).toBe('ephemeral');
  });
});

describe('request signatures', () => {
  it.each([
    ['a forged signature', { signature: `v0=${'a'.repeat(64)}` }],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
  ])('answers %s with 401 and never runs the command', async (_label, options) => {
    const h = await start();
    const forged = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh' }, options);

    expect(forged.status).toBe(401);
    expect(h.bot.runs).toEqual([]);
    // The same request, signed properly, runs: the empty list above is not for want of a working app.
    expect((await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh' })).status).toBe(200);
    expect(h.bot.runs).toHaveLength(1);
  });
});

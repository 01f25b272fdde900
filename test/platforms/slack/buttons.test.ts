import { encodeActionId } from '../../../src/core/render/action-id.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sendInteraction, sendSlashCommand } from '../../fakes/fake-slack.js';
import { findBlockKitProblems } from './block-kit-check.js';
import { buttonsOf, SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function click(h: Harness, actionId: string, options: { ephemeral: boolean; responseId: string; channelId?: string }) {
  return sendInteraction(h.url, SIGNING_SECRET, {
    type: 'block_actions',
    user: { id: 'U0ANA', username: 'ana', team_id: 'T0FAKE' },
    team: { id: 'T0FAKE', domain: 'fake' },
    api_app_id: 'A0FAKE',
    token: 'legacy',
    trigger_id: '1.2.3',
    channel: { id: options.channelId ?? 'C0GENERAL', name: options.channelId?.startsWith('D') ? 'directmessage' : 'general' },
    container: { type: 'message', message_ts: '1700000005.000500', channel_id: options.channelId ?? 'C0GENERAL', is_ephemeral: options.ephemeral },
    ...(options.ephemeral ? {} : { message: { type: 'message', ts: '1700000005.000500', text: 'tip' } }),
    response_url: h.fake.responseUrl(options.responseId),
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, action_ts: '1.1' }],
  });
}

async function buttonFromTip(h: Harness, label: string): Promise<string> {
  const response = await sendSlashCommand(h.url, SIGNING_SECRET, { command: '/tip', user_id: 'U0ANA' });
  const button = buttonsOf(response.json?.['blocks']).find((candidate) => candidate.text === label);
  if (!button) throw new Error(`no "${label}" button in the /tip answer`);
  return button.action_id;
}

describe('buttons', () => {
  it('"Another tip" on a private answer replaces it in place with a different tip', async () => {
    harness = await startHarness();
    const first = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/tip' });
    const another = await buttonFromTip(harness, 'Another tip');

    const response = await click(harness, another, { ephemeral: true, responseId: 'another' });

    expect(response.status).toBe(200);
    const replaced = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'another'));
    expect(replaced.body['replace_original']).toBe(true);
    expect(textOf(replaced.body['blocks'])).toContain('Another security tip');
    expect(textOf(replaced.body['blocks'])).not.toBe(textOf(first.json?.['blocks']));
    expect(findBlockKitProblems(replaced.body['blocks'])).toEqual([]);
    expect(buttonsOf(replaced.body['blocks']).map((button) => button.text)).toEqual(['Another tip', 'Share in channel']);
  });

  it('"Another tip" under a public post answers the clicker privately and leaves the post alone', async () => {
    harness = await startHarness();
    const another = await buttonFromTip(harness, 'Another tip');
    await click(harness, another, { ephemeral: false, responseId: 'public-tip' });

    const answer = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'public-tip'));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(answer.body['blocks'])).toContain('Another security tip');
  });

  it('"Share in channel" posts the answer publicly with who shared it, then removes the private one', async () => {
    harness = await startHarness();
    const response = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh' });
    const share = buttonsOf(response.json?.['blocks']).find((button) => button.text === 'Share in channel');
    expect(share).toBeDefined();

    await click(harness, share?.action_id ?? '', { ephemeral: true, responseId: 'share' });

    const posts = await harness.fake.waitFor(() => {
      const found = harness?.fake.responses.filter((entry) => entry.id === 'share') ?? [];
      return found.length >= 2 ? found : undefined;
    });
    expect(posts[0]?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const shown = textOf(posts[0]?.body['blocks']);
    expect(shown).toContain('Nguyen Tuan Thinh');
    // Who shared it, by name and in plain text: sharing pings nobody.
    expect(shown).toContain('Shared by ana');
    expect(JSON.stringify(posts[0]?.body)).not.toContain('<@');
    expect(buttonsOf(posts[0]?.body['blocks']).map((button) => button.text)).not.toContain('Share in channel');
    expect(findBlockKitProblems(posts[0]?.body['blocks'])).toEqual([]);
    expect(posts[1]?.body).toEqual({ delete_original: true });
  });

  it('a "Share in channel" Slack refuses (response_url 404) leaves the private answer in place', async () => {
    harness = await startHarness();
    const response = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/speakers', text: 'thinh' });
    const share = buttonsOf(response.json?.['blocks']).find((button) => button.text === 'Share in channel');
    harness.fake.failResponses('expired', 404);

    await click(harness, share?.action_id ?? '', { ephemeral: true, responseId: 'expired' });

    await harness.fake.waitFor(() => harness?.records.find((record) => record.msg === 'slack response_url post failed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.fake.responses.map((entry) => entry.body['delete_original'])).not.toContain(true);
  });

  it('"Share in channel" keeps an answer that is not shareable (a notice, an apology) private', async () => {
    harness = await startHarness();
    await click(harness, encodeActionId({ command: 'no-such-command', args: '' }, true), { ephemeral: true, responseId: 'not-shared' });
    const answered = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'not-shared'));
    expect(answered.body['response_type']).toBe('ephemeral');
    expect(harness.fake.responses.filter((entry) => entry.body['response_type'] === 'in_channel')).toEqual([]);
  });

  it('a page button on a message the channel sees pages privately and leaves that message (and "Shared by") alone', async () => {
    harness = await startHarness();
    await click(harness, encodeActionId({ command: 'lessons', args: '', page: 1 }), { ephemeral: false, responseId: 'page' });

    const answered = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'page'));
    expect(answered.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(answered.body['blocks'])).toContain('Security must start from architecture');
    expect(harness.bot.runs.at(-1)).toMatchObject({ command: 'lessons', page: 1 });
    expect(harness.fake.responses).toHaveLength(1);
  });

  it('a page button in the bot’s direct messages replaces that message in place', async () => {
    harness = await startHarness();
    await click(harness, encodeActionId({ command: 'lessons', args: '', page: 1 }), { ephemeral: false, responseId: 'dm-page', channelId: 'D0ANA' });

    const replaced = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'dm-page'));
    expect(replaced.body['replace_original']).toBe(true);
  });

  it.each([
    { where: 'a private answer', ephemeral: true },
    { where: 'a message the channel sees', ephemeral: false },
  ])('a rate-limit notice after a click on $where goes to the clicker alone and replaces nothing', async ({ ephemeral }) => {
    harness = await startHarness({ commandsPerMinute: 1 });
    const another = await buttonFromTip(harness, 'Another tip');

    await click(harness, another, { ephemeral, responseId: 'limited' });

    const notice = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'limited'));
    expect(notice.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(notice.body['blocks'])).toContain('faster than I can keep up');
    expect(harness.fake.responses).toHaveLength(1);
  });

  it('the Subscribe button under a reply subscribes and confirms privately', async () => {
    harness = await startHarness();
    await click(harness, encodeActionId({ command: 'subscribe', args: '' }), { ephemeral: true, responseId: 'sub' });

    const confirmed = await harness.fake.waitFor(() => harness?.fake.responses.find((entry) => entry.id === 'sub'));
    expect(textOf(confirmed.body['blocks'])).toContain('Subscribed');
    expect(await harness.store.isSubscribed('slack', 'U0ANA')).toBe(true);
  });

  it('acks a button it does not know without running anything', async () => {
    harness = await startHarness();
    const response = await click(harness, 'tk:garbage', { ephemeral: true, responseId: 'garbage' });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.bot.runs).toEqual([]);
    expect(harness.fake.responses).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { sendEvent, sendInteraction, sendSlashCommand } from '../../fakes/fake-slack.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { findBlockKitProblems } from './block-kit-check.js';
import { buttonsOf, SIGNING_SECRET, startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

let eventCounter = 0;
function callback(event: Record<string, unknown>, eventId = `Ev${++eventCounter}`): Record<string, unknown> {
  return { type: 'event_callback', team_id: 'T0FAKE', api_app_id: 'A0FAKE', event_id: eventId, event_time: 1_700_000_000, event };
}

const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel_type: 'im',
  channel: 'D0ANA',
  user: 'U0ANA',
  text,
  ts: '1700000001.000100',
  event_ts: '1700000001.000100',
  ...extra,
});

describe('direct messages', () => {
  it('answers a DM in the DM channel through the core’s routing', async () => {
    harness = await startHarness();
    const { fake, url } = harness;
    const response = await sendEvent(url, SIGNING_SECRET, callback(dm('speakers thinh')));

    expect(response.status).toBe(200);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(post.body['channel']).toBe('D0ANA');
    expect(harness.bot.routed).toEqual(['speakers thinh']);
    expect(textOf(post.body['blocks'])).toContain('Nguyen Tuan Thinh');
    expect(findBlockKitProblems(post.body['blocks'])).toEqual([]);
    expect(buttonsOf(post.body['blocks']).map((button) => button.text)).not.toContain('Share in channel');
  });

  it('answers an event Slack retries with the same event_id once', async () => {
    harness = await startHarness();
    const { fake, url } = harness;
    const event = callback(dm('tip'), 'EvRetried');
    await sendEvent(url, SIGNING_SECRET, event);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length === 1);
    await sendEvent(url, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
    await sendEvent(url, SIGNING_SECRET, event, { retryNum: 2, retryReason: 'http_timeout' });
    // A different event after the retries is answered: once it is, the retries have had their chance too.
    await sendEvent(url, SIGNING_SECRET, callback(dm('help')));
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers an event once across two copies sharing a store, whichever copy the retry reaches', async () => {
    const store = new MemoryStore();
    harness = await startHarness({ store, claimEvents: true });
    const other = await startHarness({ store, claimEvents: true });
    try {
      const event = callback(dm('tip'), 'EvShared');
      await sendEvent(harness.url, SIGNING_SECRET, event);
      await harness.fake.waitFor(() => harness?.fake.callsTo('chat.postMessage').length === 1);
      await sendEvent(other.url, SIGNING_SECRET, event, { retryNum: 1, retryReason: 'http_timeout' });
      await sendEvent(other.url, SIGNING_SECRET, callback(dm('help')));
      await other.fake.waitFor(() => other.fake.callsTo('chat.postMessage').length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(other.fake.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it.each([
    ['its own message', dm('hello', { user: 'UBOT', bot_id: 'BBOT' })],
    ['a message from its own user, even without a bot id', dm('hello', { user: 'UBOT' })],
    ['a mention of itself by itself', { type: 'app_mention', channel: 'C0GENERAL', user: 'UBOT', text: '<@UBOT> tip', ts: '1700000003.000100' }],
    ["another bot's message", dm('hello', { bot_id: 'B0OTHER', user: 'U0OTHERBOT' })],
    ['an edit', dm('hello', { subtype: 'message_changed', message: { text: 'hello', user: 'U0ANA' } })],
    ['a deletion', dm('', { subtype: 'message_deleted' })],
    ['a channel message', dm('hello', { channel_type: 'channel', channel: 'C0GENERAL' })],
  ])('ignores %s', async (_label, event) => {
    harness = await startHarness();
    const { fake, url } = harness;
    await sendEvent(url, SIGNING_SECRET, callback(event));
    await sendEvent(url, SIGNING_SECRET, callback(dm('help', { channel: 'D0LATER' })));

    // The later DM is answered, so the ignored one had its chance to be processed first.
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.callsTo('chat.postMessage').map((call) => call.body['channel'])).toEqual(['D0LATER']);
    expect(fake.callsTo('chat.postEphemeral')).toEqual([]);
  });
});

describe('mentions', () => {
  it('answers an @-mention lookup privately to the asker in the thread, with Share, without the mention in the query', async () => {
    harness = await startHarness();
    const { fake, url } = harness;
    await sendEvent(
      url,
      SIGNING_SECRET,
      callback({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0ANA', text: '<@UBOT> pillars iam', ts: '1700000002.000200', event_ts: '1700000002.000200' }),
    );

    const post = await fake.waitFor(() => fake.callsTo('chat.postEphemeral')[0]);
    expect(post.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ANA', thread_ts: '1700000002.000200' });
    expect(textOf(post.body['blocks'])).toContain('least privilege');
    expect(buttonsOf(post.body['blocks']).map((button) => button.text)).toContain('Share in channel');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect(harness.bot.routed).toEqual(['pillars iam']);
  });

  it('tells a rate-limited @-mention privately, never in the thread', async () => {
    harness = await startHarness({ commandsPerMinute: 1 });
    const { fake, url } = harness;
    const mention = (ts: string) => callback({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0ANA', text: '<@UBOT> tip', ts, event_ts: ts });
    await sendEvent(url, SIGNING_SECRET, { ...mention('1700000002.000400'), event_id: 'Ev-a' });
    await sendEvent(url, SIGNING_SECRET, { ...mention('1700000002.000500'), event_id: 'Ev-b' });

    const notices = await fake.waitFor(() => (fake.callsTo('chat.postEphemeral').length === 2 ? fake.callsTo('chat.postEphemeral') : undefined));
    // Which of the two answers arrives first is not the point: one of them is the notice, and neither is in the thread.
    expect(notices.map((notice) => textOf(notice.body['blocks'])).join('\n')).toContain('faster than I can keep up');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('subscribes "@bot subscribe" in a channel to the DM, not to the channel', async () => {
    harness = await startHarness();
    const { fake, url } = harness;
    await sendEvent(url, SIGNING_SECRET, callback({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0ANA', text: '<@UBOT> subscribe', ts: '1700000002.000300' }));
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral')[0]);
    expect(fake.callsTo('conversations.open')[0]?.body).toMatchObject({ users: 'U0ANA' });
    expect(await harness.store.listSubscriptions()).toEqual([expect.objectContaining({ userId: 'U0ANA', channelId: 'D0FAKE' })]);
  });
});

describe('App Home', () => {
  async function openHome(h: Harness, user = 'U0ANA') {
    const before = h.fake.callsTo('views.publish').length;
    await sendEvent(h.url, SIGNING_SECRET, callback({ type: 'app_home_opened', user, channel: 'D0ANA', tab: 'home', event_ts: '1700000003.000300' }));
    return h.fake.waitFor(() => h.fake.callsTo('views.publish')[before]);
  }

  it('publishes the events, today’s tip, the commands and a Subscribe toggle as valid Block Kit', async () => {
    harness = await startHarness();
    const publish = await openHome(harness);
    const view = publish.body['view'] as Record<string, unknown>;

    expect(publish.body['user_id']).toBe('U0ANA');
    expect(view['type']).toBe('home');
    expect(findBlockKitProblems(view['blocks'], 100)).toEqual([]);
    const shown = textOf(view['blocks']);
    expect(shown).toContain('AWS Well-Architected Security Pillar Workshop');
    expect(shown).toContain("Today's tip");
    expect(shown).toContain('/takeaways speakers [name]');
    expect(shown).toContain('/speakers');
    expect(shown).toContain('search &lt;query&gt;');
    expect(buttonsOf(view['blocks']).map((button) => button.text)).toEqual(['Subscribe']);
  });

  it('opens the Home for a user who used up their commands, and the Home uses none of them', async () => {
    harness = await startHarness({ commandsPerMinute: 1 });
    const publish = await openHome(harness);
    await openHome(harness);

    expect(textOf((publish.body['view'] as Record<string, unknown>)['blocks'])).not.toContain('faster than I can keep up');
    const tip = await sendSlashCommand(harness.url, SIGNING_SECRET, { command: '/tip', user_id: 'U0ANA' });
    expect(textOf(tip.json?.['blocks'])).toContain('Security tip of the day');
  });

  it('bounds Home renders on their own: past the bound the Home shown stays as it was, never a notice', async () => {
    harness = await startHarness({ commandsPerMinute: 1 });
    for (let open = 0; open < 25; open += 1) {
      await sendEvent(harness.url, SIGNING_SECRET, callback({ type: 'app_home_opened', user: 'U0ANA', channel: 'D0ANA', tab: 'home', event_ts: `1700000003.${open}` }));
    }
    await harness.fake.waitFor(() => harness?.records.find((record) => record.msg.includes('more often than its bound')));

    const publishes = harness.fake.callsTo('views.publish');
    expect(publishes).toHaveLength(20);
    expect(publishes.some((call) => textOf((call.body['view'] as Record<string, unknown>)['blocks']).includes('faster than I can keep up'))).toBe(false);
  });

  it('acks an event it does not answer (a reaction) and runs nothing', async () => {
    harness = await startHarness();
    const response = await sendEvent(harness.url, SIGNING_SECRET, callback({ type: 'reaction_added', user: 'U0ANA', reaction: 'tada', item: { type: 'message', channel: 'C0GENERAL', ts: '1.1' }, event_ts: '1.2' }));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.bot.runs).toEqual([]);
    expect(harness.bot.routed).toEqual([]);
    expect(harness.fake.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('ignores the Messages tab being opened', async () => {
    harness = await startHarness();
    await sendEvent(harness.url, SIGNING_SECRET, callback({ type: 'app_home_opened', user: 'U0ANA', channel: 'D0ANA', tab: 'messages', event_ts: '1.1' }));
    await openHome(harness);
    expect(harness.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('toggles the daily tip from the Home tab and republishes it showing Unsubscribe', async () => {
    harness = await startHarness();
    const first = await openHome(harness);
    const subscribe = buttonsOf((first.body['view'] as Record<string, unknown>)['blocks'])[0];
    expect(subscribe?.text).toBe('Subscribe');

    await sendInteraction(harness.url, SIGNING_SECRET, {
      type: 'block_actions',
      user: { id: 'U0ANA', username: 'ana', name: 'ana', team_id: 'T0FAKE' },
      team: { id: 'T0FAKE', domain: 'fake' },
      api_app_id: 'A0FAKE',
      token: 'legacy',
      trigger_id: '1.2.3',
      container: { type: 'view', view_id: 'V0FAKE' },
      view: { id: 'V0FAKE', type: 'home' },
      actions: [{ type: 'button', action_id: subscribe?.action_id, block_id: 'b1', text: { type: 'plain_text', text: 'Subscribe' }, action_ts: '1.1' }],
    });

    const republished = await harness.fake.waitFor(() => harness?.fake.callsTo('views.publish')[1]);
    expect(buttonsOf((republished.body['view'] as Record<string, unknown>)['blocks']).map((button) => button.text)).toEqual(['Unsubscribe']);
    expect(await harness.store.listSubscriptions()).toEqual([expect.objectContaining({ userId: 'U0ANA', channelId: 'D0FAKE' })]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from './slack-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects with the app token and answers /speakers thinh in the envelope ack', async () => {
    harness = await startHarness({ appToken: 'xapp-harness' });
    const { fake, slack } = harness;

    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    expect(slack.isConnected()).toBe(true);
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-harness');

    const ack = await fake.sendEnvelope(
      'slash_commands',
      { command: '/speakers', text: 'thinh', user_id: 'U0ANA', user_name: 'ana', channel_id: 'C0GENERAL', team_id: 'T0FAKE', response_url: fake.responseUrl() },
      { envelopeId: 'env-speakers' },
    );

    expect(ack.envelope_id).toBe('env-speakers');
    expect(ack.payload?.['response_type']).toBe('ephemeral');
    const shown = textOf(ack.payload?.['blocks']);
    expect(shown).toContain('Nguyen Tuan Thinh');
    expect(shown).toContain('Thinh Lam');
  });

  it('answers a DM envelope once even when Slack redelivers it', async () => {
    harness = await startHarness({ appToken: 'xapp-harness' });
    const { fake } = harness;
    const payload = {
      type: 'event_callback',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      event_id: 'EvSocket1',
      event_time: 1,
      event: { type: 'message', channel_type: 'im', channel: 'D0ANA', user: 'U0ANA', text: 'pillars iam', ts: '1.1', event_ts: '1.1' },
    };

    await fake.sendEnvelope('events_api', payload, { envelopeId: 'env-a' });
    await fake.sendEnvelope('events_api', payload, { envelopeId: 'env-b', retryAttempt: 1 });
    await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(textOf(fake.callsTo('chat.postMessage')[0]?.body['blocks'])).toContain('least privilege');
  });

  it('reports disconnected once stopped', async () => {
    harness = await startHarness({ appToken: 'xapp-harness' });
    await harness.slack.stop();
    expect(harness.slack.isConnected()).toBe(false);
  });
});

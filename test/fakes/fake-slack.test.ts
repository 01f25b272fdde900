import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvent, sendSlashCommand, signSlackRequest, startFakeSlack, type FakeSlack } from './fake-slack.js';

const SECRET = 'test-signing-secret';
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startFake(): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.close());
  return fake;
}

/** A bare Bolt app in HTTP mode on an OS-assigned port, pointed at the fake. */
async function startHttpApp(fake: FakeSlack, register: (app: App) => void): Promise<{ app: App; url: string }> {
  const app = new App({
    token: 'xoxb-test',
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  const server = (await app.start(0)) as Server;
  cleanups.push(() => app.stop());
  return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

describe('fake Slack with the real Bolt, HTTP mode', () => {
  it('delivers a signed slash command and returns the ack body Bolt sends', async () => {
    const fake = await startFake();
    const seen: string[] = [];
    const { url } = await startHttpApp(fake, (app) => {
      app.command('/echo', async ({ command, ack }) => {
        seen.push(command.text);
        await ack({ response_type: 'ephemeral', text: `echo: ${command.text}` });
      });
    });

    const response = await sendSlashCommand(url, SECRET, { command: '/echo', text: 'hello there' });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ response_type: 'ephemeral', text: 'echo: hello there' });
    expect(seen).toEqual(['hello there']);
  });

  it('records the auth.test Bolt runs at construction with the bot token', async () => {
    const fake = await startFake();
    await startHttpApp(fake, () => undefined);
    const authTest = await fake.waitFor(() => fake.callsTo('auth.test')[0]);
    expect(authTest.token).toBe('xoxb-test');
  });

  it.each([
    ['a forged signature', { signature: 'v0=' + '0'.repeat(64) }],
    ['a signature made with another secret', { signature: signSlackRequest('wrong-secret', Math.floor(Date.now() / 1000), 'x') }],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('answers %s with 401 and never runs the handler', async (_label, options) => {
    const fake = await startFake();
    let ran = 0;
    const { url } = await startHttpApp(fake, (app) => {
      app.command('/echo', async ({ ack }) => {
        ran += 1;
        await ack('ran');
      });
    });

    const response = await sendSlashCommand(url, SECRET, { command: '/echo', text: 'x' }, options);

    expect(response.status).toBe(401);
    expect(ran).toBe(0);
    // A correctly signed request on the same app does run it, so the zero above is not vacuous.
    expect((await sendSlashCommand(url, SECRET, { command: '/echo', text: 'x' })).status).toBe(200);
    expect(ran).toBe(1);
  });

  it('records respond() at the response_url sink after the HTTP response', async () => {
    const fake = await startFake();
    const { url } = await startHttpApp(fake, (app) => {
      app.command('/later', async ({ ack, respond }) => {
        await ack();
        await respond({ response_type: 'ephemeral', text: 'done later' });
      });
    });

    const response = await sendSlashCommand(url, SECRET, { command: '/later', response_url: fake.responseUrl('cmd-1') });

    expect(response.status).toBe(200);
    const posted = await fake.waitFor(() => fake.responses.find((entry) => entry.id === 'cmd-1'));
    expect(posted.body).toEqual({ response_type: 'ephemeral', text: 'done later' });
  });

  it('records a Web API call with its token and decodes JSON-encoded form fields', async () => {
    const fake = await startFake();
    const { url } = await startHttpApp(fake, (app) => {
      app.event('app_mention', async ({ event, client }) => {
        await client.chat.postMessage({ channel: event.channel, text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
      });
    });

    const response = await sendEvent(url, SECRET, {
      type: 'event_callback',
      team_id: 'T0FAKE',
      api_app_id: 'A0FAKE',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'app_mention', user: 'U0USER', text: '<@UBOT> hi', channel: 'C0FAKE', ts: '1.1', event_ts: '1.1' },
    });

    expect(response.status).toBe(200);
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(post.token).toBe('xoxb-test');
    expect(post.body).toMatchObject({ channel: 'C0FAKE', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
  });

  it('answers a rate-limited call with 429 and Retry-After once, then succeeds', async () => {
    const fake = await startFake();
    fake.rateLimitOnce('chat.postMessage', 1);
    const app = new App({
      token: 'xoxb-test',
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    });

    const first = await app.client.chat.postMessage({ channel: 'C1', text: 'one' }).catch((error: unknown) => error);
    const second = await app.client.chat.postMessage({ channel: 'C1', text: 'one' });

    expect(first).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    expect(second.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it("lets the Web API client honour Retry-After by itself when it may retry", async () => {
    const fake = await startFake();
    fake.rateLimitOnce('chat.postMessage', 1);
    const app = new App({
      token: 'xoxb-test',
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } },
    });

    const started = Date.now();
    const result = await app.client.chat.postMessage({ channel: 'C1', text: 'one' });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('fake Slack refuses what Slack refuses', () => {
  const twice = [{ type: 'actions', elements: ['Next', 'Share'].map((label) => ({ type: 'button', text: { type: 'plain_text', text: label }, action_id: 'tk::same' })) }];

  it('refuses a message whose block repeats an action_id with invalid_blocks', async () => {
    const fake = await startFake();
    const app = new App({ token: 'xoxb-test', signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });

    const refused = await app.client.chat.postMessage({ channel: 'C1', text: 'x', blocks: twice }).catch((error: unknown) => error);

    expect(refused).toMatchObject({ data: { ok: false, error: 'invalid_blocks' } });
  });

  it('refuses the same through a response_url with 400, and a used-up response_url with 404', async () => {
    const fake = await startFake();
    fake.failResponses('gone', 404);
    const post = (id: string, body: unknown) => fetch(fake.responseUrl(id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post('dup', { text: 'x', blocks: twice })).status).toBe(400);
    expect((await post('gone', { text: 'x' })).status).toBe(404);
    expect((await post('fine', { text: 'x' })).status).toBe(200);
    expect(fake.responses.map((response) => [response.id, response.status])).toEqual([['dup', 400], ['gone', 404], ['fine', 200]]);
  });
});

describe('fake Slack with the real Bolt, Socket Mode', () => {
  it('opens a connection through apps.connections.open, says hello, and gets the ack with the same envelope_id', async () => {
    const fake = await startFake();
    const app = new App({
      token: 'xoxb-test',
      appToken: 'xapp-test',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/echo', async ({ command, ack }) => {
      await ack({ response_type: 'ephemeral', text: `echo: ${command.text}` });
    });
    await app.start();
    cleanups.push(() => app.stop());

    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test');
    expect(fake.socketCount()).toBe(1);
    const ack = await fake.sendEnvelope(
      'slash_commands',
      { command: '/echo', text: 'over the socket', user_id: 'U0USER', channel_id: 'C0FAKE', team_id: 'T0FAKE', response_url: fake.responseUrl() },
      { envelopeId: 'env-42' },
    );

    expect(ack).toEqual({ envelope_id: 'env-42', payload: { response_type: 'ephemeral', text: 'echo: over the socket' } });
  });
});

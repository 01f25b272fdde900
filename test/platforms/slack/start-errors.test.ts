import { afterEach, describe, expect, it } from 'vitest';
import { isTakeawaysError } from '../../../src/errors.js';
import { startSlack } from '../../../src/platforms/slack/slack-platform.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { captureFailure } from '../../support/capture-failure.js';
import { freePort } from '../../support/free-port.js';
import { createCapturingLogger, createFixtureBot, SIGNING_SECRET } from './slack-harness.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  closers.push(() => fake.close());
  return fake;
}

function startError(apiUrl: string): Promise<Error> {
  const store = new MemoryStore();
  const { logger } = createCapturingLogger();
  const starting = startSlack({ bot: createFixtureBot(store, logger), store, logger, botToken: 'xoxb-start-errors', signingSecret: SIGNING_SECRET, port: 0, apiUrl });
  return captureFailure(starting, (slack) => slack.stop());
}

describe('Slack start-up that fails', () => {
  it('says it cannot reach Slack at SLACK_API_URL when nothing listens there, not that the token was rejected', async () => {
    // A port the system handed out, not a fixed one: fetch refuses some low ports (such as 1) outright.
    const port = await freePort();

    const error = await startError(`http://127.0.0.1:${port}/api/`);

    expect(isTakeawaysError(error, 'platform_request')).toBe(true);
    expect(error.message).toMatch(new RegExp(`^cannot reach Slack at http://127\\.0\\.0\\.1:${port}/api/ \\(SLACK_API_URL\\): connect ECONNREFUSED`));
    expect(error.message).not.toMatch(/rejected/);
  }, 20_000);

  it('says what answered when the URL is a server but not Slack’s API', async () => {
    const fake = await fakeSlack();

    const error = await startError(`${fake.url}/not-the-api/`);

    expect(isTakeawaysError(error, 'platform_request')).toBe(true);
    expect(error.message).toMatch(new RegExp(`^Slack at ${fake.url}/not-the-api/ \\(SLACK_API_URL\\) answered auth\\.test with HTTP 404`));
  }, 20_000);

  it('still says the token was rejected when Slack refuses it', async () => {
    const fake = await fakeSlack();
    fake.respondTo('auth.test', { ok: false, error: 'invalid_auth' });

    const error = await startError(fake.apiUrl);

    expect(isTakeawaysError(error, 'platform_auth')).toBe(true);
    expect(error.message).toBe('Slack rejected SLACK_BOT_TOKEN (auth.test): invalid_auth');
  });
});

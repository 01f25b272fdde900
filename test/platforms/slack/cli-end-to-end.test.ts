import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendSlashCommand, startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { slackHttpPort, spawnCli, type CliProcess } from '../../support/cli-process.js';

const SIGNING_SECRET = 'cli-end-to-end-signing-secret';
let fake: FakeSlack | undefined;
let cli: CliProcess | undefined;

afterEach(async () => {
  await cli?.kill();
  cli = undefined;
  await fake?.close();
  fake = undefined;
});

/** `npm start`'s entry point as a child process, with the given Slack keys and the seed report. */
function startCli(slackEnvironment: Record<string, string>): { logs: () => string } {
  cli = spawnCli(['start'], {
    CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-slack-cli-')),
    CONTENT_WATCH: 'false',
    ...slackEnvironment,
  });
  return { logs: cli.stderr };
}

const blocksText = (body: Record<string, unknown> | undefined) => JSON.stringify(body?.['blocks'] ?? []);

describe('npm start with Slack tokens, against the local Slack', () => {
  it('answers a signed /speakers thinh over HTTP with both Thinhs, and a forged one with 401', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const { logs } = startCli({ SLACK_BOT_TOKEN: 'xoxb-cli-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
    const port = await slack.waitFor(() => slackHttpPort(logs()), 20_000);
    const url = `http://127.0.0.1:${port}/slack/events`;

    const answered = await sendSlashCommand(url, SIGNING_SECRET, { command: '/speakers', text: 'thinh', response_url: slack.responseUrl() });
    expect(answered.status, logs()).toBe(200);
    expect(blocksText(answered.json)).toContain('Nguyen Tuan Thinh');
    expect(blocksText(answered.json)).toContain('Thinh Lam');

    const forged = await sendSlashCommand(url, 'not-the-secret', { command: '/speakers', text: 'thinh', response_url: slack.responseUrl() });
    expect(forged.status).toBe(401);
    const stale = await sendSlashCommand(url, SIGNING_SECRET, { command: '/speakers', text: 'thinh', response_url: slack.responseUrl() }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
  }, 40_000);

  it('answers /speakers thinh over Socket Mode when SLACK_APP_TOKEN is set', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    startCli({ SLACK_BOT_TOKEN: 'xoxb-cli-test', SLACK_APP_TOKEN: 'xapp-1-A0FAKE-1-cli', SLACK_API_URL: slack.apiUrl });
    await slack.waitFor(() => slack.socketCount() > 0, 20_000);

    const ack = await slack.sendEnvelope('slash_commands', {
      command: '/speakers',
      text: 'thinh',
      user_id: 'U0ANA',
      user_name: 'ana',
      channel_id: 'C0GENERAL',
      team_id: 'T0FAKE',
      response_url: slack.responseUrl(),
      trigger_id: '1.2.3',
    });
    const payload = ack['payload'] as Record<string, unknown> | undefined;
    expect(blocksText(payload)).toContain('Nguyen Tuan Thinh');
    expect(blocksText(payload)).toContain('Thinh Lam');
  }, 40_000);
});

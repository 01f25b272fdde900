import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvent, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slackHttpPort, spawnCli, type CliProcess } from '../support/cli-process.js';

const SIGNING_SECRET = 'shutdown-test-signing-secret';
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
});

/** `npm start` with Slack over HTTP against the fake, on a free port, the seed report and fresh state. */
function startSlackBot(slack: FakeSlack): CliProcess {
  return spawnCli(['start'], {
    CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-shutdown-')),
    CONTENT_WATCH: 'false',
    SLACK_BOT_TOKEN: 'xoxb-shutdown-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
  });
}

describe('graceful shutdown', () => {
  it('lets a reply in flight reach Slack on SIGTERM, then exits 0', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack);
    const logs = () => cli.stderr();
    try {
      const port = await slack.waitFor(() => slackHttpPort(logs()), 20_000);

      slack.delay('chat.postMessage', 1_500);
      const dm = { type: 'message', channel_type: 'im', channel: 'D0SIG', user: 'U0SIG', text: 'tip', ts: '1700000001.000100' };
      await sendEvent(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, { type: 'event_callback', team_id: 'T0FAKE', event_id: 'EvSig', event_time: 1, event: dm });
      await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1, 10_000);
      const postArrivedAt = Date.now();
      cli.child.kill('SIGTERM');

      const { code, at } = await cli.exited;
      expect(code, logs()).toBe(0);
      // The process waited for Slack's (slow) answer to the post before it exited.
      expect(at - postArrivedAt).toBeGreaterThanOrEqual(1_300);
      expect(logs()).not.toContain('abandoned');
      expect(logs()).toContain('"msg":"stopped"');
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await cli.kill();
    }
  }, 40_000);

  it('stops cleanly on a SIGTERM that arrives while the bot is still starting', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack);
    try {
      // The content is read before any platform starts: the signal lands in the middle of start-up.
      await slack.waitFor(() => cli.stderr().includes('"msg":"content loaded"'), 20_000);
      cli.child.kill('SIGTERM');
      const { code } = await cli.exited;
      expect(code, cli.stderr()).toBe(0);
      expect(cli.stderr()).toContain('"msg":"stopping"');
      expect(cli.stderr()).toContain('"msg":"stopped"');
    } finally {
      await cli.kill();
    }
  }, 40_000);
});

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/app/start-bot.js';
import { readConfig } from '../../src/config.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { sendSlashCommand, startFakeSlack } from '../fakes/fake-slack.js';
import { eventually } from '../support/eventually.js';

const running: RunningBot[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((bot) => bot.stop()));
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

function baseEnvironment(): Record<string, string> {
  return {
    CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-health-')),
    LOG_LEVEL: 'silent',
    CONTENT_WATCH: 'false',
  };
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('health endpoints', () => {
  it('reports ready while Discord is connected and 503 once the gateway is gone', async () => {
    const fake = await FakeDiscord.start();
    closers.push(() => fake.close());
    const bot = await startBot(
      readConfig({ ...baseEnvironment(), DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0' }),
    );
    if (!bot?.healthPort) throw new Error('no health port');
    running.push(bot);
    const port = bot.healthPort;

    expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', checks: { content: true, discord: true } });

    await fake.close();
    await eventually(async () => (await get(port, '/readyz')).status === 503);
    expect(JSON.parse((await get(port, '/readyz')).body)).toMatchObject({ status: 'not ready', checks: { discord: false } });
  });

  it('is not ready while no report is loaded', async () => {
    const fake = await FakeDiscord.start();
    closers.push(() => fake.close());
    const emptyContent = mkdtempSync(join(tmpdir(), 'takeaways-empty-'));
    const bot = await startBot(
      readConfig({ ...baseEnvironment(), CONTENT_DIR: emptyContent, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0' }),
    );
    if (!bot?.healthPort) throw new Error('no health port');
    running.push(bot);
    const ready = await get(bot.healthPort, '/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ checks: { content: false, discord: true } });
  });

  it("serves health and metrics on Slack's HTTP port, counting commands by name and platform", async () => {
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const signingSecret = 'health-test-signing-secret';
    const bot = await startBot(
      readConfig({ ...baseEnvironment(), SLACK_BOT_TOKEN: 'xoxb-health-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl, PORT: '0' }),
    );
    if (!bot?.slack?.port) throw new Error('no Slack port');
    running.push(bot);
    const port = bot.slack.port;
    expect(bot.healthPort).toBe(port);

    expect((await get(port, '/readyz')).status).toBe(200);
    const answered = await sendSlashCommand(`http://127.0.0.1:${port}/slack/events`, signingSecret, { command: '/speakers', text: 'thinh', response_url: slack.responseUrl() });
    expect(answered.status).toBe(200);
    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/takeaways_commands_total\{command="speakers",platform="slack",outcome="ok"\} 1/);
    expect(metrics.body).toContain('takeaways_reply_seconds_bucket');
    expect(metrics.body).toContain('takeaways_content_events 1');
  });

  it('stays ready on the last good content when CONTENT_DIR goes away, with a warning saying so', async () => {
    const fake = await FakeDiscord.start();
    closers.push(() => fake.close());
    const content = join(mkdtempSync(join(tmpdir(), 'takeaways-health-content-')), 'site');
    cpSync(resolve('test/content/fixtures/seed-site'), content, { recursive: true });
    const bot = await startBot(
      readConfig({ ...baseEnvironment(), CONTENT_DIR: content, CONTENT_WATCH: 'true', DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0' }),
    );
    if (!bot?.healthPort) throw new Error('no health port');
    running.push(bot);
    const port = bot.healthPort;
    expect(JSON.parse((await get(port, '/readyz')).body)).not.toHaveProperty('warnings');

    rmSync(content, { recursive: true });
    await eventually(async () => 'warnings' in JSON.parse((await get(port, '/readyz')).body));
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({
      status: 'ready',
      checks: { content: true, discord: true },
      warnings: [expect.stringMatching(/^CONTENT_DIR .*site unavailable since .*\(it does not exist\): answering from the last good content \(1 report\)/)],
    });
    expect((await get(port, '/metrics')).body).toContain('takeaways_content_events 1');
  });
});

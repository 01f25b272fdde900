import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/app/start-bot.js';
import { readConfig } from '../../src/config.js';
import { RepositorySyncLoop } from '../../src/ops/repository-sync.js';
import { parseContentRepository, type ContentRepository } from '../../src/sources/content-repository.js';
import { syncRepositories } from '../../src/sources/sync-repositories.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { eventually } from '../support/eventually.js';
import { LocalRepository, reportPage } from '../support/git-repository.js';
import { deliverWebhook, pushEvent } from '../support/github-push.js';
import { createCapturingLogger } from '../support/test-bot.js';

const SECRET = 'end-to-end-webhook-secret';

const running: RunningBot[] = [];
const closers: (() => Promise<void>)[] = [];
const loops: RepositorySyncLoop[] = [];
afterEach(async () => {
  await Promise.allSettled(loops.splice(0).map((loop) => loop.stop()));
  await Promise.allSettled(running.splice(0).map((bot) => bot.stop()));
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

function repositoryAt(entry: string): ContentRepository {
  const parsed = parseContentRepository(entry);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.repository;
}

/** A remote repository `writer/site` with one report, and an empty DATA_DIR beside it. */
function remoteSite() {
  const root = mkdtempSync(join(tmpdir(), 'takeaways-repo-sync-'));
  mkdirSync(join(root, 'remotes'));
  const remote = LocalRepository.create(join(root, 'remotes'), 'writer/site', { 'content/event-1/index.md': reportPage('Cloud Security Day', ['Lan Pham']) });
  return { remote, dataDir: join(root, 'data') };
}

/** The bot on a fake Discord, health (and the webhook) on a port of its own. */
async function startWithDiscord(environment: Record<string, string>): Promise<RunningBot & { healthPort: number }> {
  const fake = await FakeDiscord.start();
  closers.push(() => fake.close());
  const bot = await startBot(
    readConfig({ LOG_LEVEL: 'silent', CONTENT_WATCH: 'false', DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, HEALTH_PORT: '0', ...environment }),
  );
  if (!bot?.healthPort) throw new Error('no health port');
  running.push(bot);
  return bot as RunningBot & { healthPort: number };
}

const speakerNames = (bot: RunningBot) => bot.reloader.current().speakers.map((entry) => entry.speaker.name);

async function readiness(port: number): Promise<{ status: number; body: { checks: Record<string, boolean>; warnings?: string[] } }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, boolean>; warnings?: string[] } };
}

describe('the bot and its content repositories', () => {
  it('clones CONTENT_REPOS at start-up in the background, then answers from them beside CONTENT_DIR', async () => {
    const { remote, dataDir } = remoteSite();
    const bot = await startWithDiscord({ DATA_DIR: dataDir, CONTENT_DIR: resolve('test/content/fixtures/seed-site'), CONTENT_REPOS: remote.url() });

    await eventually(() => speakerNames(bot).includes('Lan Pham'));
    const reports = bot.reloader.current().knowledge.reports;
    expect(reports.map((report) => report.site).sort()).toEqual(['seed-site', 'writer/site']);
    expect(reports.find((report) => report.site === 'writer/site')?.id).toBe('writer/site/event-1');
    expect((await readiness(bot.healthPort)).status).toBe(200);
  });

  it('syncs a repository on a signed push webhook and answers its new report, and refuses what is not one', async () => {
    const { remote, dataDir } = remoteSite();
    const bot = await startWithDiscord({ DATA_DIR: dataDir, CONTENT_REPOS: remote.url(), GITHUB_WEBHOOK_SECRET: SECRET });
    await eventually(() => speakerNames(bot).includes('Lan Pham'));
    const webhook = `http://127.0.0.1:${bot.healthPort}/webhooks/github`;
    remote.commit({ 'content/event-2/index.md': reportPage('DevOps Day', ['Minh Tran']) }, 'a new report');
    const push = JSON.stringify(pushEvent('writer/site'));

    // Forged, unsigned, broken, huge, or about another repository: nothing is synced.
    expect((await deliverWebhook(webhook, 'push', push, 'a-guessed-secret')).status).toBe(401);
    expect((await deliverWebhook(webhook, 'push', push, undefined)).status).toBe(401);
    expect((await deliverWebhook(webhook, 'push', '{"ref":', SECRET)).status).toBe(400);
    expect((await deliverWebhook(webhook, 'push', JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }), SECRET)).status).toBe(413);
    const unrelated = await deliverWebhook(webhook, 'push', JSON.stringify(pushEvent('writer/other')), SECRET);
    expect(unrelated.status).toBe(202);
    expect(JSON.parse(unrelated.body)).toMatchObject({ status: 'ignored' });
    await new Promise((settle) => setTimeout(settle, 300));
    expect(speakerNames(bot)).not.toContain('Minh Tran');

    const accepted = await deliverWebhook(webhook, 'push', push, SECRET);
    expect(accepted.status).toBe(202);
    await eventually(() => speakerNames(bot).includes('Minh Tran'));
  });

  it("takes the webhook on Slack's HTTP port when health is served there", async () => {
    const { remote, dataDir } = remoteSite();
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const bot = await startBot(
      readConfig({
        LOG_LEVEL: 'silent',
        CONTENT_WATCH: 'false',
        DATA_DIR: dataDir,
        CONTENT_REPOS: remote.url(),
        GITHUB_WEBHOOK_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-webhook-test',
        SLACK_SIGNING_SECRET: 'slack-signing-secret',
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
      }),
    );
    if (!bot?.slack?.port) throw new Error('no Slack port');
    running.push(bot);
    await eventually(() => speakerNames(bot).includes('Lan Pham'));
    remote.commit({ 'content/event-2/index.md': reportPage('DevOps Day', ['Minh Tran']) }, 'a new report');
    const webhook = `http://127.0.0.1:${bot.slack.port}/webhooks/github`;

    expect((await deliverWebhook(webhook, 'push', JSON.stringify(pushEvent('writer/site')), 'wrong')).status).toBe(401);
    expect((await deliverWebhook(webhook, 'push', JSON.stringify(pushEvent('writer/site')), SECRET)).status).toBe(202);
    await eventually(() => speakerNames(bot).includes('Minh Tran'));
  });

  it('keeps answering from the last clone when the repository cannot be reached at start-up, and says so in /readyz', async () => {
    const { remote, dataDir } = remoteSite();
    await syncRepositories([repositoryAt(remote.url())], dataDir);
    renameSync(remote.dir, `${remote.dir}-gone`);

    const bot = await startWithDiscord({ DATA_DIR: dataDir, CONTENT_REPOS: remote.url() });

    expect(speakerNames(bot)).toEqual(['Lan Pham']);
    await eventually(async () => ((await readiness(bot.healthPort)).body.warnings ?? []).length > 0);
    const ready = await readiness(bot.healthPort);
    expect(ready.status).toBe(200);
    expect(ready.body.warnings).toEqual([expect.stringMatching(/^CONTENT_REPOS writer\/site: the last sync failed at .* \(writer\/site \(file:\/\/.*\): cannot fetch: .*\); answering from its last clone until a sync succeeds$/)]);
  });

  it('starts without any clone of an unreachable repository, not ready, saying why', async () => {
    const { dataDir } = remoteSite();
    const bot = await startWithDiscord({ DATA_DIR: dataDir, CONTENT_REPOS: 'https://127.0.0.1:1/writer/unreachable.git' });

    await eventually(async () => ((await readiness(bot.healthPort)).body.warnings ?? []).length > 0);
    const ready = await readiness(bot.healthPort);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ content: false, discord: true });
    expect(ready.body.warnings).toEqual([expect.stringMatching(/^CONTENT_REPOS writer\/unreachable: not cloned \(writer\/unreachable \(https:\/\/127\.0\.0\.1:1\/writer\/unreachable\.git\): cannot clone: .*\); none of its reports are answered/)]);
  });
});

describe('the sync schedule', () => {
  it('syncs again every interval, reads the content again only when a report changed, and stops when told', async () => {
    const { remote, dataDir } = remoteSite();
    const { logger, lines } = createCapturingLogger();
    let reloads = 0;
    const loop = new RepositorySyncLoop({ repositories: [repositoryAt(remote.url())], dataDir, intervalMs: 150, logger, onChanged: async () => void reloads++ });
    loops.push(loop);
    loop.start();
    await eventually(() => reloads === 1);
    // Rounds with nothing new read nothing again.
    await new Promise((settle) => setTimeout(settle, 500));
    expect(reloads).toBe(1);

    remote.commit({ 'content/event-2/index.md': reportPage('DevOps Day', ['Minh Tran']) }, 'a new report');
    await eventually(() => reloads === 2);
    expect(lines().some((line) => line['msg'] === 'repository writer/site updated: reports 1 added, 0 changed, 0 removed')).toBe(true);

    await loop.stop();
    remote.commit({ 'content/event-3/index.md': reportPage('AI Day', ['Hoa Le']) }, 'after the stop');
    await new Promise((settle) => setTimeout(settle, 500));
    expect(reloads).toBe(2);
  });

  it('logs a failed sync as a warning naming the repository and what is still answered', async () => {
    const { dataDir } = remoteSite();
    const { logger, lines } = createCapturingLogger();
    const loop = new RepositorySyncLoop({ repositories: [repositoryAt('file:///nowhere/writer/missing')], dataDir, intervalMs: 0, logger, onChanged: async () => undefined });
    loops.push(loop);

    const [result] = await loop.sync();

    expect(result?.ok).toBe(false);
    const warning = lines().find((line) => line['level'] === 40);
    expect(warning).toMatchObject({ site: 'writer/missing', code: 'repository_unreachable' });
    expect(String(warning?.['msg'])).toMatch(/^repository sync failed: writer\/missing \(file:\/\/\/nowhere\/writer\/missing\): cannot clone: .*; no clone yet, so none of its reports are answered$/);
    expect(loop.warnings()).toEqual([expect.stringMatching(/^CONTENT_REPOS writer\/missing: not cloned/)]);
  });
});

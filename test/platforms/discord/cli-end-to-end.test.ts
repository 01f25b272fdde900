import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/fake-discord.js';
import { spawnCli } from '../../support/cli-process.js';
import { visibleText } from './discord-harness.js';

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real `takeaways` command line, in a child process, pointed at the fake through DISCORD_API_URL. */
function takeaways(args: string[], env: Record<string, string>): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'takeaways-discord-cli-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = spawnCli(args, { DATA_DIR: dataDir, CONTENT_DIR: 'content', LOG_LEVEL: 'info', ...env });
  cleanups.push(() => cli.kill());
  return { child: cli.child, exited: cli.exited.then((exit) => exit.code), stderr: cli.stderr };
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  cleanups.push(() => fake.close());
  return fake;
}

describe('takeaways start with Discord', () => {
  it('logs in, answers /speakers name:thinh with both Thinhs, autocompletes "thi" and answers a DM "pillars iam"', async () => {
    const fake = await fakeDiscord();
    takeaways(['start'], { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl });
    await fake.waitFor((call) => call.method === 'PUT' && call.path === `/applications/${fake.appId}/commands`, 20_000);

    const speakers = await fake.waitForCallback(fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } }));
    const autocomplete = await fake.waitForCallback(fake.autocomplete({ name: 'speakers', options: { name: 'thi' }, focused: 'name' }));
    const dm = fake.directMessage({ content: 'pillars iam' });
    const answer = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${dm.channelId}/messages`);

    expect(visibleText((speakers.body as { data?: unknown }).data)).toMatch(/Nguyen Tuan Thinh[\s\S]*Thinh Lam|Thinh Lam[\s\S]*Nguyen Tuan Thinh/);
    const choices = ((autocomplete.body as { data?: { choices?: { name: string }[] } }).data?.choices ?? []).map((choice) => choice.name);
    expect(choices).toEqual(expect.arrayContaining(['Nguyen Tuan Thinh', 'Thinh Lam']));
    expect(visibleText(answer.body)).toContain('least privilege');
  }, 40_000);

  it('exits non-zero with a clear message for a wrong token', async () => {
    const fake = await fakeDiscord();

    const run = takeaways(['start'], { DISCORD_TOKEN: 'wrong-token', DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl });

    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toContain('Discord refused DISCORD_TOKEN');
    expect(fake.identifies).toEqual([]);
  }, 40_000);
});

describe('takeaways deploy-commands', () => {
  it('registers to one server and exits 0', async () => {
    const fake = await fakeDiscord();

    const run = takeaways(['deploy-commands', '--guild', fake.guildId], { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl });

    expect(await run.exited).toBe(0);
    expect(fake.calls.filter((call) => call.method === 'PUT').map((call) => call.path)).toEqual([`/applications/${fake.appId}/guilds/${fake.guildId}/commands`]);
  }, 40_000);

  it('exits non-zero with a clear message for a wrong token', async () => {
    const fake = await fakeDiscord();

    const run = takeaways(['deploy-commands'], { DISCORD_TOKEN: 'wrong-token', DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl });

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('Discord refused DISCORD_TOKEN');
  }, 40_000);
});

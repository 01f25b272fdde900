import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { spawnProcess } from '../support/cli-process.js';
import { SEED_SITE } from './run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'takeaways-modules-'));

/** Module hooks that append every module a process resolves (its URL) to $MODULE_LOG: what the process loaded. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.MODULE_LOG, resolved.url + '\\n');
  return resolved;
}`;
const hooksFile = join(folder, 'hooks.mjs');
const registerFile = join(folder, 'register.mjs');
writeFileSync(hooksFile, HOOKS);
writeFileSync(registerFile, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooksFile).href)});\n`);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Runs the CLI from source with the hooks and returns the modules it loaded: once it exits, or, given `until`, once
 * its log says so (it is stopped then).
 */
async function modulesLoadedBy(args: string[], input = '', options: { env?: Record<string, string>; until?: string } = {}): Promise<string[]> {
  const log = join(folder, `${args.join('-').replace(/\W+/g, '_')}.log`);
  writeFileSync(log, '');
  const cli = spawnProcess(
    process.execPath,
    ['--import', registerFile, '--import', 'tsx', 'src/cli.ts', ...args],
    { CONTENT_DIR: SEED_SITE, DATA_DIR: mkdtempSync(join(folder, 'data-')), MODULE_LOG: log, ...options.env },
    { input },
  );
  if (options.until === undefined) {
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
  } else {
    const until = options.until;
    await expect.poll(() => cli.stderr().includes(until) || cli.child.exitCode !== null, { timeout: 60_000, interval: 100 }).toBe(true);
    await cli.kill();
    expect(cli.stderr()).toContain(until);
  }
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const CHAT_AND_OPS = ['@slack/bolt', 'discord.js', 'ioredis', 'prom-client', 'chokidar', '@octokit', 'simple-git'];
const STORE = ['better-sqlite3', 'ioredis', '/src/store/open-store', '/src/store/sqlite-store', '/src/store/redis-store', '/src/store/memory-store'];

function packagesAmong(modules: readonly string[], names: readonly string[]): string[] {
  return names.filter((name) => modules.some((url) => url.includes(`/node_modules/${name}`) || (name.startsWith('/src/') && url.includes(name))));
}

describe('each command loads only what it needs', () => {
  it('`ask` loads no Slack, Discord, Redis, metrics, file watching or git', async () => {
    const modules = await modulesLoadedBy(['ask', 'hello']);
    expect(modules.some((url) => url.includes('/src/core/create-bot'))).toBe(true);
    expect(packagesAmong(modules, CHAT_AND_OPS)).toEqual([]);
  });

  it('the console (`start` with no token) loads none of them either, and answers', async () => {
    const modules = await modulesLoadedBy(['start'], '/speakers thinh\n/quit\n');
    expect(modules.some((url) => url.includes('/src/platforms/console/console'))).toBe(true);
    expect(packagesAmong(modules, CHAT_AND_OPS)).toEqual([]);
  });

  it('`export` of unchanged pages loads no page reader (markdown-it, gray-matter, the YAML and TOML parsers)', async () => {
    const dataDir = mkdtempSync(join(folder, 'data-'));
    const PAGE_READER = ['markdown-it', 'gray-matter', 'smol-toml', '/src/content/read-page.', '/src/content/extract-event.'];
    expect(packagesAmong(await modulesLoadedBy(['export', SEED_SITE], '', { env: { DATA_DIR: dataDir } }), PAGE_READER)).not.toEqual([]);
    expect(packagesAmong(await modulesLoadedBy(['export', SEED_SITE], '', { env: { DATA_DIR: dataDir } }), PAGE_READER)).toEqual([]);
  });

  it.each([['check'], ['export']])('`%s` loads no state store and nothing of the chat platforms', async (verb) => {
    const modules = await modulesLoadedBy([verb, SEED_SITE]);
    expect(packagesAmong(modules, [...STORE, ...CHAT_AND_OPS])).toEqual([]);
  });

  it('the bot on Slack (Socket Mode) and Discord with no HTTP port loads no metrics, push webhook or git: nothing could use them', async () => {
    const slack = await startFakeSlack();
    const discord = await FakeDiscord.start();
    try {
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-modules',
        SLACK_APP_TOKEN: 'xapp-modules',
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_APP_ID: discord.appId,
        DISCORD_API_URL: discord.apiUrl,
      };
      const modules = await modulesLoadedBy(['start'], '', { env, until: '"msg":"tip schedule started"' });
      expect(packagesAmong(modules, ['@slack/bolt', 'discord.js'])).toEqual(['@slack/bolt', 'discord.js']);
      expect(packagesAmong(modules, ['prom-client', '@octokit', 'simple-git'])).toEqual([]);
    } finally {
      await slack.close();
      await discord.close();
    }
  }, 90_000);
});

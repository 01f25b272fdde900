import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

/** Runs the CLI from source with the hooks and returns the modules it loaded. */
async function modulesLoadedBy(args: string[], input = '', dataDir = mkdtempSync(join(folder, 'data-'))): Promise<string[]> {
  const log = join(folder, `${args.join('-').replace(/\W+/g, '_')}.log`);
  writeFileSync(log, '');
  const cli = spawnProcess(
    process.execPath,
    ['--import', registerFile, '--import', 'tsx', 'src/cli.ts', ...args],
    { CONTENT_DIR: SEED_SITE, DATA_DIR: dataDir, MODULE_LOG: log },
    { input },
  );
  const { code } = await cli.exited;
  expect(code, cli.stderr()).toBe(0);
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
    expect(packagesAmong(await modulesLoadedBy(['export', SEED_SITE], '', dataDir), PAGE_READER)).not.toEqual([]);
    expect(packagesAmong(await modulesLoadedBy(['export', SEED_SITE], '', dataDir), PAGE_READER)).toEqual([]);
  });

  it.each([['check'], ['export']])('`%s` loads no state store and nothing of the chat platforms', async (verb) => {
    const modules = await modulesLoadedBy([verb, SEED_SITE]);
    expect(packagesAmong(modules, [...STORE, ...CHAT_AND_OPS])).toEqual([]);
  });
});

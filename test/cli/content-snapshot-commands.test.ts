import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli-process.js';
import { SEED_SITE } from './run-cli.js';

async function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = spawnCli(args, env);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** The content snapshots (one per folder), knowledge snapshots (one per library) and export snapshots in DATA_DIR, nothing else. */
function snapshotFiles(data: string): { content: number; knowledge: number; export: number } {
  const names = readdirSync(join(data, 'content-snapshots'));
  expect(names.every((name) => name.endsWith('.snapshot'))).toBe(true);
  const knowledge = names.filter((name) => name.startsWith('knowledge-')).length;
  const exported = names.filter((name) => name.startsWith('export-')).length;
  return { content: names.length - knowledge - exported, knowledge, export: exported };
}

describe('which commands keep the content snapshot', () => {
  let base: string;
  let site: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'takeaways-snapshot-cli-'));
    site = join(base, 'site');
    cpSync(SEED_SITE, site, { recursive: true });
    // Checked out a while ago: pages changed in the last seconds are not kept.
    const then = new Date(Date.now() - 60_000);
    for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), then, then);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('`ask` keeps one in an existing DATA_DIR, and answers the same from it', async () => {
    const data = join(base, 'data');
    mkdirSync(data);
    const env = { CONTENT_DIR: site, DATA_DIR: data };
    const first = await run(['ask', '/speakers thinh'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(snapshotFiles(data)).toEqual({ content: 1, knowledge: 1, export: 0 });
    const second = await run(['ask', '/speakers thinh'], env);
    expect(second).toEqual(first);
  });

  it('`ask` and `check` leave no DATA_DIR behind when there is none', async () => {
    const data = join(base, 'missing');
    expect((await run(['ask', 'hello'], { CONTENT_DIR: site, DATA_DIR: data })).code).toBe(0);
    expect((await run(['check'], { CONTENT_DIR: site, DATA_DIR: data })).code).toBe(0);
    expect(existsSync(data)).toBe(false);
  });

  it('`check` reads every page and keeps nothing; `export` gives the same JSON with a warm snapshot as without one', async () => {
    const data = join(base, 'data');
    mkdirSync(data);
    expect((await run(['check', site], { DATA_DIR: data })).code).toBe(0);
    expect(existsSync(join(data, 'content-snapshots'))).toBe(false);

    const cold = await run(['export', site], { DATA_DIR: join(base, 'none') });
    const warming = await run(['export', site], { DATA_DIR: data });
    const warm = await run(['export', site], { DATA_DIR: data });
    expect(snapshotFiles(data)).toEqual({ content: 1, knowledge: 1, export: 1 });
    expect(cold.code).toBe(0);
    expect(warming.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('`export` after a page changed prints the changed content, not the text it printed before', async () => {
    const data = join(base, 'data');
    mkdirSync(data);
    const page = readdirSync(site, { recursive: true, withFileTypes: true }).find((entry) => entry.isFile() && entry.name.endsWith('.md'));
    if (page === undefined) throw new Error('the seed site has no page');
    const path = join(page.parentPath, page.name);
    const before = await run(['export', site], { DATA_DIR: data });
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title:.*$/m, 'title: "A renamed workshop"'));
    const then = new Date(Date.now() - 60_000);
    utimesSync(path, then, new Date(Date.now() - 30_000));

    const after = await run(['export', site], { DATA_DIR: data });
    expect(after.code).toBe(0);
    expect(after.stdout).not.toBe(before.stdout);
    expect(after.stdout).toContain('A renamed workshop');
    expect(after.stdout).toBe((await run(['export', site], { DATA_DIR: join(base, 'none') })).stdout);
  });

  it('stays whole when several processes write it at once', async () => {
    const data = join(base, 'data');
    mkdirSync(data);
    const cold = await run(['export', site], { DATA_DIR: join(base, 'none') });
    const together = await Promise.all(Array.from({ length: 3 }, () => run(['export', site], { DATA_DIR: data })));
    for (const result of together) expect(result.stdout).toBe(cold.stdout);
    expect(snapshotFiles(data)).toEqual({ content: 1, knowledge: 1, export: 1 });
    const after = await run(['export', site], { DATA_DIR: data });
    expect(after.stdout).toBe(cold.stdout);
    expect(after.stderr).not.toMatch(/could not be used/);
  });
});

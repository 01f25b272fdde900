import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashLoaderCode, loaderVersion, SnapshotFolder, SNAPSHOT_MAX_AGE_MS } from '../../src/content/content-snapshot.js';
import { loadContent } from '../../src/content/load-content.js';
import { SEED_SITE } from '../cli/run-cli.js';
import { recordingLogger } from '../support/recording-logger.js';

/** The shared corpus as the repository keeps it: single reports in `corpus/`, whole sites in `sites/`. */
const CORPUS = fileURLToPath(new URL('./fixtures/', import.meta.url));
const REPORTS = join(CORPUS, 'corpus');
const corpusFolders = [
  REPORTS,
  ...readdirSync(join(CORPUS, 'sites'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(CORPUS, 'sites', entry.name)),
];

/** A logger whose lines the test can read. */
/** Files older than the snapshot's "changed just now" window, as a site checked out a while ago. */
function ageFiles(root: string, secondsAgo = 60): void {
  const then = new Date(Date.now() - secondsAgo * 1000);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), then, then);
  }
}

describe('the content snapshot', () => {
  let base: string;
  let snapshotDir: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'takeaways-snapshot-'));
    snapshotDir = join(base, 'snapshots');
    mkdirSync(snapshotDir);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it.each(corpusFolders.map((folder) => [relative(CORPUS, folder), folder]))('gives the same model as reading every page: %s', async (_name, folder) => {
    const site = join(base, 'site');
    await cp(folder, site, { recursive: true });
    ageFiles(site);
    const fresh = await loadContent(site);
    const first = new SnapshotFolder(snapshotDir);
    expect(await loadContent(site, { snapshots: first })).toStrictEqual(fresh);
    const second = new SnapshotFolder(snapshotDir);
    expect(await loadContent(site, { snapshots: second })).toStrictEqual(fresh);
    expect(second.uses).toEqual([expect.objectContaining({ read: 0, written: false })]);
    expect(second.uses[0]?.reused).toBeGreaterThan(0);
  });

  it('reads again only the page that changed, and drops a page that is gone', async () => {
    const site = join(base, 'site');
    await cp(SEED_SITE, site, { recursive: true });
    writeFileSync(join(site, 'other.md'), '---\ntitle: Other Day\ndate: 2025-10-01\n---\n\n# Other Day\n\n## Lessons learned\n\n- Keep keys short-lived.\n');
    ageFiles(site);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) });

    appendFileSync(join(site, 'other.md'), '- Log every change.\n');
    const then = new Date(Date.now() - 30_000);
    utimesSync(join(site, 'other.md'), then, then);
    const afterEdit = new SnapshotFolder(snapshotDir);
    const edited = await loadContent(site, { snapshots: afterEdit });
    expect(afterEdit.uses[0]).toMatchObject({ read: 1, written: true });
    expect(afterEdit.uses[0]?.reused).toBeGreaterThan(0);
    expect(edited).toStrictEqual(await loadContent(site));
    expect(edited.events.find((event) => event.source === 'other.md')?.lessons).toContain('Log every change.');

    rmSync(join(site, 'other.md'));
    const afterRemoval = new SnapshotFolder(snapshotDir);
    const removed = await loadContent(site, { snapshots: afterRemoval });
    expect(removed).toStrictEqual(await loadContent(site));
    expect(afterRemoval.uses[0]).toMatchObject({ read: 0, written: true });
  });

  it('reads a page touched without a change again (its stamp changed), and keeps nothing changed in the last seconds', async () => {
    const site = join(base, 'site');
    await cp(SEED_SITE, site, { recursive: true });
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) });
    // Just written: not trusted yet, so the next load reads every page again.
    const next = new SnapshotFolder(snapshotDir);
    await loadContent(site, { snapshots: next });
    expect(next.uses[0]?.reused).toBe(0);

    ageFiles(site, 120);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) });
    ageFiles(site, 90);
    const touched = new SnapshotFolder(snapshotDir);
    await loadContent(site, { snapshots: touched });
    expect(touched.uses[0]).toMatchObject({ reused: 0 });
    expect(touched.uses[0]?.read).toBeGreaterThan(0);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['empty', () => Buffer.alloc(0)],
    ['not a snapshot', () => Buffer.from('{"hello": "world"}')],
    ['damaged in the middle', (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 400), Buffer.alloc(64, 0xff), bytes.subarray(464)])],
  ])('survives a snapshot file that is %s: warns, reads every page, and writes it afresh', async (_label, damage) => {
    const site = join(base, 'site');
    await cp(REPORTS, site, { recursive: true });
    ageFiles(site);
    const fresh = await loadContent(site);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) });
    const [file] = readdirSync(snapshotDir);
    const path = join(snapshotDir, file ?? '');
    writeFileSync(path, damage(readFileSync(path)));

    const { logger, lines } = recordingLogger();
    const damaged = new SnapshotFolder(snapshotDir, logger);
    expect(await loadContent(site, { snapshots: damaged })).toStrictEqual(fresh);
    expect(damaged.uses[0]).toMatchObject({ written: true });
    expect(lines().join('\n')).toMatch(/content snapshot could not be used/);

    const repaired = new SnapshotFolder(snapshotDir);
    expect(await loadContent(site, { snapshots: repaired })).toStrictEqual(fresh);
    expect(repaired.uses[0]).toMatchObject({ read: 0 });
  });

  it('is not used for another taxonomy, nor by another version of the reader', async () => {
    const site = join(base, 'site');
    await cp(SEED_SITE, site, { recursive: true });
    ageFiles(site);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir, undefined, { version: 'one' }) });

    const otherTaxonomy = new SnapshotFolder(snapshotDir, undefined, { version: 'one' });
    await loadContent(site, { snapshots: otherTaxonomy, taxonomy: { pillars: [] } });
    expect(otherTaxonomy.uses[0]?.reused).toBe(0);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir, undefined, { version: 'one' }) });

    const { logger, lines } = recordingLogger();
    const upgraded = new SnapshotFolder(snapshotDir, logger, { version: 'two' });
    expect(await loadContent(site, { snapshots: upgraded })).toStrictEqual(await loadContent(site));
    expect(upgraded.uses[0]).toMatchObject({ reused: 0, written: true });
    expect(lines().join('\n')).toMatch(/another version of the reader/);
    expect(lines().join('\n')).not.toMatch(/"level":40/);
  });

  it('takes a new loader version from any change to the reading code', async () => {
    const copy = join(base, 'src');
    await cp(resolve('src'), copy, { recursive: true });
    const before = hashLoaderCode(join(copy, 'content'));
    expect(hashLoaderCode(join(copy, 'content'))).toBe(before);
    appendFileSync(join(copy, 'content', 'speakers.ts'), '\n// changed\n');
    const afterExtraction = hashLoaderCode(join(copy, 'content'));
    expect(afterExtraction).not.toBe(before);
    appendFileSync(join(copy, 'errors.ts'), '\n// changed\n');
    expect(hashLoaderCode(join(copy, 'content'))).not.toBe(afterExtraction);
    expect(loaderVersion()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('covers all the reading code: the content modules import nothing of the project outside their folder but errors', () => {
    const folder = resolve('src/content');
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
      const imports = [...readFileSync(join(folder, name), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => match[1]);
      expect(imports.filter((path) => path !== undefined && path.startsWith('../') && path !== '../errors.js' && path !== '../logger.js'), name).toEqual([]);
    }
  });

  it('deletes snapshots unused for a month and temporary files left by a crash, and leaves no temporary file itself', async () => {
    const site = join(base, 'site');
    await cp(SEED_SITE, site, { recursive: true });
    const old = new Date(Date.now() - SNAPSHOT_MAX_AGE_MS - 60_000);
    writeFileSync(join(snapshotDir, 'abandoned.snapshot'), 'x');
    writeFileSync(join(snapshotDir, 'crashed.snapshot.123.abc.tmp'), 'x');
    writeFileSync(join(snapshotDir, 'recent.snapshot'), 'x');
    utimesSync(join(snapshotDir, 'abandoned.snapshot'), old, old);
    utimesSync(join(snapshotDir, 'crashed.snapshot.123.abc.tmp'), old, old);
    await loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) });
    const left = readdirSync(snapshotDir);
    expect(left).toContain('recent.snapshot');
    expect(left.filter((name) => name.endsWith('.snapshot'))).toHaveLength(2);
    expect(left.some((name) => name.endsWith('.tmp') || name === 'abandoned.snapshot')).toBe(false);
  });

  it('loads all the same when the snapshot folder cannot be written, and says so once', async () => {
    const site = join(base, 'site');
    await cp(SEED_SITE, site, { recursive: true });
    const { logger, lines } = recordingLogger();
    const missing = new SnapshotFolder(join(base, 'no-such-folder'), logger);
    expect(await loadContent(site, { snapshots: missing })).toStrictEqual(await loadContent(site));
    await loadContent(site, { snapshots: missing });
    expect(lines().filter((line) => line.includes('could not be saved'))).toHaveLength(1);
  });

  it('leaves one whole snapshot when several loads write it at once', async () => {
    const site = await mkdtemp(join(base, 'site-'));
    await cp(REPORTS, site, { recursive: true });
    ageFiles(site);
    const fresh = await loadContent(site);
    await Promise.all(Array.from({ length: 6 }, () => loadContent(site, { snapshots: new SnapshotFolder(snapshotDir) })));
    expect(readdirSync(snapshotDir)).toHaveLength(1);
    const after = new SnapshotFolder(snapshotDir);
    expect(await loadContent(resolve(site), { snapshots: after })).toStrictEqual(fresh);
    expect(after.uses[0]).toMatchObject({ read: 0 });
  });
});

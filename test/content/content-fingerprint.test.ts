import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../src/content/load-content.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

const SITES = fileURLToPath(new URL('./fixtures/sites/', import.meta.url));

describe('the content fingerprint (what export finds its last text by)', () => {
  let site: string;
  const then = new Date(Date.now() - 60_000);
  const age = (path: string) => utimesSync(path, then, then);

  beforeEach(() => {
    site = join(mkdtempSync(join(tmpdir(), 'takeaways-fingerprint-')), 'site');
    cpSync(SITES, site, { recursive: true });
    for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) if (entry.isFile()) age(join(entry.parentPath, entry.name));
  });
  afterEach(() => rmSync(join(site, '..'), { recursive: true, force: true }));

  const fingerprint = (version = 'v1', taxonomy = defaultTaxonomy) => contentFingerprint(site, { taxonomy, version });
  const aPage = () => {
    const entry = readdirSync(site, { recursive: true, withFileTypes: true }).find((each) => each.isFile() && each.name.endsWith('.md'));
    if (entry === undefined) throw new Error('no page');
    return join(entry.parentPath, entry.name);
  };

  it('is the same for the same files, and changes with a page, an events.yaml, the code or the taxonomy', async () => {
    const first = await fingerprint();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint()).toBe(first);
    expect(await fingerprint('v2')).not.toBe(first);
    expect(await fingerprint('v1', { pillars: defaultTaxonomy.pillars.slice(1) })).not.toBe(first);

    const page = aPage();
    writeFileSync(page, '---\ntitle: Edited\n---\n');
    age(page);
    const edited = await fingerprint();
    expect(edited).not.toBe(first);

    writeFileSync(join(site, 'events.yaml'), 'events: []\n');
    expect(await fingerprint()).not.toBe(edited);
  });

  it('vouches for nothing while a page was changed in the last 2 s, or when the folder cannot be walked', async () => {
    writeFileSync(aPage(), '---\ntitle: Just now\n---\n');
    expect(await fingerprint()).toBeNull();

    expect(await contentFingerprint(join(site, 'missing'), { version: 'v1' })).toBeNull();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotFolder } from '../../src/content/content-snapshot.js';
import { loadLibrary, type LibrarySettings } from '../../src/app/load-library.js';
import { prepareLibrary } from '../../src/core/prepare-library.js';
import { folderSources } from '../../src/sources/content-sources.js';
import { combineSourceContents } from '../../src/sources/load-sources.js';

const SITES = fileURLToPath(new URL('../content/fixtures/sites/', import.meta.url));
const ONE = join(SITES, 'AkiHayakwa__AWS-Intership-FCJ-');
const OTHER = join(SITES, 'GiaPhaZZZ__aws');

/** What a library answers, as plain values. */
function answers(settings: LibrarySettings, loaded: Awaited<ReturnType<typeof loadLibrary>>) {
  const library = prepareLibrary(loaded.library);
  return ['en', 'vi'].map((lang) => {
    const view = library.inLanguage(lang);
    return {
      events: view.events.map((event) => ({ ...event, authorOf: [...event.authorOf] })),
      tips: view.tips.map((tip) => [tip.id, tip.text, tip.event.id]),
      search: ['security', 'iam', 'guardduty'].map((query) => view.search(query).map((hit) => [hit.kind, hit.text, hit.detail, hit.event.name, hit.author, hit.score])),
      sources: settings.sources.length,
    };
  });
}

describe('loadLibrary with snapshots kept in DATA_DIR', () => {
  let data: string;
  beforeEach(() => {
    data = mkdtempSync(join(tmpdir(), 'takeaways-load-library-'));
  });
  afterEach(() => rmSync(data, { recursive: true, force: true }));

  it.each([
    ['one source', [ONE]],
    ['two sources', [ONE, OTHER]],
  ])('answers the same on a restart as on the first start, with each report held once (%s)', async (_label, folders) => {
    const snapshots = new SnapshotFolder(data);
    const settings: LibrarySettings = { sources: folderSources(folders), lang: 'en', tipSources: ['lessons'], snapshots, knowledgeSnapshots: snapshots };
    const first = await loadLibrary(settings);
    const restart = await loadLibrary(settings);
    expect(answers(settings, restart)).toEqual(answers(settings, first));
    expect(restart.model).toEqual(first.model);
    expect(restart.contents).toEqual(first.contents);
    // The contents a reload falls back on are the model's reports, not a second copy of them.
    expect(combineSourceContents(restart.contents, folders.length)).toEqual(restart.model);
    const held = new Set<unknown>(restart.model.events.flatMap((event) => [event.lessons, event.speakers, event.highlights]));
    for (const content of restart.contents) for (const event of content.model.events) expect(held.has(event.lessons) && held.has(event.speakers) && held.has(event.highlights)).toBe(true);
    if (folders.length === 1) expect(restart.contents[0]?.model.events).toEqual(restart.model.events);
  });
});

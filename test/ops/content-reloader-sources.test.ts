import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary, type LibrarySettings } from '../../src/app/load-library.js';
import { ContentReloader } from '../../src/ops/content-reloader.js';
import { folderSources } from '../../src/sources/content-sources.js';
import { eventually } from '../support/eventually.js';
import { reportPage } from '../support/git-repository.js';
import { createCapturingLogger } from '../support/test-bot.js';

const reloaders: ContentReloader[] = [];
afterEach(async () => {
  await Promise.all(reloaders.splice(0).map((reloader) => reloader.stop()));
});

function writeReport(site: string, speakers: string[]): void {
  mkdirSync(join(site, 'event-1'), { recursive: true });
  writeFileSync(join(site, 'event-1', '_index.md'), reportPage(`Day of ${speakers[0] ?? 'nobody'}`, speakers));
}

/** Two folder sources, `alpha` and `beta`, one report each, watched. */
async function watchedSites() {
  const root = mkdtempSync(join(tmpdir(), 'takeaways-reload-sources-'));
  const alpha = join(root, 'alpha');
  const beta = join(root, 'beta');
  writeReport(alpha, ['Lan Pham']);
  writeReport(beta, ['Minh Tran']);
  const settings: LibrarySettings = { sources: folderSources([alpha, beta]), lang: 'en', tipSources: ['lessons'] };
  const { logger } = createCapturingLogger();
  const reloader = new ContentReloader({ settings, initial: await loadLibrary(settings), logger, debounceMs: 50, folderCheckMs: 100 });
  reloaders.push(reloader);
  await reloader.watch();
  return { alpha, beta, reloader };
}

const speakerNames = (reloader: ContentReloader) => reloader.current().speakers.map((entry) => entry.speaker.name).sort();

describe('hot reload of several folders', () => {
  it('picks up an edit in any of the folders', async () => {
    const { beta, reloader } = await watchedSites();
    expect(speakerNames(reloader)).toEqual(['Lan Pham', 'Minh Tran']);
    writeReport(beta, ['Minh Tran', 'Hoa Le']);
    await eventually(() => speakerNames(reloader).includes('Hoa Le'));
    expect(reloader.current().knowledge.reports.map((report) => report.id).sort()).toEqual(['alpha/event-1', 'beta/event-1']);
  });

  it('keeps a folder’s last good content while it is gone, goes on updating the others, and reads it again when it is back', async () => {
    const { alpha, beta, reloader } = await watchedSites();
    rmSync(alpha, { recursive: true });
    await eventually(() => reloader.missingFolders().length === 1);
    expect(reloader.missingFolders()).toEqual([expect.objectContaining({ dir: alpha, reason: 'it does not exist' })]);

    writeReport(beta, ['Minh Tran', 'Hoa Le']);
    await eventually(() => speakerNames(reloader).includes('Hoa Le'));
    expect(speakerNames(reloader)).toEqual(['Hoa Le', 'Lan Pham', 'Minh Tran']);

    writeReport(alpha, ['Lan Pham', 'An Vo']);
    await eventually(() => speakerNames(reloader).includes('An Vo'));
    expect(reloader.missingFolders()).toEqual([]);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary, type LibrarySettings } from '../../src/app/load-library.js';
import type { Library } from '../../src/core/library.js';
import { ContentReloader, type ReloadOutcome } from '../../src/ops/content-reloader.js';
import { folderSources } from '../../src/sources/content-sources.js';
import { createCapturingLogger } from '../support/test-bot.js';

function report(speakers: string[], frontMatter = 'title: "Event 1"\ndate: 2025-11-29'): string {
  return `---\n${frontMatter}\n---\n\n# Takeaways from "Cloud Security Day"\n\n### Speaker List\n\n${speakers.map((name) => `- **${name}** - Cloud Engineer`).join('\n')}\n\n### Lessons learned\n\n- Rotate keys in AWS KMS\n- Least privilege for every role\n`;
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const reloaders: ContentReloader[] = [];
afterEach(async () => {
  await Promise.all(reloaders.splice(0).map((reloader) => reloader.stop()));
});

/** A site with one report, written where `dir` says (a fresh folder by default). */
function writeSite(dir: string, speakers: string[]): string {
  mkdirSync(join(dir, 'event-1'), { recursive: true });
  const file = join(dir, 'event-1', '_index.md');
  writeFileSync(file, report(speakers));
  return file;
}

async function watchedSite() {
  const dir = join(mkdtempSync(join(tmpdir(), 'takeaways-reload-')), 'site');
  const file = writeSite(dir, ['Lan Pham']);
  const settings: LibrarySettings = { sources: folderSources([dir]), lang: 'en', tipSources: ['lessons'] };
  const { logger, lines } = createCapturingLogger();
  const outcomes: ReloadOutcome[] = [];
  const reloader = new ContentReloader({
    settings,
    initial: await loadLibrary(settings),
    logger,
    debounceMs: 50,
    folderCheckMs: 100,
    onReload: (outcome) => outcomes.push(outcome),
  });
  reloaders.push(reloader);
  await reloader.watch();
  return { dir, file, reloader, outcomes, logs: lines };
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const speakerNames = (reloader: ContentReloader) => reloader.current().speakers.map((entry) => entry.speaker.name);

describe('hot reload', () => {
  it('answers a speaker added to a report without a restart', async () => {
    const { file, reloader } = await watchedSite();
    expect(speakerNames(reloader)).toEqual(['Lan Pham']);
    writeFileSync(file, report(['Lan Pham', 'Minh Tran']));
    await eventually(() => speakerNames(reloader).includes('Minh Tran'));
  });

  it('lets the first library go once a reload replaced it', async () => {
    const { file, reloader } = await watchedSite();
    const first = new WeakRef(reloader.current());
    writeFileSync(file, report(['Lan Pham', 'Minh Tran']));
    await eventually(() => speakerNames(reloader).includes('Minh Tran'));
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // A few turns: what the reload's last steps held is let go once they are done.
    await eventually(() => {
      collect();
      return first.deref() === undefined;
    });
  });

  it('keeps answering from the last good version when an edit breaks the YAML, and logs why', async () => {
    const { file, reloader, outcomes, logs } = await watchedSite();
    writeFileSync(file, report(['Lan Pham', 'Never Loaded'], 'title: "Event 1\ndate: [unclosed'));
    await eventually(() => outcomes.length > 0);
    expect(outcomes).toContain('kept_last_good');
    expect(speakerNames(reloader)).toEqual(['Lan Pham']);
    const warning = logs().find((line) => line['level'] === 40 && String(line['msg']).includes('last good version'));
    expect(warning).toMatchObject({ source: 'event-1/_index.md' });

    // Fixing the file brings the edit in.
    writeFileSync(file, report(['Lan Pham', 'Fixed Later']));
    await eventually(() => speakerNames(reloader).includes('Fixed Later'));
  });
});

const logged = (logs: () => Record<string, unknown>[], text: string) => logs().find((line) => String(line['msg']).includes(text));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the content folder going away', () => {
  it('keeps answering from the last good content when the folder is deleted, says so, and reads it again when it is back', async () => {
    const { dir, reloader, logs } = await watchedSite();
    rmSync(dir, { recursive: true });
    await eventually(() => logged(logs, 'content folder unavailable') !== undefined);
    expect(logged(logs, 'content folder unavailable')).toMatchObject({ level: 40, contentDir: dir, reports: 1 });
    // Several debounce windows and folder checks later, nothing was dropped.
    await pause(400);
    expect(speakerNames(reloader)).toEqual(['Lan Pham']);
    expect(reloader.folderStatus()).toMatchObject({ state: 'missing', reason: 'it does not exist' });

    writeSite(dir, ['Lan Pham', 'Minh Tran']);
    await eventually(() => speakerNames(reloader).includes('Minh Tran'));
    expect(reloader.folderStatus()).toEqual({ state: 'present' });
    expect(logged(logs, 'content folder is back')).toBeDefined();
  });

  it('keeps the last good content while a file stands where the folder was', async () => {
    const { dir, reloader, logs } = await watchedSite();
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'not a folder');
    await eventually(() => reloader.folderStatus().state === 'missing' && logged(logs, 'not a folder') !== undefined);
    await pause(400);
    expect(speakerNames(reloader)).toEqual(['Lan Pham']);

    rmSync(dir);
    writeSite(dir, ['Hoa Le']);
    await eventually(() => speakerNames(reloader).includes('Hoa Le'));
  });

  it.skipIf(runningAsRoot)('keeps the last good content while the folder cannot be read (skipped as root: root reads any folder)', async () => {
    const { dir, reloader } = await watchedSite();
    chmodSync(dir, 0o000);
    try {
      await eventually(() => reloader.folderStatus().state === 'missing');
      await pause(400);
      expect(speakerNames(reloader)).toEqual(['Lan Pham']);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('follows a swap (mv site site.old; mv site.new site), and then the edits of the new folder', async () => {
    const { dir, reloader, logs } = await watchedSite();
    writeSite(`${dir}.new`, ['Minh Tran']);
    renameSync(dir, `${dir}.old`);
    renameSync(`${dir}.new`, dir);
    await eventually(() => speakerNames(reloader).join() === 'Minh Tran');
    expect(logged(logs, 'content folder was replaced')).toBeDefined();

    writeFileSync(join(dir, 'event-1', '_index.md'), report(['Minh Tran', 'Hoa Le']));
    await eventually(() => speakerNames(reloader).includes('Hoa Le'));
  });

  it('starts answering once a folder missing at start-up appears', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'takeaways-reload-')), 'later');
    const settings: LibrarySettings = { sources: folderSources([dir]), lang: 'en', tipSources: ['lessons'] };
    const { logger } = createCapturingLogger();
    const reloader = new ContentReloader({ settings, initial: await loadLibrary(settings), logger, debounceMs: 50, folderCheckMs: 100 });
    reloaders.push(reloader);
    await reloader.watch();
    expect(reloader.folderStatus()).toMatchObject({ state: 'missing' });

    writeSite(dir, ['Lan Pham']);
    await eventually(() => speakerNames(reloader).includes('Lan Pham'));
  });
});

describe('a reload on a big site', () => {
  it('swaps in a library whose full-text index is already built, so the first search after it is as quick as the next', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'takeaways-big-')), 'site');
    const topics = ['GuardDuty', 'KMS', 'IAM roles', 'VPC endpoints', 'Security Hub', 'WAF', 'CloudTrail'];
    for (let index = 0; index < 600; index += 1) {
      mkdirSync(join(dir, `event-${index}`), { recursive: true });
      const lessons = topics.map((topic, position) => `- ${topic} lesson ${index}-${position}: keep ${topic} on in every account ${index}`).join('\n');
      const date = `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
      writeFileSync(
        join(dir, `event-${index}`, '_index.md'),
        `---\ntitle: "Cloud Day ${index}"\ndate: ${date}\n---\n\n# Cloud Security Day ${index} in ${topics[index % topics.length]}\n\n### Speaker List\n\n- **Speaker Number ${index}** - Cloud Engineer\n\n### Lessons learned\n\n${lessons}\n`,
      );
    }
    const settings: LibrarySettings = { sources: folderSources([dir]), lang: 'en', tipSources: ['lessons'] };
    const { logger } = createCapturingLogger();
    const reloaded: Library[] = [];
    const reloader = new ContentReloader({ settings, initial: await loadLibrary(settings), logger, debounceMs: 50, folderCheckMs: 100, onReload: (_outcome, library) => reloaded.push(library) });
    reloaders.push(reloader);
    await reloader.watch();

    writeFileSync(join(dir, 'event-0', '_index.md'), report(['Lan Pham']));
    await eventually(() => reloaded.length > 0, 20_000);

    const library = reloaded[0] as Library;
    const timed = (query: string) => {
      const started = performance.now();
      library.search(query, 10);
      return performance.now() - started;
    };
    const first = timed('GuardDuty 17');
    const second = timed('KMS 23');
    // Building the index for 600 reports takes some 100 ms; a search on a built one, a few.
    expect(first).toBeLessThan(second * 5 + 40);
  }, 60_000);
});

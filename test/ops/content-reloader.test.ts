import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary, type LibrarySettings } from '../../src/app/load-library.js';
import { ContentReloader, type ReloadOutcome } from '../../src/ops/content-reloader.js';
import { createCapturingLogger } from '../support/test-bot.js';

function report(speakers: string[], frontMatter = 'title: "Event 1"\ndate: 2025-11-29'): string {
  return `---\n${frontMatter}\n---\n\n# Takeaways from "Cloud Security Day"\n\n### Speaker List\n\n${speakers.map((name) => `- **${name}** - Cloud Engineer`).join('\n')}\n\n### Lessons learned\n\n- Rotate keys in AWS KMS\n- Least privilege for every role\n`;
}

const reloaders: ContentReloader[] = [];
afterEach(async () => {
  await Promise.all(reloaders.splice(0).map((reloader) => reloader.stop()));
});

async function watchedSite() {
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-reload-'));
  mkdirSync(join(dir, 'event-1'));
  const file = join(dir, 'event-1', '_index.md');
  writeFileSync(file, report(['Lan Pham']));
  const settings: LibrarySettings = { contentDir: dir, lang: 'en', tipSources: ['lessons'] };
  const { logger, lines } = createCapturingLogger();
  const outcomes: ReloadOutcome[] = [];
  const reloader = new ContentReloader({ settings, initial: await loadLibrary(settings), logger, debounceMs: 50, onReload: (outcome) => outcomes.push(outcome) });
  reloaders.push(reloader);
  await reloader.watch();
  return { file, reloader, outcomes, logs: lines };
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

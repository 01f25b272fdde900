import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';

const EVENT = '---\ntitle: "Event"\n---\n\n# Event Report: A Workshop\n\n### Lessons learned\n\n- Rotate keys.\n';

function chapter(link: string, date: string): string {
  return `---\ntitle: "Events Participated"\n---\n\n### [Event 1](${link})\n\n**Date & Time:** 08:30, ${date}\n`;
}

describe('dates a chapter page gives to the events it lists', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-chapter-'));
    await mkdir(join(dir, 'events', '4.1-Event1'), { recursive: true });
    await writeFile(join(dir, 'events', '4.1-Event1', '_index.md'), EVENT);
    await writeFile(join(dir, 'events', '4.1-Event1', '_index.vi.md'), EVENT.replace('A Workshop', 'Một hội thảo'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('follows a link to the event folder or to its index file', async () => {
    await writeFile(join(dir, 'events', '_index.md'), chapter('4.1-Event1/_index.md', 'November 29, 2025'));
    const model = await loadContent(dir);
    expect(model.events.map((event) => [event.lang, event.date])).toEqual([
      ['en', '2025-11-29'],
      ['vi', '2025-11-29'],
    ]);
  });

  it("dates each language's pages from its own chapter when the twins' chapters disagree", async () => {
    await writeFile(join(dir, 'events', '_index.md'), chapter('4.1-Event1/', 'November 29, 2025'));
    await writeFile(join(dir, 'events', '_index.vi.md'), chapter('4.1-Event1/', 'November 17, 2025'));
    const model = await loadContent(dir);
    expect(model.events.map((event) => [event.lang, event.date])).toEqual([
      ['en', '2025-11-29'],
      ['vi', '2025-11-17'],
    ]);
  });
});

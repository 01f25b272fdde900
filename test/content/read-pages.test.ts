import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { PageJob } from '../../src/content/read-page.js';
import { readPages } from '../../src/content/read-pages.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { walkMarkdownFiles } from '../../src/content/walk-files.js';

const CORPUS = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function corpusJobs(): Promise<PageJob[]> {
  const { files } = await walkMarkdownFiles(CORPUS);
  return files.map((file) => ({ absolutePath: file.absolutePath, relativePath: file.relativePath, size: statSync(file.absolutePath).size, listsChildPages: false }));
}

describe('reading pages in threads', () => {
  it('gives the outcomes reading them in this thread gives, in the same order', async () => {
    const jobs = await corpusJobs();
    expect(jobs.length).toBeGreaterThan(50);
    const counts: Array<{ inThreads: number; here: number }> = [];

    const here = await readPages(jobs, 'corpus', defaultTaxonomy, { threads: 1, onRead: (count) => counts.push(count) });
    const threaded = await readPages(jobs, 'corpus', defaultTaxonomy, { threads: 2, parallelFrom: 1, onRead: (count) => counts.push(count) });

    expect(counts).toEqual([
      { inThreads: 0, here: jobs.length },
      { inThreads: jobs.length, here: 0 },
    ]);
    expect(threaded).toEqual(here);
    expect(here.filter((outcome) => outcome.kind === 'page').length).toBeGreaterThan(50);
  }, 60_000);

  it('reads the pages here when no thread can start', async () => {
    const jobs = (await corpusJobs()).slice(0, 20);
    // A taxonomy that cannot be sent to a thread: every thread fails to start.
    const unsendable = { pillars: defaultTaxonomy.pillars, hook: () => undefined } as unknown as typeof defaultTaxonomy;

    const counts: Array<{ inThreads: number; here: number }> = [];
    const read = await readPages(jobs, 'corpus', unsendable, { threads: 2, parallelFrom: 1, onRead: (count) => counts.push(count) });

    expect(counts).toEqual([{ inThreads: 0, here: 20 }]);
    expect(read).toEqual(await readPages(jobs, 'corpus', defaultTaxonomy, { threads: 1 }));
  }, 60_000);

  it('loads the same content model with threads as without', async () => {
    expect(await loadContent(CORPUS, { readThreads: 4 })).toEqual(await loadContent(CORPUS, { readThreads: 1 }));
  }, 60_000);
});

/**
 * Reading many pages in slices that give the event loop back between them, in the order of the jobs. The reader
 * (`read-page.ts`, with markdown-it, gray-matter and the YAML and TOML parsers) is loaded only when a page must be
 * read: a start whose pages all come from the content snapshot never loads it.
 *
 * Worker threads were tried and measured here: two threads reading 2,000 generated pages took 1.9 s where this thread
 * alone took 1.0–1.4 s on the same two-core machine (each thread allocates heavily, and they contend), so the pages
 * are read in this thread.
 */
import type { Taxonomy } from './model.js';
import type { PageFileOutcome, PageJob } from './read-page.js';

/** Files read and extracted between two yields to the event loop: about 10 ms of work on a 6 KB report. */
export const READ_SLICE = 64;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function readPages(jobs: readonly PageJob[], rootName: string, taxonomy: Taxonomy): Promise<PageFileOutcome[]> {
  if (jobs.length === 0) return [];
  const { readPage } = await import('./read-page.js');
  const outcomes: PageFileOutcome[] = [];
  for (let start = 0; start < jobs.length; start += READ_SLICE) {
    for (const job of jobs.slice(start, start + READ_SLICE)) outcomes.push(readPage(job, rootName, taxonomy));
    if (start + READ_SLICE < jobs.length) await yieldToEventLoop();
  }
  return outcomes;
}

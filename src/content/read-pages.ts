/**
 * Reading many pages: in worker threads when there are enough of them to pay for starting the threads (the first
 * start on a large site, an export of thousands of reports), else in this thread in slices that give the event loop
 * back between them. The outcomes are the same either way, in the order of the jobs: a page's reading is a function
 * of its file alone (`read-page.ts`). A thread that cannot start or fails leaves its pages to this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Taxonomy } from './model.js';
import type { PageFileOutcome, PageJob } from './read-page.js';

/** Files read and extracted between two yields to the event loop: about 10 ms of work on a 6 KB report. */
export const READ_SLICE = 64;
/** Below this many pages to read, starting threads (about 0.1 s each) costs more than it saves. */
export const PARALLEL_MIN_PAGES = 400;
/** Threads at most: past a few, reading the files and sending the results back costs more than the threads save. */
const MAX_READ_THREADS = 4;
/** Pages sent to a thread at once: enough to keep the messages few, few enough to share the work evenly. */
const JOBS_PER_MESSAGE = 16;

export interface ReadPagesOptions {
  /** Threads to read with (default: the machine's cores, at most 4); 1 reads in this thread. */
  threads?: number | undefined;
  /** From how many pages threads are used (default `PARALLEL_MIN_PAGES`). */
  parallelFrom?: number | undefined;
  /** Told how many pages were read in threads and how many here (tests, logs). */
  onRead?: ((counts: { inThreads: number; here: number }) => void) | undefined;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function readPages(jobs: readonly PageJob[], rootName: string, taxonomy: Taxonomy, options: ReadPagesOptions = {}): Promise<PageFileOutcome[]> {
  const outcomes: Array<PageFileOutcome | undefined> = new Array<PageFileOutcome | undefined>(jobs.length);
  const threads = Math.min(options.threads ?? availableParallelism(), MAX_READ_THREADS);
  if (threads >= 2 && jobs.length >= (options.parallelFrom ?? PARALLEL_MIN_PAGES)) await readInThreads(jobs, outcomes, rootName, taxonomy, threads);
  // What no thread read (none started, or one failed), here.
  const left = [...outcomes.keys()].filter((index) => outcomes[index] === undefined);
  options.onRead?.({ inThreads: jobs.length - left.length, here: left.length });
  if (left.length > 0) {
    const { readPage } = await import('./read-page.js');
    for (let start = 0; start < left.length; start += READ_SLICE) {
      for (const index of left.slice(start, start + READ_SLICE)) outcomes[index] = readPage(jobs[index] as PageJob, rootName, taxonomy);
      if (start + READ_SLICE < left.length) await yieldToEventLoop();
    }
  }
  return outcomes as PageFileOutcome[];
}

/** The worker: the built module, or from source (tests, `tsx`) the same module through tsx's loader. */
function startReader(data: { rootName: string; taxonomy: Taxonomy }): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './read-pages-worker.ts' : './read-pages-worker.js', import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** Fills `outcomes` from `threads` workers sharing the jobs a message at a time; resolves when every worker has ended. */
function readInThreads(jobs: readonly PageJob[], outcomes: Array<PageFileOutcome | undefined>, rootName: string, taxonomy: Taxonomy, threads: number): Promise<void> {
  const batches: number[][] = [];
  for (let start = 0; start < jobs.length; start += JOBS_PER_MESSAGE) batches.push([...Array(Math.min(JOBS_PER_MESSAGE, jobs.length - start)).keys()].map((offset) => start + offset));
  let next = 0;
  return new Promise((resolve) => {
    let running = 0;
    const ended = () => {
      running--;
      if (running === 0) resolve();
    };
    for (let count = 0; count < threads; count++) {
      let worker: Worker;
      try {
        worker = startReader({ rootName, taxonomy });
      } catch {
        continue;
      }
      running++;
      let inHand: number[] = [];
      const give = () => {
        const batch = batches[next++];
        if (batch === undefined) {
          inHand = [];
          void worker.terminate();
          return;
        }
        inHand = batch;
        worker.postMessage(batch.map((index) => jobs[index]));
      };
      worker.on('message', (read: PageFileOutcome[]) => {
        for (const [at, index] of inHand.entries()) outcomes[index] = read[at];
        give();
      });
      // A failed thread's pages in hand, and any no thread took, are read by the caller.
      worker.on('error', () => undefined);
      worker.once('exit', ended);
      give();
    }
    if (running === 0) resolve();
  });
}

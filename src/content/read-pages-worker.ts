/** A thread reading pages for `read-pages.ts`: each message is a list of jobs, answered with their outcomes in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Taxonomy } from './model.js';
import { readPage, type PageJob } from './read-page.js';

const { rootName, taxonomy } = workerData as { rootName: string; taxonomy: Taxonomy };
parentPort?.on('message', (jobs: PageJob[]) => {
  parentPort?.postMessage(jobs.map((job) => readPage(job, rootName, taxonomy)));
});

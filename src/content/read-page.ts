/**
 * Reading one page: its file (size first, so a huge file is refused unread; one read; NUL bytes and broken UTF-8
 * are problems naming the line) and what the page says (`extractPage`). Used by the loader in its own thread or in
 * the worker threads that read a large folder (`read-pages.ts`): everything here is a function of the job.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeError } from '../errors.js';
import { extractPage, type PageOutcome } from './extract-event.js';
import { MAX_REPORT_BYTES } from './limits.js';
import type { ContentProblem, Taxonomy } from './model.js';
import { identifyPage } from './page-identity.js';


/** One file to read: where it is, its size from the loader's stat, and whether it is a chapter's list page. */
export interface PageJob {
  absolutePath: string;
  relativePath: string;
  size: number;
  listsChildPages: boolean;
}

/** What reading one file gave. */
export type PageFileOutcome =
  | { kind: 'problem'; problem: Omit<ContentProblem, 'source'> }
  | { kind: 'empty' }
  | { kind: 'page'; hash: string; outcome: PageOutcome };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 10) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (an invalid lead byte, a missing continuation, an overlong form). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return 0;
}

/** Size first (from the file's stat), so a 2 GB file is refused without being read; then one read of the whole file. */
function readBytes(path: string, size: number): Buffer | { tooLarge: number } {
  if (size > MAX_REPORT_BYTES) return { tooLarge: size };
  return readFileSync(path);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Reads one page's file and what it says; never throws (an unreadable or broken file is a problem). */
export function readPage(job: PageJob, rootName: string, taxonomy: Taxonomy): PageFileOutcome {
  const { listsChildPages } = job;
  let bytes: Buffer | { tooLarge: number };
  try {
    bytes = readBytes(job.absolutePath, job.size);
  } catch (error) {
    return { kind: 'problem', problem: { line: null, severity: 'error', message: `cannot be read: ${describeError(error)}` } };
  }
  if (!(bytes instanceof Uint8Array)) {
    return { kind: 'problem', problem: { line: null, severity: 'error', message: `file is ${megabytes(bytes.tooLarge)}, over the ${megabytes(MAX_REPORT_BYTES)} limit for a report; skipped` } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { kind: 'problem', problem: { line: lineOfOffset(bytes, nul), severity: 'error', message: 'holds a NUL byte: a binary or corrupted file, not markdown; skipped' } };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const line = lineOfOffset(bytes, firstInvalidUtf8Offset(bytes));
    return { kind: 'problem', problem: { line, severity: 'error', message: 'is not UTF-8 text (save it as UTF-8); skipped' } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { kind: 'empty' };
  const hash = createHash('sha1').update(bytes).digest('hex');
  let outcome: PageOutcome;
  try {
    outcome = extractPage(text, identifyPage(job.relativePath, rootName), taxonomy, { listsChildPages });
  } catch (error) {
    outcome = { kind: 'failed', problems: [{ line: null, severity: 'error', message: `could not be read as a report: ${describeError(error)}` }] };
  }
  return { kind: 'page', hash, outcome };
}


/**
 * The export snapshot: the text `takeaways export` printed last, kept beside the knowledge snapshot under the same
 * header (the builder's version, a digest of the content model as read and of the options), so an export of unchanged
 * content prints it again instead of rebuilding and re-serializing every event. Written to a temporary file while it
 * is printed and renamed into place once whole, ending with a digest: a damaged one is ignored with a warning.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { frameStart, framedBody, snapshotFileOf } from './knowledge-snapshot.js';

const MAGIC = Buffer.from('takeaways export snapshot 1\n');

export interface ExportSnapshotOptions {
  /** The folder holding it (DATA_DIR/content-snapshots). */
  folder: string;
  /** Which export this is (its sources). */
  scope: string;
  /** `knowledgeSnapshotHeader(model, options)`: what the text was made from. */
  header: Buffer;
  logger?: Logger | undefined;
}

/** The text stored for exactly this header, or undefined (none, another header, or damaged: warned). */
export function readExportSnapshot(options: ExportSnapshotOptions): Buffer | undefined {
  const file = snapshotFileOf(options.folder, 'export', options.scope);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    return framedBody(bytes, MAGIC, options.header, 'an export snapshot');
  } catch (error) {
    options.logger?.warn({ snapshot: file }, `the export snapshot could not be used (${describeError(error)}): exporting afresh`);
    return undefined;
  }
}

/** Keeps the pieces of an export as they are printed; `commit` puts the whole text in place, `abort` drops it. */
export interface ExportSnapshotWriter {
  add(piece: Buffer): void;
  commit(): void;
  abort(): void;
}

/** A writer for the text made under `options.header`. A failure to write it is warned once and never fails the export. */
export function writeExportSnapshot(options: ExportSnapshotOptions): ExportSnapshotWriter {
  const file = snapshotFileOf(options.folder, 'export', options.scope);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let descriptor: number | undefined;
  let digest: Hash | undefined;
  const give = (bytes: Buffer) => {
    if (descriptor === undefined || digest === undefined) return;
    writeSync(descriptor, bytes);
    digest.update(bytes);
  };
  const failed = (error: unknown) => {
    options.logger?.warn({ snapshot: file }, `the export snapshot could not be saved (${describeError(error)}): the next export builds it again`);
    drop();
  };
  const drop = () => {
    const open = descriptor;
    descriptor = undefined;
    digest = undefined;
    try {
      if (open !== undefined) closeSync(open);
      rmSync(temporary, { force: true });
    } catch {
      // Left for the snapshot folder's pruning of old temporary files.
    }
  };
  try {
    descriptor = openSync(temporary, 'w');
    digest = createHash('sha256');
    for (const part of frameStart(MAGIC, options.header)) give(part);
  } catch (error) {
    failed(error);
  }
  return {
    add(piece) {
      try {
        give(piece);
      } catch (error) {
        failed(error);
      }
    },
    commit() {
      if (descriptor === undefined || digest === undefined) return;
      try {
        writeSync(descriptor, digest.digest());
        closeSync(descriptor);
        descriptor = undefined;
        renameSync(temporary, file);
      } catch (error) {
        failed(error);
      }
    },
    abort: drop,
  };
}

/**
 * The knowledge snapshot: the knowledge base last built, kept beside the content snapshot, so a restart whose reports
 * read exactly as before does not merge them into events and people again (the costliest part of a start).
 *
 * It is keyed by a digest of the whole content model as read (every report, skipped page, problem and override), the
 * build options and the version of the code that builds it (the knowledge and content modules): any change to any of
 * them builds afresh. The model and the knowledge base are stored together, so the objects they share stay shared
 * when they come back. Written to a temporary file and renamed into place, ending with a digest: a damaged one is
 * ignored with a warning and written afresh.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { hashLoaderCode, loaderVersion } from '../content/content-snapshot.js';
import type { ContentModel } from '../content/model.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { buildKnowledgeBase, type BuildOptions, type KnowledgeBase } from './knowledge-base.js';

const MAGIC = Buffer.from('takeaways knowledge snapshot 1\n');
const DIGEST_BYTES = 32;

let versionOfThisBuilder: string | undefined;

/** The reader's version and a hash of this folder's code: what a stored knowledge base was built by. */
export function builderVersion(): string {
  versionOfThisBuilder ??= createHash('sha256')
    .update(`${loaderVersion()}\n${hashLoaderCode(dirname(fileURLToPath(import.meta.url)))}`)
    .digest('hex');
  return versionOfThisBuilder;
}

export interface KnowledgeSnapshotOptions {
  /** The folder holding it (DATA_DIR/content-snapshots). */
  folder: string;
  /** Which library this is (its sources): each keeps its own snapshot. */
  scope: string;
  logger?: Logger | undefined;
  /** Stands in for the builder's version (tests of what another version's snapshot does). */
  version?: string;
}

export interface SnapshotKnowledge {
  /** The model to answer from: the one given, or its stored twin (equal in every value) with the stored base. */
  model: ContentModel;
  base: KnowledgeBase;
  /** Whether the knowledge base came from the snapshot. */
  reused: boolean;
}

/**
 * What a stored knowledge base (or what is made from it, such as an export) was built from: the builder's version,
 * a digest of the model and of the options. The same header, the same knowledge base.
 */
export function knowledgeSnapshotHeader(model: ContentModel, options: BuildOptions, version: string = builderVersion()): Buffer {
  return Buffer.from(
    JSON.stringify({
      version,
      // JSON, not V8's format: V8 writes a string as it happens to be held (one or two bytes a character), so one model
      // read fresh and the same model from the content snapshot would serialize differently.
      model: createHash('sha256').update(JSON.stringify(model)).digest('hex'),
      options: createHash('sha256').update(JSON.stringify(options)).digest('hex'),
    }),
  );
}

/** The file of a snapshot of one kind (`knowledge`, `export`) for one scope. */
export function snapshotFileOf(folder: string, kind: string, scope: string): string {
  return join(folder, `${kind}-${createHash('sha256').update(scope).digest('hex').slice(0, 32)}.snapshot`);
}

/**
 * The frame both snapshots of this folder share (the knowledge base, the export's text): a magic line, the header's
 * length and the header, the body, and a SHA-256 digest of all before it. `frameStart` is what opens a file.
 */
export function frameStart(magic: Buffer, header: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  return [magic, length, header];
}

/**
 * The body a framed file holds under exactly `header`; undefined when it was written under another header (another
 * model, options or version: made afresh and replaced). Throws, saying why, when the file is not one or is damaged.
 */
export function framedBody(bytes: Buffer, magic: Buffer, header: Buffer, kind: string): Buffer | undefined {
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  if (bytes.length < magic.length + 4 + DIGEST_BYTES || !body.subarray(0, magic.length).equals(magic)) throw new Error(`it is not ${kind}`);
  const headerLength = body.readUInt32LE(magic.length);
  const start = magic.length + 4;
  if (!body.subarray(start, start + headerLength).equals(header)) return undefined;
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(body.length))) throw new Error('it is damaged or truncated (its digest does not match)');
  return body.subarray(start + headerLength);
}

/** `buildKnowledgeBase(model, options)`, from the snapshot when the model and options are those it was built from. */
export async function buildKnowledgeBaseWithSnapshot(
  model: ContentModel,
  options: BuildOptions,
  snapshot: KnowledgeSnapshotOptions & { /** `knowledgeSnapshotHeader(model, options)`, when the caller has it already. */ header?: Buffer },
): Promise<SnapshotKnowledge> {
  const file = snapshotFileOf(snapshot.folder, 'knowledge', snapshot.scope);
  const header = snapshot.header ?? knowledgeSnapshotHeader(model, options, snapshot.version);
  const stored = readStored(file, header, snapshot.logger);
  if (stored !== undefined) return { ...stored, reused: true };
  const base = buildKnowledgeBase(model, options);
  const parts = [...frameStart(MAGIC, header), serialize({ model, base })];
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  parts.push(digest.digest());
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, parts);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    snapshot.logger?.warn({ snapshot: file }, `the knowledge snapshot could not be saved (${describeError(error)}): the next start builds it again`);
  }
  return { model, base, reused: false };
}

function readStored(file: string, header: Buffer, logger: Logger | undefined): { model: ContentModel; base: KnowledgeBase } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const body = framedBody(bytes, MAGIC, header, 'a knowledge snapshot');
    if (body === undefined) return undefined;
    const value = deserialize(body) as { model?: ContentModel; base?: KnowledgeBase };
    if (!value.model || !value.base || !Array.isArray(value.base.events)) throw new Error('it holds no knowledge base');
    return { model: value.model, base: value.base };
  } catch (error) {
    logger?.warn({ snapshot: file }, `the knowledge snapshot could not be used (${describeError(error)}): building it afresh`);
    return undefined;
  }
}

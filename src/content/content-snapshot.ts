/**
 * The content snapshot: what reading each page gave, kept in DATA_DIR between runs, so a restart with unchanged
 * content does not parse every page again and a changed page is the only one parsed again.
 *
 * - A page's reading is used only while its file has the same size, modification time, change time and inode as
 *   when it was read, the same chapter role, and the snapshot was written by the same loader (`loaderVersion`: the
 *   code of the content modules themselves, the libraries they parse with, Node's version and the taxonomy). Changed
 *   code never serves an old reading.
 * - One file per content folder, named by a hash of the folder's path, written to a temporary file and renamed into
 *   place: a crash or a second process writing at the same moment leaves the old snapshot or a new one, never half of
 *   one. A snapshot that cannot be read (truncated, damaged, an older format) is ignored with a warning and written
 *   afresh; the pages are read from disk meanwhile.
 * - Each write keeps only the pages the load saw, so removed pages leave it; snapshots of folders not read for
 *   30 days, and temporary files a crash left behind, are deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, type BigIntStats } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PageOutcome } from './extract-event.js';

/** Raised whenever the snapshot file's layout changes. */
const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from('takeaways content snapshot\n');
const TRAILER = Buffer.from('\nend\n');
const SNAPSHOT_SUFFIX = '.snapshot';
const TEMPORARY_SUFFIX = '.tmp';
/** A snapshot not read or written for this long belongs to a folder no longer configured. */
export const SNAPSHOT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** A temporary file this old is left from a crash (a write takes seconds at most). */
const TEMPORARY_MAX_AGE_MS = 60 * 60 * 1000;
/**
 * A file modified less than this long before it is read is read again next time: on file systems that keep times to
 * the second (or two), a second edit within the same tick would keep the same stamp. (An edit always moves the
 * modification time to now, so an older one is safe to trust.)
 */
export const RECENT_CHANGE_MS = 2_000;

/** What reading one file gives, apart from the file itself: what the loader keeps per page. */
export type PageReading = { kind: 'empty' } | { kind: 'page'; hash: string; outcome: PageOutcome };

/** What identifies one version of a file on disk, and when its text last changed. */
export interface FileStamp {
  key: string;
  modifiedAtMs: number;
}

/** `listsChildPages` is part of the stamp: the same file reads differently as a chapter page. */
export function stampOf(stats: BigIntStats, listsChildPages: boolean): FileStamp {
  return {
    key: `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${listsChildPages ? 'chapter' : 'page'}`,
    modifiedAtMs: Number(stats.mtimeNs / 1_000_000n),
  };
}

/** One load of one folder: look up readings, remember new ones, then save what this load saw. */
export interface SnapshotSession {
  reading(relativePath: string, stamp: FileStamp): PageReading | undefined;
  remember(relativePath: string, stamp: FileStamp, reading: PageReading): void;
  /** Writes the snapshot when anything differs from what was read; never throws. */
  close(): Promise<void>;
}

/** Where snapshots live. `context` is everything else a reading depends on (the folder's name, the taxonomy). */
export interface ContentSnapshots {
  open(root: string, context: string): SnapshotSession;
}

let versionOfThisLoader: string | undefined;

/** The package.json version of a dependency as installed, or 'unknown'. */
function installedVersion(name: string): string {
  try {
    let folder = dirname(createRequire(import.meta.url).resolve(name));
    for (;;) {
      const manifest = join(folder, 'package.json');
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
        if (parsed.name === name) return String(parsed.version);
      }
      const parent = dirname(folder);
      if (parent === folder) return 'unknown';
      folder = parent;
    }
  } catch {
    return 'unknown';
  }
}

/**
 * A hash of the loader's code in `folder`: every module (as it runs: compiled JavaScript or TypeScript sources), the
 * taxonomy file beside them, and the error descriptions they quote from `../errors`.
 */
export function hashLoaderCode(folder: string): string {
  const hash = createHash('sha256');
  const code = /\.(?:[cm]?js|ts|json)$/;
  for (const name of readdirSync(folder).sort()) {
    if (code.test(name) && !name.endsWith('.d.ts')) hash.update(`${name}\n`).update(readFileSync(join(folder, name)));
  }
  for (const errors of ['errors.js', 'errors.ts']) {
    const path = join(folder, '..', errors);
    if (existsSync(path)) hash.update(`${errors}\n`).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * Everything reading a page depends on besides the page and the taxonomy: the loader's code (`hashLoaderCode` of this
 * folder), the parsing libraries' versions, Node's and V8's versions (entries are V8-serialized), and the format.
 * Computed once per process, in about a millisecond.
 */
export function loaderVersion(): string {
  if (versionOfThisLoader !== undefined) return versionOfThisLoader;
  const hash = createHash('sha256').update(`format ${SNAPSHOT_FORMAT}\nnode ${process.versions.node}\nv8 ${process.versions.v8}\n`);
  hash.update(`code ${hashLoaderCode(dirname(fileURLToPath(import.meta.url)))}\n`);
  for (const library of ['gray-matter', 'js-yaml', 'markdown-it', 'smol-toml', 'yaml', 'zod']) hash.update(`${library} ${installedVersion(library)}\n`);
  versionOfThisLoader = hash.digest('hex');
  return versionOfThisLoader;
}

interface StoredEntry {
  stamp: string;
  bytes: Buffer;
}

class SnapshotUnreadable extends Error {
  constructor(
    message: string,
    /** Whole and sound, only written by another version of the reader or for other settings. */
    readonly stale = false,
  ) {
    super(message);
  }
}

const DIGEST = 'sha256';
const DIGEST_BYTES = 32;

/**
 * The entries of a snapshot file written by `encode`; throws SnapshotUnreadable when it is not one, whole and
 * unchanged (a digest of everything before it ends the file, so a damaged byte anywhere is caught).
 */
function decode(whole: Buffer, header: string): Map<string, StoredEntry> {
  if (whole.length < MAGIC.length + DIGEST_BYTES || !whole.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotUnreadable('it is not a content snapshot');
  const file = whole.subarray(0, whole.length - DIGEST_BYTES);
  if (!createHash(DIGEST).update(file).digest().equals(whole.subarray(file.length))) throw new SnapshotUnreadable('it is damaged or truncated (its digest does not match)');
  let offset = 0;
  const take = (length: number): Buffer => {
    if (length < 0 || offset + length > file.length) throw new SnapshotUnreadable('it ends early (truncated)');
    const part = file.subarray(offset, offset + length);
    offset += length;
    return part;
  };
  const takeLength = () => take(4).readUInt32LE(0);
  if (!take(MAGIC.length).equals(MAGIC)) throw new SnapshotUnreadable('it is not a content snapshot');
  const storedHeader = take(takeLength()).toString('utf8');
  if (storedHeader !== header) throw new SnapshotUnreadable('it was written by another version of the reader or for other settings', true);
  const count = takeLength();
  const entries = new Map<string, StoredEntry>();
  for (let index = 0; index < count; index++) {
    const [path, stamp] = JSON.parse(take(takeLength()).toString('utf8')) as [unknown, unknown];
    if (typeof path !== 'string' || typeof stamp !== 'string') throw new SnapshotUnreadable('an entry has no path');
    entries.set(path, { stamp, bytes: take(takeLength()) });
  }
  if (!take(TRAILER.length).equals(TRAILER) || offset !== file.length) throw new SnapshotUnreadable('it does not end where it should');
  return entries;
}

function encode(header: string, entries: ReadonlyMap<string, StoredEntry>): Buffer[] {
  const length = (value: number) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value, 0);
    return bytes;
  };
  const headerBytes = Buffer.from(header, 'utf8');
  const parts: Buffer[] = [MAGIC, length(headerBytes.length), headerBytes, length(entries.size)];
  for (const [path, entry] of entries) {
    const key = Buffer.from(JSON.stringify([path, entry.stamp]), 'utf8');
    parts.push(length(key.length), key, length(entry.bytes.length), entry.bytes);
  }
  parts.push(TRAILER);
  const digest = createHash(DIGEST);
  for (const part of parts) digest.update(part);
  parts.push(digest.digest());
  return parts;
}

function isReading(value: unknown): value is PageReading {
  if (typeof value !== 'object' || value === null) return false;
  const reading = value as { kind?: unknown; hash?: unknown; outcome?: { kind?: unknown } };
  if (reading.kind === 'empty') return true;
  return reading.kind === 'page' && typeof reading.hash === 'string' && ['event', 'skipped', 'failed'].includes(String(reading.outcome?.kind));
}

/** Counts of one folder's last load, for logs and tests. */
export interface SnapshotUse {
  root: string;
  /** Pages whose reading came from the snapshot. */
  reused: number;
  /** Pages read from disk (new, changed, or no snapshot yet). */
  read: number;
  written: boolean;
}

/** Snapshots kept as files in one folder (DATA_DIR/content-snapshots). */
export class SnapshotFolder implements ContentSnapshots {
  private readonly lastUse = new Map<string, SnapshotUse>();
  private warnedUnwritable = false;

  private readonly version: string;

  /** `options.version` stands in for `loaderVersion()` (tests of what another version's snapshot does). */
  constructor(
    readonly folder: string,
    readonly logger?: Logger,
    options: { version?: string } = {},
  ) {
    this.version = options.version ?? loaderVersion();
  }

  /** The last load of each folder: how many pages were reused and read (one entry a folder, however many reloads). */
  get uses(): SnapshotUse[] {
    return [...this.lastUse.values()];
  }

  open(root: string, context: string): SnapshotSession {
    const file = join(this.folder, `${createHash('sha256').update(root).digest('hex').slice(0, 32)}${SNAPSHOT_SUFFIX}`);
    const header = JSON.stringify({ version: this.version, root, context: createHash('sha256').update(context).digest('hex') });
    let stored = new Map<string, StoredEntry>();
    let storedMtimeMs: number | undefined;
    try {
      const bytes = readFileSync(file);
      storedMtimeMs = statSync(file).mtimeMs;
      stored = decode(bytes, header);
    } catch (error) {
      if (error instanceof SnapshotUnreadable && error.stale) this.logger?.info({ snapshot: file, contentDir: root }, 'the content snapshot is from another version of the reader: reading every page');
      else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger?.warn({ snapshot: file, contentDir: root }, `the content snapshot could not be used (${describeError(error)}): reading every page, and writing it afresh`);
      }
    }
    const kept = new Map<string, StoredEntry>();
    const use: SnapshotUse = { root, reused: 0, read: 0, written: false };
    let changed = false;
    const session: SnapshotSession = {
      reading: (relativePath, stamp) => {
        const entry = stored.get(relativePath);
        if (entry === undefined || entry.stamp !== stamp.key) return undefined;
        let value: unknown;
        try {
          value = deserialize(entry.bytes);
        } catch {
          value = undefined;
        }
        if (!isReading(value)) {
          // A damaged entry: the page is read again, and the snapshot rewritten.
          changed = true;
          return undefined;
        }
        kept.set(relativePath, entry);
        use.reused++;
        return value;
      },
      remember: (relativePath, stamp, reading) => {
        use.read++;
        changed = true;
        if (stamp.modifiedAtMs > Date.now() - RECENT_CHANGE_MS) return;
        kept.set(relativePath, { stamp: stamp.key, bytes: serialize(reading) });
      },
      close: async () => {
        this.lastUse.set(root, use);
        try {
          if (changed || kept.size !== stored.size) {
            await this.write(file, encode(header, kept));
            use.written = true;
            this.prune(file);
          } else if (storedMtimeMs !== undefined && storedMtimeMs < Date.now() - SNAPSHOT_MAX_AGE_MS / 30) {
            // Still in use: keep it from looking abandoned (touched at most once a day).
            const now = new Date();
            utimesSync(file, now, now);
          }
        } catch (error) {
          if (!this.warnedUnwritable) this.logger?.warn({ snapshot: file, contentDir: root }, `the content snapshot could not be saved (${describeError(error)}): the next start reads every page`);
          this.warnedUnwritable = true;
        }
      },
    };
    return session;
  }

  private async write(file: string, parts: Buffer[]): Promise<void> {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}${TEMPORARY_SUFFIX}`;
    try {
      await writeFile(temporary, parts);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Deletes snapshots nobody has used for SNAPSHOT_MAX_AGE_MS and temporary files left by a crash. */
  private prune(current: string): void {
    const now = Date.now();
    for (const name of readdirSync(this.folder)) {
      const path = join(this.folder, name);
      if (path === current) continue;
      const maxAge = name.endsWith(SNAPSHOT_SUFFIX) ? SNAPSHOT_MAX_AGE_MS : name.endsWith(TEMPORARY_SUFFIX) ? TEMPORARY_MAX_AGE_MS : undefined;
      if (maxAge === undefined) continue;
      try {
        if (statSync(path).mtimeMs < now - maxAge) rmSync(path, { force: true });
      } catch {
        // Gone already (another process pruned it): nothing to do.
      }
    }
  }
}

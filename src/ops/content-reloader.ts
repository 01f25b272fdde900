import type { FSWatcher } from 'chokidar';
import { constants, existsSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compactStringsSteps } from '../app/compact-strings.js';
import type { LibrarySettings, LoadedLibrary } from '../app/load-library.js';
import type { ContentModel, ContentProblem } from '../content/model.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { createLibraryInSlices, type Library } from '../core/library.js';
import { describeError, errorCode } from '../errors.js';
import { runInSlices } from '../knowledge/steps.js';
import type { Logger } from '../logger.js';
import type { ContentSource } from '../sources/content-sources.js';
import { combineSourceContents, readSources, type SourceContent } from '../sources/load-sources.js';

export type ReloadOutcome = 'ok' | 'kept_last_good';

/** Whether a content folder itself is there; while it is not, its last good content is answered. */
export type ContentFolderStatus = { state: 'present' } | { state: 'missing'; reason: string; since: Date };

/** A folder source that is not there now: its folder as configured, why, and since when. */
export interface MissingFolder {
  dir: string;
  reason: string;
  since: Date;
}

export interface ContentReloaderOptions {
  settings: LibrarySettings;
  initial: LoadedLibrary;
  logger: Logger;
  /** Edits arriving within this window are read together (default 300 ms). */
  debounceMs?: number;
  /** How often each content folder itself is looked at: gone, back, or swapped for another folder (default 1 s). */
  folderCheckMs?: number;
  onReload?: (outcome: ReloadOutcome, library: Library, problems: readonly ContentProblem[]) => void;
}

/** The folder (or single page) at a content folder's path: a swap shows as a new inode at the same path. */
type FolderIdentity = { kind: 'folder' | 'file'; dev: number; ino: number };
type FolderLook = FolderIdentity | { missing: string };

async function lookAtFolder(path: string, expected: FolderIdentity['kind'] | undefined): Promise<FolderLook> {
  try {
    // stat follows a symlinked CONTENT_DIR, so re-pointing the link counts as a swap.
    const info = await stat(path);
    const kind = info.isDirectory() ? 'folder' : info.isFile() ? 'file' : undefined;
    if (kind === undefined) return { missing: 'it is neither a folder nor a file' };
    if (expected === 'folder' && kind === 'file') return { missing: 'it is a file, not a folder' };
    // A folder whose permissions were taken away reads as empty: that is not the content either.
    await access(path, kind === 'folder' ? constants.R_OK | constants.X_OK : constants.R_OK);
    return { kind, dev: info.dev, ino: info.ino };
  } catch (error) {
    const code = errorCode(error);
    return { missing: code === 'ENOENT' || code === 'ENOTDIR' ? 'it does not exist' : `it cannot be read: ${describeError(error)}` };
  }
}

const sameFolder = (left: FolderIdentity, right: FolderIdentity) => left.kind === right.kind && left.dev === right.dev && left.ino === right.ino;

/** One folder source as the reloader follows it: its watcher, what was watched, and whether it is there. */
class WatchedFolder {
  watcher: FSWatcher | undefined;
  /** The folder the watcher was started on. */
  watched: FolderIdentity | undefined;
  expectedKind: FolderIdentity['kind'] | undefined;
  status: ContentFolderStatus = { state: 'present' };
  /** The folder's resolved path. */
  readonly root: string;

  constructor(readonly source: ContentSource) {
    this.root = resolve(source.dir);
  }
}

/**
 * Keeps the answered content in step with its sources. A report that breaks keeps its last good version (the others
 * still update) and the problem is logged; answering never waits for a reload. Every folder source is watched: if one
 * goes away (deleted, or a file put in its place), its last good content stays and the folder is watched for until it
 * is back; a folder swapped in at the same path is followed. Clones of repositories are not watched: they change only
 * when a sync changes them, and the sync asks for a reload.
 */
export class ContentReloader {
  private library: Library;
  private lastGood: ContentModel;
  /** Each source's last content read, answered for it while it cannot be read. */
  private readonly lastContents = new Map<ContentSource, SourceContent>();
  private readonly folders: WatchedFolder[];
  private timer: NodeJS.Timeout | undefined;
  private folderTimer: NodeJS.Timeout | undefined;
  private checking = false;
  private stopped = false;
  private running: Promise<void> | undefined;
  private pending = false;

  /** The options, but the initial content: kept, it would keep the first library alive after every reload. */
  private readonly options: Omit<ContentReloaderOptions, 'initial'>;

  constructor({ initial, ...options }: ContentReloaderOptions) {
    this.options = options;
    this.library = initial.library;
    this.lastGood = initial.model;
    for (const content of initial.contents) this.lastContents.set(content.source, content);
    this.folders = options.settings.sources.filter((source) => source.kind === 'folder').map((source) => new WatchedFolder(source));
  }

  /** The content to answer from now. */
  current(): Library {
    return this.library;
  }

  /** Whether every content folder is there: the first one missing, else present (for /readyz). */
  folderStatus(): ContentFolderStatus {
    return this.folders.find((folder) => folder.status.state === 'missing')?.status ?? { state: 'present' };
  }

  /** The content folders that are not there now, each answered from its last good content. */
  missingFolders(): MissingFolder[] {
    return this.folders.flatMap((folder) => (folder.status.state === 'missing' ? [{ dir: folder.source.dir, reason: folder.status.reason, since: folder.status.since }] : []));
  }

  async watch(): Promise<void> {
    for (const folder of this.folders) {
      const look = await lookAtFolder(folder.root, undefined);
      if ('missing' in look) this.noteMissing(folder, look.missing);
      else await this.startWatcher(folder, look);
    }
    this.folderTimer = setInterval(() => void this.checkFolders(), this.options.folderCheckMs ?? 1_000);
    this.folderTimer.unref();
  }

  /** Reads the content again now; overlapping requests are folded into one more run. */
  async reload(): Promise<void> {
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = this.reloadOnce().finally(() => {
      this.running = undefined;
      if (this.pending) {
        this.pending = false;
        void this.reload();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.folderTimer) clearInterval(this.folderTimer);
    await Promise.all(this.folders.map((folder) => this.stopWatcher(folder)));
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 300);
  }

  private async startWatcher(folder: WatchedFolder, identity: FolderIdentity): Promise<void> {
    folder.expectedKind ??= identity.kind;
    // Loaded when the first folder is watched: a process that never watches (the console, `ask`) never loads it.
    const { watch } = await import('chokidar');
    const watcher = watch(folder.root, { ignoreInitial: true, followSymlinks: false });
    folder.watcher = watcher;
    watcher.on('all', () => this.schedule());
    watcher.on('error', (error) => this.options.logger.warn({ err: error, contentDir: folder.root }, 'watching the content folder failed'));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    folder.watched = identity;
    // Stopped while the watcher was starting: it must not outlive the reloader.
    if (this.stopped) await this.stopWatcher(folder);
  }

  private async stopWatcher(folder: WatchedFolder): Promise<void> {
    const watcher = folder.watcher;
    folder.watcher = undefined;
    folder.watched = undefined;
    await watcher?.close();
  }

  /** The folder is not there: keep its content, say so once, and let the folder check watch for its return. */
  private noteMissing(folder: WatchedFolder, reason: string): void {
    if (folder.status.state === 'missing') return;
    folder.status = { state: 'missing', reason, since: new Date() };
    this.stopWatcher(folder).catch((error: unknown) => this.options.logger.warn({ err: error, contentDir: folder.root }, 'closing the content folder watcher failed'));
    const reports = this.library.events.length;
    this.options.logger.warn(
      { contentDir: folder.root, reason, reports },
      `content folder unavailable: ${reason}; still answering from the last good content (${reports} ${reports === 1 ? 'report' : 'reports'}); watching for it to come back`,
    );
  }

  private async checkFolders(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      let changed = false;
      for (const folder of this.folders) {
        if (await this.checkFolder(folder)) changed = true;
        if (this.stopped) return;
      }
      if (changed) await this.reload();
    } finally {
      this.checking = false;
    }
  }

  /**
   * Gone, back, or another folder at the same path (a swap): the watcher follows what is at the path now. True when
   * the folder should be read again.
   */
  private async checkFolder(folder: WatchedFolder): Promise<boolean> {
    try {
      const look = await lookAtFolder(folder.root, folder.expectedKind);
      if (this.stopped) return false;
      if ('missing' in look) {
        this.noteMissing(folder, look.missing);
        return false;
      }
      if (folder.status.state === 'missing') {
        folder.status = { state: 'present' };
        this.options.logger.info({ contentDir: folder.root }, 'content folder is back: reading it again');
      } else if (folder.watched && sameFolder(folder.watched, look)) {
        return false;
      } else {
        this.options.logger.info({ contentDir: folder.root }, 'content folder was replaced: watching and reading the new one');
      }
      await this.stopWatcher(folder);
      await this.startWatcher(folder, look);
      return true;
    } catch (error) {
      this.options.logger.error({ err: error, contentDir: folder.root }, `watching the content folder again failed; the next check retries: ${describeError(error)}`);
      return false;
    }
  }

  private async reloadOnce(): Promise<void> {
    const { logger, settings } = this.options;
    const before = new Map<WatchedFolder, FolderIdentity>();
    const missing = new Map<ContentSource, string>();
    for (const folder of this.folders) {
      const look = await lookAtFolder(folder.root, folder.expectedKind);
      if ('missing' in look) missing.set(folder.source, look.missing);
      else before.set(folder, look);
    }
    // A clone being swapped for a fresh one is briefly not there: its last content stands in.
    const cloneAway = (source: ContentSource) => source.kind === 'git' && !existsSync(source.dir) && (this.lastContents.get(source)?.model.events.length ?? 0) > 0;
    const readable = settings.sources.filter((source) => !missing.has(source) && !cloneAway(source));
    if (readable.length === 0 && missing.size > 0) {
      this.keepWhileMissing(missing);
      return;
    }
    const taxonomy = loadTaxonomy(settings.taxonomyFile);
    let fresh: SourceContent[];
    try {
      fresh = await readSources(readable, { taxonomy, snapshots: settings.snapshots });
    } catch (error) {
      logger.error({ err: error }, `content reload failed, still answering from the last good content: ${describeError(error)}`);
      return;
    }
    for (const [folder, identity] of before) {
      const after = await lookAtFolder(folder.root, folder.expectedKind);
      // Gone while it was read: what was read of it is a partial view, not its content.
      if ('missing' in after) missing.set(folder.source, after.missing);
      // Swapped while it was read: the folder check starts watching the new one and reads it again.
      else if (!sameFolder(identity, after)) return;
    }
    for (const folder of this.folders) {
      const reason = missing.get(folder.source);
      if (reason !== undefined) this.noteMissing(folder, reason);
    }
    const freshBySource = new Map(fresh.filter((content) => !missing.has(content.source)).map((content) => [content.source, content]));
    // Each text kept once, copied out of its page (see compactStrings), before anything is built from it.
    await runInSlices(compactStringsSteps([...freshBySource.values()].map((content) => content.model)));
    const contents = settings.sources.map((source) => freshBySource.get(source) ?? this.lastContents.get(source) ?? { source, model: { events: [], skipped: [], problems: [] } });
    const loaded = combineSourceContents(contents, settings.sources.length);

    const broken = new Set(loaded.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.source));
    const carried = this.lastGood.events.filter((event) => broken.has(event.source) && !loaded.events.some((current) => current.id === event.id));
    for (const problem of loaded.problems.filter((entry) => entry.severity === 'error')) {
      const kept = carried.some((event) => event.source === problem.source);
      logger.warn({ source: problem.source, line: problem.line }, `${problem.message}${kept ? ' (still answering from its last good version)' : ''}`);
    }
    const model: ContentModel = { ...loaded, events: [...loaded.events, ...carried] };
    // Indexed in full before it is swapped in: the last library answers until then, and no answer builds an index.
    // In slices: a big site's library takes seconds to build, and interactions keep arriving meanwhile.
    const library = await createLibraryInSlices(model, taxonomy, { lang: settings.lang, tipSources: settings.tipSources });
    this.library = library;
    this.lastGood = model;
    for (const [source, content] of freshBySource) this.lastContents.set(source, content);
    const outcome: ReloadOutcome = broken.size > 0 || missing.size > 0 ? 'kept_last_good' : 'ok';
    logger.info({ events: library.events.length, outcome }, 'content reloaded');
    this.options.onReload?.(outcome, library, [...loaded.problems, ...this.missingProblems(missing)]);
  }

  /** Nothing could be read (every folder is away): the content stays as it is. */
  private keepWhileMissing(missing: ReadonlyMap<ContentSource, string>): void {
    for (const folder of this.folders) {
      const reason = missing.get(folder.source);
      if (reason !== undefined) this.noteMissing(folder, reason);
    }
    this.options.onReload?.('kept_last_good', this.library, this.missingProblems(missing));
  }

  private missingProblems(missing: ReadonlyMap<ContentSource, string>): ContentProblem[] {
    return this.folders.flatMap((folder) => {
      const reason = missing.get(folder.source);
      return reason === undefined ? [] : [{ source: folder.root, line: null, severity: 'error' as const, message: `content folder unavailable: ${reason}` }];
    });
  }
}

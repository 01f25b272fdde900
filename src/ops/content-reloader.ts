import { watch, type FSWatcher } from 'chokidar';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadLibrary, type LibrarySettings, type LoadedLibrary } from '../app/load-library.js';
import type { ContentModel, ContentProblem } from '../content/model.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { createLibrary, type Library } from '../core/library.js';
import { describeError, errorCode } from '../errors.js';
import type { Logger } from '../logger.js';

export type ReloadOutcome = 'ok' | 'kept_last_good';

/** Whether CONTENT_DIR itself is there; while it is not, the last good content is answered. */
export type ContentFolderStatus = { state: 'present' } | { state: 'missing'; reason: string; since: Date };

export interface ContentReloaderOptions {
  settings: LibrarySettings;
  initial: LoadedLibrary;
  logger: Logger;
  /** Edits arriving within this window are read together (default 300 ms). */
  debounceMs?: number;
  /** How often CONTENT_DIR itself is looked at: gone, back, or swapped for another folder (default 1 s). */
  folderCheckMs?: number;
  onReload?: (outcome: ReloadOutcome, library: Library, problems: readonly ContentProblem[]) => void;
}

/** The folder (or single page) at CONTENT_DIR: a swap shows as a new inode at the same path. */
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

/**
 * Keeps the answered content in step with CONTENT_DIR. A report that breaks keeps its last good
 * version (the others still update) and the problem is logged; answering never waits for a reload.
 * If the folder itself goes away (deleted, or a file put in its place), the last good content stays and
 * the folder is watched for until it is back; a folder swapped in at the same path is followed.
 */
export class ContentReloader {
  private library: Library;
  private lastGood: ContentModel;
  private readonly root: string;
  private watcher: FSWatcher | undefined;
  /** The folder the watcher was started on. */
  private watched: FolderIdentity | undefined;
  private expectedKind: FolderIdentity['kind'] | undefined;
  private folder: ContentFolderStatus = { state: 'present' };
  private timer: NodeJS.Timeout | undefined;
  private folderTimer: NodeJS.Timeout | undefined;
  private checking = false;
  private stopped = false;
  private running: Promise<void> | undefined;
  private pending = false;

  constructor(private readonly options: ContentReloaderOptions) {
    this.library = options.initial.library;
    this.lastGood = options.initial.model;
    this.root = resolve(options.settings.contentDir);
  }

  /** The content to answer from now. */
  current(): Library {
    return this.library;
  }

  /** Whether CONTENT_DIR is there (for /readyz). */
  folderStatus(): ContentFolderStatus {
    return this.folder;
  }

  async watch(): Promise<void> {
    const look = await lookAtFolder(this.root, undefined);
    if ('missing' in look) this.noteMissing(look.missing);
    else await this.startWatcher(look);
    this.folderTimer = setInterval(() => void this.checkFolder(), this.options.folderCheckMs ?? 1_000);
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
    await this.stopWatcher();
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 300);
  }

  private async startWatcher(identity: FolderIdentity): Promise<void> {
    this.expectedKind ??= identity.kind;
    const watcher = watch(this.root, { ignoreInitial: true, followSymlinks: false });
    this.watcher = watcher;
    watcher.on('all', () => this.schedule());
    watcher.on('error', (error) => this.options.logger.warn({ err: error }, 'watching the content folder failed'));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    this.watched = identity;
    // Stopped while the watcher was starting: it must not outlive the reloader.
    if (this.stopped) await this.stopWatcher();
  }

  private async stopWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    this.watched = undefined;
    await watcher?.close();
  }

  /** The folder is not there: keep the content, say so once, and let the folder check watch for its return. */
  private noteMissing(reason: string): void {
    if (this.folder.state === 'missing') return;
    this.folder = { state: 'missing', reason, since: new Date() };
    this.stopWatcher().catch((error: unknown) => this.options.logger.warn({ err: error }, 'closing the content folder watcher failed'));
    const reports = this.library.events.length;
    this.options.logger.warn(
      { contentDir: this.root, reason, reports },
      `content folder unavailable: ${reason}; still answering from the last good content (${reports} ${reports === 1 ? 'report' : 'reports'}); watching for it to come back`,
    );
  }

  /** Gone, back, or another folder at the same path (a swap): the watcher follows what is at CONTENT_DIR now. */
  private async checkFolder(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      const look = await lookAtFolder(this.root, this.expectedKind);
      if (this.stopped) return;
      if ('missing' in look) {
        this.noteMissing(look.missing);
        return;
      }
      if (this.folder.state === 'missing') {
        this.folder = { state: 'present' };
        this.options.logger.info({ contentDir: this.root }, 'content folder is back: reading it again');
      } else if (this.watched && sameFolder(this.watched, look)) {
        return;
      } else {
        this.options.logger.info({ contentDir: this.root }, 'content folder was replaced: watching and reading the new one');
      }
      await this.stopWatcher();
      await this.startWatcher(look);
      await this.reload();
    } catch (error) {
      this.options.logger.error({ err: error, contentDir: this.root }, `watching the content folder again failed; the next check retries: ${describeError(error)}`);
    } finally {
      this.checking = false;
    }
  }

  private async reloadOnce(): Promise<void> {
    const { logger, settings } = this.options;
    const before = await lookAtFolder(this.root, this.expectedKind);
    if ('missing' in before) {
      this.keepWhileMissing(before.missing);
      return;
    }
    let loaded: LoadedLibrary;
    try {
      loaded = await loadLibrary(settings);
    } catch (error) {
      logger.error({ err: error }, `content reload failed, still answering from the last good content: ${describeError(error)}`);
      return;
    }
    // Gone while it was read: what was read is a partial view, not the content.
    const after = await lookAtFolder(this.root, this.expectedKind);
    if ('missing' in after) {
      this.keepWhileMissing(after.missing);
      return;
    }
    if (!sameFolder(before, after)) {
      // Swapped while it was read: the folder check starts watching the new one and reads it again.
      return;
    }
    const broken = new Set(loaded.model.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.source));
    const carried = this.lastGood.events.filter((event) => broken.has(event.source) && !loaded.model.events.some((fresh) => fresh.id === event.id));
    for (const problem of loaded.model.problems.filter((entry) => entry.severity === 'error')) {
      const kept = carried.some((event) => event.source === problem.source);
      logger.warn(
        { source: problem.source, line: problem.line },
        `${problem.message}${kept ? ' (still answering from its last good version)' : ''}`,
      );
    }
    const model: ContentModel = { ...loaded.model, events: [...loaded.model.events, ...carried] };
    const library = carried.length > 0 ? createLibrary(model, loadTaxonomy(settings.taxonomyFile), { lang: settings.lang, tipSources: settings.tipSources }) : loaded.library;
    this.library = library;
    this.lastGood = model;
    const outcome: ReloadOutcome = broken.size > 0 ? 'kept_last_good' : 'ok';
    logger.info({ events: library.events.length, outcome }, 'content reloaded');
    this.options.onReload?.(outcome, library, loaded.model.problems);
  }

  private keepWhileMissing(reason: string): void {
    this.noteMissing(reason);
    const problem: ContentProblem = { source: this.root, line: null, severity: 'error', message: `content folder unavailable: ${reason}` };
    this.options.onReload?.('kept_last_good', this.library, [problem]);
  }
}

import { watch, type FSWatcher } from 'chokidar';
import { resolve } from 'node:path';
import { loadLibrary, type LibrarySettings, type LoadedLibrary } from '../app/load-library.js';
import type { ContentModel, ContentProblem } from '../content/model.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { createLibrary, type Library } from '../core/library.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';

export type ReloadOutcome = 'ok' | 'kept_last_good';

export interface ContentReloaderOptions {
  settings: LibrarySettings;
  initial: LoadedLibrary;
  logger: Logger;
  /** Edits arriving within this window are read together (default 300 ms). */
  debounceMs?: number;
  onReload?: (outcome: ReloadOutcome, library: Library, problems: readonly ContentProblem[]) => void;
}

/**
 * Keeps the answered content in step with CONTENT_DIR. A report that breaks keeps its last good
 * version (the others still update) and the problem is logged; answering never waits for a reload.
 */
export class ContentReloader {
  private library: Library;
  private lastGood: ContentModel;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;

  constructor(private readonly options: ContentReloaderOptions) {
    this.library = options.initial.library;
    this.lastGood = options.initial.model;
  }

  /** The content to answer from now. */
  current(): Library {
    return this.library;
  }

  async watch(): Promise<void> {
    const watcher = watch(resolve(this.options.settings.contentDir), { ignoreInitial: true, followSymlinks: false });
    this.watcher = watcher;
    watcher.on('all', () => this.schedule());
    watcher.on('error', (error) => this.options.logger.warn({ err: error }, 'watching the content folder failed'));
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
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
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 300);
  }

  private async reloadOnce(): Promise<void> {
    const { logger, settings } = this.options;
    let loaded: LoadedLibrary;
    try {
      loaded = await loadLibrary(settings);
    } catch (error) {
      logger.error({ err: error }, `content reload failed, still answering from the last good content: ${describeError(error)}`);
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
}

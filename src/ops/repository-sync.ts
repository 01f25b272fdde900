import { existsSync } from 'node:fs';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { cloneFolderOf, type ContentRepository } from '../sources/content-repository.js';
import type { RepositorySyncResult } from '../sources/sync-repositories.js';

export interface RepositorySyncLoopOptions {
  repositories: readonly ContentRepository[];
  dataDir: string;
  /** Time between the end of one scheduled sync and the start of the next; 0 syncs only at start and on webhooks. */
  intervalMs: number;
  logger: Logger;
  /** After a sync that changed some clone's report files: read the content again (the library swaps when it is done). */
  onChanged: () => Promise<void>;
  /** Every finished sync's results (metrics). */
  onSynced?: (results: readonly RepositorySyncResult[]) => void;
  concurrency?: number;
  inactivityTimeoutMs?: number;
}

interface RepositoryHealth {
  lastFailure?: { at: Date; message: string };
}

/**
 * The bot's syncs of CONTENT_REPOS: one at start-up, one every CONTENT_SYNC_INTERVAL, one for each push webhook. They
 * run in the background: answers go on from the content loaded, and the content is read again once a sync changed it.
 * A repository that cannot be reached keeps its last clone, and says so in the log and in /readyz.
 */
export class RepositorySyncLoop {
  private readonly health = new Map<ContentRepository, RepositoryHealth>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: RepositorySyncLoopOptions) {}

  /** Syncs every repository now, in the background, then every interval. */
  start(): void {
    if (this.options.repositories.length === 0) return;
    void this.syncOnSchedule();
  }

  /** Syncs these repositories (default: all) and reloads the content if they changed; never rejects. */
  sync(repositories: readonly ContentRepository[] = this.options.repositories): Promise<RepositorySyncResult[]> {
    if (this.stopped || repositories.length === 0) return Promise.resolve([]);
    const run = this.syncAndReload(repositories);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** What an operator should know about repositories whose last sync failed (for /readyz). */
  warnings(): string[] {
    const notes: string[] = [];
    for (const repository of this.options.repositories) {
      const failure = this.health.get(repository)?.lastFailure;
      if (!failure) continue;
      notes.push(
        this.hasClone(repository)
          ? `CONTENT_REPOS ${repository.site}: the last sync failed at ${failure.at.toISOString()} (${failure.message}); answering from its last clone until a sync succeeds`
          : `CONTENT_REPOS ${repository.site}: not cloned (${failure.message}); none of its reports are answered until a sync succeeds`,
      );
    }
    return notes;
  }

  /** Stops the schedule and the syncs in flight (their last good clones stay), and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async syncOnSchedule(): Promise<void> {
    await this.sync();
    if (this.stopped || this.options.intervalMs <= 0) return;
    this.timer = setTimeout(() => void this.syncOnSchedule(), this.options.intervalMs);
    this.timer.unref();
  }

  private hasClone(repository: ContentRepository): boolean {
    return existsSync(cloneFolderOf(repository, this.options.dataDir));
  }

  private async syncAndReload(repositories: readonly ContentRepository[]): Promise<RepositorySyncResult[]> {
    const { logger } = this.options;
    let results: RepositorySyncResult[];
    try {
      // Git (simple-git) loads with the first sync: a bot with no CONTENT_REPOS never loads it.
      const { syncRepositories } = await import('../sources/sync-repositories.js');
      results = await syncRepositories(repositories, this.options.dataDir, {
        signal: this.abort.signal,
        ...(this.options.concurrency !== undefined ? { concurrency: this.options.concurrency } : {}),
        ...(this.options.inactivityTimeoutMs !== undefined ? { inactivityTimeoutMs: this.options.inactivityTimeoutMs } : {}),
      });
    } catch (error) {
      logger.error({ err: error }, `repository sync failed: ${describeError(error)}`);
      return [];
    }
    for (const result of results) this.record(result);
    this.options.onSynced?.(results);
    if (results.some((result) => result.added.length + result.changed.length + result.removed.length > 0) && !this.stopped) {
      try {
        await this.options.onChanged();
      } catch (error) {
        logger.error({ err: error }, `reading the content again after a sync failed: ${describeError(error)}`);
      }
    }
    return results;
  }

  private record(result: RepositorySyncResult): void {
    const { logger } = this.options;
    const { repo } = result;
    const context = { repository: repo.label, site: repo.site };
    if (!result.ok) {
      const message = result.error?.message ?? 'unknown failure';
      this.health.set(repo, { lastFailure: { at: new Date(), message } });
      const kept = this.hasClone(repo) ? 'still answering from its last clone' : 'no clone yet, so none of its reports are answered';
      logger.warn({ ...context, code: result.error?.code }, `repository sync failed: ${message}; ${kept}`);
      return;
    }
    this.health.set(repo, {});
    const counts = `${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed`;
    if (result.action === 'unchanged') logger.debug({ ...context, head: result.head }, `repository ${repo.site} unchanged`);
    else logger.info({ ...context, head: result.head, action: result.action }, `repository ${repo.site} ${result.action}: reports ${counts}`);
  }
}

/**
 * `takeaways sync`: clones or fast-forwards every CONTENT_REPOS repository now, and says per site which reports came,
 * changed or went. The bot does the same at start, on its interval and on push webhooks; this is for a first clone
 * before the bot runs, a cron job, or seeing why a repository does not sync.
 */
import type { Command } from 'commander';
import { readSourceConfig } from '../config.js';
import { ErrorCode, TakeawaysError } from '../errors.js';
import type { ContentRepository } from '../sources/content-repository.js';
import { DEFAULT_SYNC_CONCURRENCY, syncRepositories, type RepositorySyncResult, type SyncProgress } from '../sources/sync-repositories.js';

const ACTION_WORDS: Record<RepositorySyncResult['action'], string> = {
  cloned: 'cloned',
  recloned: 'cloned again (its history was rewritten)',
  updated: 'updated',
  unchanged: 'up to date',
  failed: 'FAILED',
};

function countReports(count: number, what: string): string {
  return `${count} ${count === 1 ? 'report' : 'reports'} ${what}`;
}

/**
 * Per repository: its site, what happened, and the report files added (+), changed (~) and removed (-); then one
 * line saying how many synced and which failed.
 */
export function formatSyncReport(results: readonly RepositorySyncResult[]): string {
  const width = Math.max(...results.map((result) => result.repo.site.length));
  const lines: string[] = [];
  for (const result of results) {
    const site = result.repo.site.padEnd(width);
    if (!result.ok) {
      lines.push(`${site}  ${ACTION_WORDS.failed}: ${result.error?.message ?? 'unknown failure'}`);
      continue;
    }
    const counts = [countReports(result.added.length, 'added'), countReports(result.changed.length, 'changed'), countReports(result.removed.length, 'removed')];
    const changes = result.added.length + result.changed.length + result.removed.length;
    lines.push(`${site}  ${ACTION_WORDS[result.action]}${changes > 0 ? `: ${counts.join(', ')}` : ''}${result.head ? ` (at ${result.head.slice(0, 7)})` : ''}`);
    for (const path of result.added) lines.push(`  + ${path}`);
    for (const path of result.changed) lines.push(`  ~ ${path}`);
    for (const path of result.removed) lines.push(`  - ${path}`);
  }
  const failed = results.filter((result) => !result.ok).map((result) => result.repo.site);
  const synced = results.length - failed.length;
  lines.push('', `${synced} of ${results.length} ${results.length === 1 ? 'repository' : 'repositories'} synced${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}`);
  return lines.join('\n');
}

/** Where progress lines go: a terminal (process.stderr when it is one). */
export interface ProgressTerminal {
  write(text: string): unknown;
  columns?: number;
}

/** One line per repository on a terminal, rewritten in place as each one's sync goes on, erased at the end. */
export class ProgressLines {
  private readonly lines: string[];
  private drawn = 0;

  constructor(
    private readonly stream: ProgressTerminal,
    private readonly repositories: readonly ContentRepository[],
  ) {
    this.lines = repositories.map((repository) => this.line(repository, 'waiting'));
    this.draw();
  }

  update(progress: SyncProgress): void {
    const index = this.repositories.indexOf(progress.repo);
    if (index === -1) return;
    const state =
      progress.stage === 'done'
        ? progress.result.ok
          ? `done: ${ACTION_WORDS[progress.result.action]}`
          : 'failed'
        : `${progress.stage}${progress.percent === null ? '…' : ` ${progress.percent}%`}`;
    const text = this.line(progress.repo, state);
    if (this.lines[index] === text) return;
    this.lines[index] = text;
    this.draw();
  }

  clear(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private line(repository: ContentRepository, state: string): string {
    const width = Math.max(...this.repositories.map((entry) => entry.site.length));
    return `${repository.site.padEnd(width)}  ${state}`.slice(0, Math.max(20, (this.stream.columns ?? 80) - 1));
  }

  private draw(): void {
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.stream.write(`${up}${this.lines.map((line) => `\r\x1b[2K${line}`).join('\n')}\n`);
    this.drawn = this.lines.length;
  }
}

export function registerSyncCommands(program: Command): void {
  program
    .command('sync')
    .description('Clone or fast-forward every CONTENT_REPOS repository under DATA_DIR/repos, and show the reports each added, changed or removed')
    .option('--concurrency <N>', 'how many repositories are synced at once', String(DEFAULT_SYNC_CONCURRENCY))
    .action(async (options: { concurrency: string }) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new TakeawaysError(ErrorCode.ArgumentInvalid, '--concurrency must be a whole number from 1 to 16');
      // Only the keys that say where reports come from: a mistake in a chat token does not stop a sync.
      const config = readSourceConfig();
      if (config.CONTENT_REPOS.length === 0) {
        throw new TakeawaysError(ErrorCode.ConfigInvalid, 'sync has nothing to do: CONTENT_REPOS is empty (set it to your reports’ repositories, e.g. https://github.com/owner/site.git)');
      }
      const progress = process.stderr.isTTY ? new ProgressLines(process.stderr, config.CONTENT_REPOS) : undefined;
      let results: RepositorySyncResult[];
      try {
        results = await syncRepositories(config.CONTENT_REPOS, config.DATA_DIR, { concurrency, ...(progress ? { onProgress: (event: SyncProgress) => progress.update(event) } : {}) });
      } finally {
        progress?.clear();
      }
      console.log(formatSyncReport(results));
      if (results.some((result) => !result.ok)) process.exitCode = 1;
    });
}

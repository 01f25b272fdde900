/**
 * Keeping the clones of CONTENT_REPOS up to date under DATA_DIR/repos: a missing clone is cloned, an existing one
 * fetched and fast-forwarded, and one whose history was rewritten (a force-push) cloned again. A new clone is made
 * beside the old one and swapped in only once complete, so a failure half-way leaves the last good clone in place.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { ErrorCode, isTakeawaysError, TakeawaysError } from '../errors.js';
import { cloneFolderOf, repositoriesFolderOf, type ContentRepository } from './content-repository.js';
import { openGit, readGitFailure, type GitClientOptions } from './git-client.js';

/** At most this many repositories are fetched at once by default: enough to overlap waiting, kind to the host. */
export const DEFAULT_SYNC_CONCURRENCY = 3;
/** A git command silent for this long is stopped: long enough for a slow host, short enough to notice a dead one. */
export const DEFAULT_GIT_INACTIVITY_TIMEOUT_MS = 60_000;
/** Where new clones are made before they are swapped in (a dot folder: never read as content). */
const INCOMING_FOLDER = '.incoming';

export type SyncAction = 'cloned' | 'recloned' | 'updated' | 'unchanged' | 'failed';

export interface RepositorySyncResult {
  repo: ContentRepository;
  ok: boolean;
  error?: TakeawaysError;
  /** What the sync did: a first clone, a clone again (history rewritten), a fast-forward, nothing new, or nothing. */
  action: SyncAction;
  /** The commit checked out now: the new one, or the last good clone's when the sync failed. */
  head?: string;
  /** Report files (`.md` under the repository's content folder, relative to it) added between the old and new commit. */
  added: string[];
  changed: string[];
  removed: string[];
}

export type SyncProgress =
  | { repo: ContentRepository; stage: 'cloning' | 'fetching'; percent: number | null }
  | { repo: ContentRepository; stage: 'done'; result: RepositorySyncResult };

export interface SyncRepositoriesOptions {
  /** How many repositories are synced at once (default 3). */
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** A git command silent for this long fails the repository (default 60 s). */
  inactivityTimeoutMs?: number;
  /** Stops the syncs in flight (shutdown); their last good clones stay. */
  signal?: AbortSignal;
}

/** A clone on disk and what it holds. */
interface CloneState {
  git: SimpleGit;
  head: string;
  branch: string;
  origin: string;
  files: ReadonlyMap<string, string>;
}

/**
 * Syncs each repository, at most `concurrency` at once; one that fails does not stop the others. The results come
 * in the order of `repos`. A repository already being synced (by another caller in this process) is not synced twice
 * at once: the request waits for that sync and then runs, or joins a request already waiting.
 */
export async function syncRepositories(repos: readonly ContentRepository[], dataDir: string, options: SyncRepositoriesOptions = {}): Promise<RepositorySyncResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
  return mapWithConcurrency(repos, concurrency, async (repo) => {
    const target = cloneFolderOf(repo, dataDir);
    const result = await inLane(target, () => syncRepository(repo, dataDir, options));
    options.onProgress?.({ repo, stage: 'done', result });
    return result;
  });
}

async function mapWithConcurrency<Item, Result>(items: readonly Item[], limit: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Per clone folder: the sync running, and at most one waiting behind it that later requests join. */
const lanes = new Map<string, { running?: Promise<RepositorySyncResult>; waiting?: Promise<RepositorySyncResult> }>();

function inLane(key: string, run: () => Promise<RepositorySyncResult>): Promise<RepositorySyncResult> {
  let lane = lanes.get(key);
  if (!lane) {
    lane = {};
    lanes.set(key, lane);
  }
  const current = lane;
  const start = (): Promise<RepositorySyncResult> => {
    const running: Promise<RepositorySyncResult> = run().finally(() => {
      if (current.running === running) current.running = undefined;
      if (!current.running && !current.waiting) lanes.delete(key);
    });
    current.running = running;
    return running;
  };
  if (current.waiting) return current.waiting;
  if (!current.running) return start();
  // Whatever the running sync saw, this request may carry a newer push: it runs once that one is done.
  const waiting = current.running.then(
    () => undefined,
    () => undefined,
  ).then(() => {
    current.waiting = undefined;
    return start();
  });
  current.waiting = waiting;
  return waiting;
}

/** Never throws: a failure is a result naming the repository, and the last good clone stays. */
async function syncRepository(repo: ContentRepository, dataDir: string, options: SyncRepositoriesOptions): Promise<RepositorySyncResult> {
  const reposRoot = repositoriesFolderOf(dataDir);
  const target = cloneFolderOf(repo, dataDir);
  const incoming = join(reposRoot, INCOMING_FOLDER);
  const slug = relative(reposRoot, target).split(sep).join('__');
  const inactivityTimeoutMs = options.inactivityTimeoutMs ?? DEFAULT_GIT_INACTIVITY_TIMEOUT_MS;
  const progress = (stage: 'cloning' | 'fetching') => (event: { progress: number }) => options.onProgress?.({ repo, stage, percent: event.progress });
  const gitOptions = (stage?: 'cloning' | 'fetching'): GitClientOptions => ({
    inactivityTimeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(stage ? { onProgress: progress(stage) } : {}),
  });
  let before: CloneState | undefined;
  let step: 'clone' | 'fetch' | 'update' = 'clone';
  let branch = repo.branch;
  try {
    assertInside(reposRoot, target);
    await mkdir(incoming, { recursive: true });
    await removeLeftovers(incoming, slug);
    before = await inspectClone(target, gitOptions());
    if (!before) {
      options.onProgress?.({ repo, stage: 'cloning', percent: null });
      const fresh = await cloneFresh(repo, incoming, slug, gitOptions('cloning'));
      await swapIn(fresh.dir, target, incoming, slug);
      return { repo, ok: true, action: 'cloned', head: fresh.head, ...compareFiles(new Map(), fresh.files) };
    }
    const tracked = repo.branch ?? before.branch;
    branch = tracked;
    if (before.branch !== tracked) return await recloneInto(repo, target, incoming, slug, before, gitOptions('cloning'));
    step = 'fetch';
    options.onProgress?.({ repo, stage: 'fetching', percent: null });
    if (before.origin !== repo.url) await before.git.remote(['set-url', 'origin', repo.url]);
    const fetching = openGit(target, gitOptions('fetching'));
    await fetching.raw(['fetch', '--no-tags', 'origin', `+refs/heads/${tracked}:refs/remotes/origin/${tracked}`]);
    step = 'update';
    const remoteHead = (await before.git.revparse([`refs/remotes/origin/${tracked}`])).trim();
    if (remoteHead === before.head) return { repo, ok: true, action: 'unchanged', head: before.head, added: [], changed: [], removed: [] };
    if (!(await isAncestor(before.git, before.head, remoteHead)) || !(await fastForward(before.git, tracked))) {
      // A force-push or a diverged clone: cloned again beside the old one, then swapped in.
      step = 'clone';
      return await recloneInto(repo, target, incoming, slug, before, gitOptions('cloning'));
    }
    const files = await listReportFiles(before.git, remoteHead);
    return { repo, ok: true, action: 'updated', head: remoteHead, ...compareFiles(before.files, files) };
  } catch (error) {
    const failure: RepositorySyncResult = { repo, ok: false, error: syncError(repo, { step, branch, target, inactivityTimeoutMs }, error), action: 'failed', added: [], changed: [], removed: [] };
    if (before) failure.head = before.head;
    return failure;
  }
}

async function recloneInto(repo: ContentRepository, target: string, incoming: string, slug: string, before: CloneState, options: GitClientOptions): Promise<RepositorySyncResult> {
  const fresh = await cloneFresh(repo, incoming, slug, options);
  await swapIn(fresh.dir, target, incoming, slug);
  return { repo, ok: true, action: 'recloned', head: fresh.head, ...compareFiles(before.files, fresh.files) };
}

/** Refuses a path outside DATA_DIR/repos: nothing is ever written elsewhere. */
function assertInside(root: string, path: string): void {
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) {
    throw new TakeawaysError(ErrorCode.RepositorySyncFailed, `${path} is not inside ${root}; not written`, { path, root });
  }
}

/** Half-made clones of this repository left by a process that stopped mid-sync. */
async function removeLeftovers(incoming: string, slug: string): Promise<void> {
  for (const entry of await readdir(incoming)) {
    if (entry.startsWith(`${slug}--`)) await rm(join(incoming, entry), { recursive: true, force: true });
  }
}

/** The clone at `target` and what it holds, or undefined when there is none git can use (it is cloned again). */
async function inspectClone(target: string, options: GitClientOptions): Promise<CloneState | undefined> {
  if (!existsSync(join(target, '.git'))) return undefined;
  try {
    const git = openGit(target, options);
    // A folder without a repository of its own would otherwise be read as part of one above it.
    const top = (await git.revparse(['--show-toplevel'])).trim();
    if (realpathSync(top) !== realpathSync(target)) return undefined;
    const head = (await git.revparse(['HEAD'])).trim();
    const branch = (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
    const origin = (await git.raw(['remote', 'get-url', 'origin'])).trim();
    if (branch === '' || origin === '') return undefined;
    return { git, head, branch, origin, files: await listReportFiles(git, head) };
  } catch (error) {
    // Without git, or when stopping, nothing can be told about the clone: it must not be taken for a broken one.
    if (['aborted', 'git-missing'].includes(readGitFailure(error).kind)) throw error;
    return undefined;
  }
}

async function cloneFresh(repo: ContentRepository, incoming: string, slug: string, options: GitClientOptions): Promise<{ dir: string; head: string; files: ReadonlyMap<string, string> }> {
  const dir = join(incoming, `${slug}--${randomBytes(6).toString('hex')}`);
  try {
    await openGit(incoming, options).raw(['clone', '--no-tags', '--single-branch', ...(repo.branch ? ['--branch', repo.branch] : []), repo.url, dir]);
    const git = openGit(dir, { ...options, onProgress: undefined });
    const head = (await git.revparse(['HEAD'])).trim();
    return { dir, head, files: await listReportFiles(git, head) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Puts a finished clone at `target`; the old one is moved aside first and restored if the move fails. */
async function swapIn(fresh: string, target: string, incoming: string, slug: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  let previous: string | undefined;
  if (existsSync(target)) {
    previous = join(incoming, `${slug}--old-${randomBytes(6).toString('hex')}`);
    await rename(target, previous);
  }
  try {
    await rename(fresh, target);
  } catch (error) {
    if (previous) await rename(previous, target);
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
  if (previous) await rm(previous, { recursive: true, force: true });
}

async function isAncestor(git: SimpleGit, older: string, newer: string): Promise<boolean> {
  try {
    await git.raw(['merge-base', '--is-ancestor', older, newer]);
    return true;
  } catch (error) {
    if (readGitFailure(error).kind === 'aborted') throw error;
    return false;
  }
}

/** False when git refuses (edits in the clone): the caller clones again rather than leave it half-updated. */
async function fastForward(git: SimpleGit, branch: string): Promise<boolean> {
  try {
    await git.raw(['merge', '--ff-only', '--quiet', `refs/remotes/origin/${branch}`]);
    return true;
  } catch (error) {
    if (readGitFailure(error).kind === 'aborted') throw error;
    return false;
  }
}

/**
 * The report files of a commit, path → blob id: `.md` files under its `content/` folder (relative to it) when it has
 * one, else anywhere; skipping dot folders and node_modules, as the loader does.
 */
async function listReportFiles(git: SimpleGit, revision: string): Promise<ReadonlyMap<string, string>> {
  const listing = await git.raw(['ls-tree', '-r', '-z', '--full-tree', revision]);
  const entries = listing
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, object] = line.slice(0, tab).split(' ');
      return { type, object: object ?? '', path: line.slice(tab + 1) };
    });
  const prefix = entries.some((entry) => entry.path.startsWith('content/')) ? 'content/' : '';
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (entry.type !== 'blob' || !entry.path.startsWith(prefix) || !/\.md$/i.test(entry.path)) continue;
    const path = entry.path.slice(prefix.length);
    if (path.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules')) continue;
    files.set(path, entry.object);
  }
  return files;
}

function compareFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Pick<RepositorySyncResult, 'added' | 'changed' | 'removed'> {
  const added = [...after.keys()].filter((path) => !before.has(path)).sort();
  const changed = [...after.entries()].filter(([path, object]) => before.has(path) && before.get(path) !== object).map(([path]) => path).sort();
  const removed = [...before.keys()].filter((path) => !after.has(path)).sort();
  return { added, changed, removed };
}

/** A failure as a typed error naming the repository (its site and URL, credentials hidden) and what to do. */
function syncError(
  repo: ContentRepository,
  { step, branch, target, inactivityTimeoutMs }: { step: 'clone' | 'fetch' | 'update'; branch: string | undefined; target: string; inactivityTimeoutMs: number },
  error: unknown,
): TakeawaysError {
  if (isTakeawaysError(error)) return error;
  const name = `${repo.site} (${repo.label})`;
  const details = { repository: repo.label, site: repo.site, step };
  const failure = readGitFailure(error);
  const cause = { cause: error };
  switch (failure.kind) {
    case 'timeout':
      return new TakeawaysError(ErrorCode.RepositoryUnreachable, `${name}: git ${step} gave no sign of life for ${Math.round(inactivityTimeoutMs / 1000)} s; is the host reachable?`, details, cause);
    case 'aborted':
      return new TakeawaysError(ErrorCode.RepositorySyncFailed, `${name}: the sync was stopped before it finished; the last clone is kept`, details, cause);
    case 'git-missing':
      return new TakeawaysError(ErrorCode.RepositorySyncFailed, `${name}: cannot sync: ${failure.detail}; install git to read CONTENT_REPOS`, details, cause);
    case 'branch-missing':
      return new TakeawaysError(ErrorCode.RepositoryBranchMissing, `${name}: branch "${branch ?? '(default)'}" does not exist there (git: ${failure.detail})`, details, cause);
    case 'needs-credentials':
      return new TakeawaysError(
        ErrorCode.RepositoryUnreachable,
        `${name}: cannot ${step}: ${failure.detail}. A private repository needs credentials git can use without asking: an ssh deploy key (its host in known_hosts) or a token in the https URL`,
        details,
        cause,
      );
    default:
      return step === 'update'
        ? new TakeawaysError(ErrorCode.RepositorySyncFailed, `${name}: the clone in ${target} could not be updated: ${failure.detail}`, details, cause)
        : new TakeawaysError(ErrorCode.RepositoryUnreachable, `${name}: cannot ${step}: ${failure.detail}`, details, cause);
  }
}

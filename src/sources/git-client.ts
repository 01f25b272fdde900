/**
 * git as the sync runs it: never a prompt (a private repository fails at once instead of waiting for a password
 * nobody types), a time limit on silence, and failures read into one line a person can act on.
 */
import { GitPluginError, simpleGit, type SimpleGit, type SimpleGitProgressEvent } from 'simple-git';

export interface GitClientOptions {
  /** A git command that prints nothing for this long is stopped (a host that never answers). */
  inactivityTimeoutMs: number;
  /** Stops every command in flight (shutdown). */
  signal?: AbortSignal;
  onProgress?: (event: SimpleGitProgressEvent) => void;
}

/**
 * Variables simple-git refuses to pass on unless named (its environment guard): the ones this client sets.
 * Every other `GIT_*` variable of the process is left out, so a stray GIT_DIR cannot point a sync elsewhere.
 */
const ALLOWED_GIT_ENVIRONMENT = ['GIT_TERMINAL_PROMPT', 'GIT_SSH_COMMAND'];
/** Editors, pagers and askpass programs: simple-git's guard refuses them, and a sync wants none of them. */
const GUARDED_VARIABLES = new Set(['EDITOR', 'VISUAL', 'PAGER', 'PREFIX', 'SSH_ASKPASS']);

/** The process environment without git's own variables, plus no prompts and an ssh that never asks. */
function gitEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^GIT_/i.test(key) || GUARDED_VARIABLES.has(key.toUpperCase())) continue;
    environment[key] = value;
  }
  // An operator's own GIT_SSH_COMMAND (a deploy key: `ssh -i key`) is kept; BatchMode makes ssh fail instead of asking.
  const ssh = process.env['GIT_SSH_COMMAND']?.trim() || 'ssh';
  environment['GIT_SSH_COMMAND'] = `${ssh} -o BatchMode=yes -o ConnectTimeout=20`;
  environment['GIT_TERMINAL_PROMPT'] = '0';
  // git's messages in English whatever the machine's locale, so its failures read the same everywhere.
  environment['LC_ALL'] = 'C';
  return environment;
}

/** A git client working in `baseDir` (which must exist). */
export function openGit(baseDir: string, options: GitClientOptions): SimpleGit {
  const git = simpleGit({
    baseDir,
    maxConcurrentProcesses: 1,
    timeout: { block: options.inactivityTimeoutMs },
    allowEnvironment: ALLOWED_GIT_ENVIRONMENT,
    // GIT_SSH_COMMAND is set here, to the operator's ssh plus BatchMode; nothing from a repository or a user reaches it.
    unsafe: { allowUnsafeSshCommand: true },
    ...(options.signal ? { abort: options.signal } : {}),
    ...(options.onProgress ? { progress: options.onProgress } : {}),
  });
  return git.env(gitEnvironment());
}

export type GitFailureKind = 'timeout' | 'aborted' | 'git-missing' | 'branch-missing' | 'needs-credentials' | 'other';

export interface GitFailure {
  kind: GitFailureKind;
  /** git's own words: its `fatal:`/`error:` lines and what ssh or the remote said, else its last line. */
  detail: string;
}

const NEEDS_CREDENTIALS = /terminal prompts disabled|could not read (?:username|password)|authentication failed|permission denied \(publickey|host key verification failed|repository not found/i;
const BRANCH_MISSING = /remote branch .* not found|couldn't find remote ref/i;

/** What went wrong with a git command, as far as its error tells. */
export function readGitFailure(error: unknown): GitFailure {
  if (error instanceof GitPluginError && error.plugin === 'timeout') return { kind: 'timeout', detail: 'no output for too long' };
  if (error instanceof GitPluginError && error.plugin === 'abort') return { kind: 'aborted', detail: 'stopped' };
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const stated = lines.filter((line) => /^(?:fatal|error|ssh|remote):/i.test(line)).map((line) => line.replace(/^(?:fatal|error):\s*/i, ''));
  // A URL git repeats may carry the credentials it was given: they never reach a message.
  const detail = (stated.length > 0 ? stated.join('; ') : (lines.at(-1) ?? 'git failed')).replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1****@').slice(0, 500);
  if (/spawn git ENOENT/.test(text)) return { kind: 'git-missing', detail: 'git is not installed (no git on the PATH)' };
  if (BRANCH_MISSING.test(text)) return { kind: 'branch-missing', detail };
  if (NEEDS_CREDENTIALS.test(text)) return { kind: 'needs-credentials', detail };
  return { kind: 'other', detail };
}

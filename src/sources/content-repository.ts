/**
 * A git repository of reports, as CONTENT_REPOS names it: `https://host/owner/name.git`, `git@host:owner/name.git`,
 * `ssh://[user@]host[:port]/owner/name.git` or `file:///path/owner/name`, each with an optional `#branch`.
 */
import { join, resolve } from 'node:path';

export interface ContentRepository {
  /** What git is given, exactly as configured (credentials included), without the `#branch`. */
  url: string;
  /** The `#branch` to follow; undefined follows the branch the remote checks out by default. */
  branch?: string;
  /** The host's folder name under DATA_DIR/repos: `github.com`, `git.example.com_2222`, `local` for file:// URLs. */
  host: string;
  /** Everything between the host and the name (`owner`, or `group/subgroup` on GitLab). */
  owner: string;
  /** The repository's name, without `.git`. */
  name: string;
  /** `owner/name`: the site its reports belong to. */
  site: string;
  /** The URL with any credentials hidden (and the branch, if any): safe for logs and messages. */
  label: string;
}

export type RepositoryParse = { ok: true; repository: ContentRepository } | { ok: false; problem: string };

/** A branch git would accept and that cannot be read as an option or leave refs/heads (no `-x`, `..`, `@{`). */
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/+-]{1,200}$/;
/** `[user@]host:path`: git's scp-like ssh syntax. */
const SCP_LIKE = /^(?:([A-Za-z0-9][A-Za-z0-9._-]*)@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;
/** A host name as it may appear in a URL (no user, no port). */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i;
const EXAMPLES = 'https://github.com/owner/name.git, git@github.com:owner/name.git, ssh://git@host/owner/name.git or file:///path/owner/name, optionally with #branch';

/** A path segment as a folder name: only letters, digits, `.`, `_` and `-`. */
function folderSafe(segment: string): string {
  return segment.replace(/[^A-Za-z0-9._-]/g, '_');
}

function withoutGitSuffix(name: string): string {
  return name.replace(/\.git$/i, '');
}

/**
 * Reads one CONTENT_REPOS entry. A problem says what is wrong with the entry as written, never with its password.
 */
export function parseContentRepository(entry: string): RepositoryParse {
  const written = entry.trim();
  const hash = written.lastIndexOf('#');
  const address = hash === -1 ? written : written.slice(0, hash);
  const branch = hash === -1 ? undefined : written.slice(hash + 1);
  const shown = hideCredentials(address);
  const fail = (why: string): RepositoryParse => ({ ok: false, problem: `${shown}${branch === undefined ? '' : `#${branch}`}: ${why}` });
  if (branch !== undefined && !BRANCH.test(branch)) return fail('the part after # is not a branch name git accepts');
  // git would read a leading dash as one of its options.
  if (address.startsWith('-')) return fail(`not a repository address; expected ${EXAMPLES}`);

  let host: string;
  let pathSegments: string[];
  let label: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return fail(`not a URL; expected ${EXAMPLES}`);
    }
    const scheme = url.protocol.slice(0, -1).toLowerCase();
    if (!['https', 'http', 'ssh', 'file'].includes(scheme)) return fail(`${scheme}:// is not supported; expected ${EXAMPLES}`);
    if (url.search !== '') return fail('a repository URL has no ?query');
    if (scheme === 'file') {
      if (url.hostname !== '' && url.hostname !== 'localhost') return fail('a file:// URL names a folder on this machine: file:///path/owner/name');
      host = 'local';
      // Only the last two folders name it: the clone must not mirror the whole path.
      pathSegments = decodeSegments(url.pathname).slice(-2);
    } else {
      if (!HOST_NAME.test(url.hostname)) return fail('the URL has no host name');
      host = folderSafe(url.hostname.toLowerCase() + (url.port ? `_${url.port}` : ''));
      pathSegments = decodeSegments(url.pathname);
    }
    label = hideCredentials(address);
  } else {
    const scp = SCP_LIKE.exec(address);
    if (!scp || !HOST_NAME.test(scp[2] ?? '')) return fail(`not a repository address; expected ${EXAMPLES}`);
    host = folderSafe((scp[2] ?? '').toLowerCase());
    pathSegments = (scp[3] ?? '').split('/').filter((segment) => segment !== '');
    label = address;
  }
  if (pathSegments.some((segment) => segment === '.' || segment === '..')) return fail('the path may not hold . or .. segments');
  if (pathSegments.length < 2) return fail('expected an owner and a name in the path (…/owner/name)');
  const name = withoutGitSuffix(pathSegments.at(-1) ?? '');
  if (name === '') return fail('the repository name is empty');
  const owner = pathSegments.slice(0, -1).join('/');
  const repository: ContentRepository = {
    url: address,
    host,
    owner,
    name,
    site: `${owner}/${name}`,
    label: branch === undefined ? label : `${label}#${branch}`,
  };
  if (branch !== undefined) repository.branch = branch;
  return { ok: true, repository };
}

function decodeSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * `https://user:token@host/…` → `https://****@host/…` (a token may stand where the user name is, so both go);
 * `ssh://git:secret@host/…` → `ssh://git:****@host/…` (an ssh user name is not a secret).
 */
export function hideCredentials(address: string): string {
  return address.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]+)@/i, (_written, scheme: string, userInfo: string) => {
    if (/^https?:\/\/$/i.test(scheme)) return `${scheme}****@`;
    const colon = userInfo.indexOf(':');
    return colon === -1 ? `${scheme}${userInfo}@` : `${scheme}${userInfo.slice(0, colon)}:****@`;
  });
}

/** The secret parts of an https repository URL (the password, or a token used as the user name), for the logger. */
export function repositoryCredentials(repository: ContentRepository): string[] {
  if (!/^https?:\/\//i.test(repository.url)) return [];
  try {
    const url = new URL(repository.url);
    return [url.password, url.password ? '' : url.username].map((part) => decodeURIComponent(part)).filter((part) => part !== '');
  } catch {
    return [];
  }
}

/**
 * Where a repository is cloned: `DATA_DIR/repos/<host>/<owner>/<name>`. Every part is a plain folder name, so the
 * path can only lie under DATA_DIR/repos.
 */
export function cloneFolderOf(repository: ContentRepository, dataDir: string): string {
  const parts = [repository.host, ...repository.owner.split('/'), repository.name].map(folderSafe);
  return join(repositoriesFolderOf(dataDir), ...parts);
}

/** The folder every clone lives under. */
export function repositoriesFolderOf(dataDir: string): string {
  return resolve(dataDir, 'repos');
}

/**
 * The one spelling of a repository's address that every form shares, to tell whether two name the same one:
 * `https://GitHub.com/Owner/Name.git`, `git@github.com:owner/name`, `ssh://git@github.com/owner/name.git/` and
 * `git://github.com/owner/name.git` are all `github.com/owner/name`. Undefined for something that is no address.
 */
export function repositoryAddress(address: string): string | undefined {
  const trimmed = address.trim().replace(/#.*$/, '');
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      host = url.protocol === 'file:' ? 'local' : url.hostname;
      path = url.pathname;
    } catch {
      return undefined;
    }
  } else {
    const scp = SCP_LIKE.exec(trimmed);
    if (!scp) return undefined;
    host = scp[2] ?? '';
    path = scp[3] ?? '';
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length < 2) return undefined;
  const last = withoutGitSuffix(segments.pop() ?? '');
  return [host, ...segments, last].join('/').toLowerCase();
}

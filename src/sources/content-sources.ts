/**
 * Where reports come from: folders on this machine (CONTENT_DIR) and clones of git repositories (CONTENT_REPOS).
 */
import { lstatSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { cloneFolderOf, type ContentRepository } from './content-repository.js';

export interface ContentSource {
  kind: 'folder' | 'git';
  /**
   * The name its reports carry as their site, and (with more than one source) the prefix of their ids: a folder's
   * name, a repository's `owner/name`; longer when two sources would otherwise share one.
   */
  site: string;
  /** A folder as configured; for a repository, its clone under DATA_DIR/repos (read from its `content/` when it has one). */
  dir: string;
  /** A repository's URL as configured. */
  url?: string;
  /** A repository's `#branch`. */
  branch?: string;
}

export interface SourceSettings {
  folders: readonly string[];
  repositories: readonly ContentRepository[];
  dataDir: string;
}

/**
 * The configured sources, folders first, in the order given. Each gets a site of its own: a folder's name (or, when
 * two folders share a name, as many of the folders above it as tell them apart), a repository's `owner/name` (or
 * `host/owner/name` when two hosts hold the same one).
 */
export function resolveContentSources(settings: SourceSettings): ContentSource[] {
  const candidates: Array<{ source: ContentSource; names: string[] }> = [
    ...settings.folders.map((folder) => ({ source: { kind: 'folder' as const, site: '', dir: folder }, names: folderNames(folder) })),
    ...settings.repositories.map((repository) => {
      const source: ContentSource = { kind: 'git', site: '', dir: cloneFolderOf(repository, settings.dataDir), url: repository.url };
      if (repository.branch !== undefined) source.branch = repository.branch;
      return { source, names: [repository.site, `${repository.host}/${repository.site}`] };
    }),
  ];
  for (const candidate of candidates) {
    const others = candidates.filter((other) => other !== candidate);
    const unique = candidate.names.find((name) => !others.some((other) => other.names.includes(name)));
    candidate.source.site = unique ?? candidate.names.at(-1) ?? candidate.source.dir;
  }
  return candidates.map((candidate) => candidate.source);
}

/** `sites/a/content` → `content`, `a/content`, `sites/a/content`, then the whole resolved path. */
function folderNames(folder: string): string[] {
  const absolute = resolve(folder);
  const segments = absolute.split(sep).filter((segment) => segment !== '');
  const names: string[] = [];
  for (let count = 1; count <= segments.length; count++) names.push(segments.slice(-count).join('/'));
  if (names.length === 0) names.push(basename(absolute) || absolute);
  return names;
}

/**
 * The folder a source's reports are read from: a folder as given; a clone's `content/` folder when it has one (a
 * real folder, not a link that could lead out of the clone), else the whole clone.
 */
export function readableFolderOf(source: ContentSource): string {
  if (source.kind === 'folder') return source.dir;
  const content = join(source.dir, 'content');
  try {
    if (lstatSync(content).isDirectory()) return content;
  } catch {
    // No content/ folder: the whole tree is read.
  }
  return source.dir;
}

/** Folders as their own sources, for a caller that has only folders (tests, benches, `check DIR`). */
export function folderSources(folders: readonly string[]): ContentSource[] {
  return resolveContentSources({ folders, repositories: [], dataDir: '.' });
}

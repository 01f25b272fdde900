/**
 * Finding the `*.md` files under a content folder. Symlinks are followed while they stay inside the folder
 * (sites link shared folders in); a link that leads outside it is a warning and is not followed, so a page
 * can never pull in a file from elsewhere on the machine (or walk all of it through a link to `/`).
 * A folder already visited is never entered again, so a symlink loop ends the walk with a problem.
 *
 * Folders are read with synchronous calls: an async readdir is a thread-pool round trip per folder, and a site keeps
 * one report per folder, so the walk spent more time waiting than reading. The walk yields to the event loop every
 * FOLDERS_PER_SLICE folders, so a bot answering meanwhile pauses for a few milliseconds at most.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { describeError } from '../errors.js';
import type { ContentProblem } from './model.js';

export interface FoundFile {
  absolutePath: string;
  /** Relative to the walked folder, with `/` separators. */
  relativePath: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: ContentProblem[];
}

const MARKDOWN = /\.md$/i;
/** Folders read between two yields to the event loop: a few milliseconds of work. */
export const FOLDERS_PER_SLICE = 256;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** Every markdown file under `root`, in a stable (sorted) order. Never throws; what it cannot read is a problem. */
export async function walkMarkdownFiles(root: string): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [] };
  let rootReal: string;
  let rootStat;
  try {
    rootReal = realpathSync.native(root);
    rootStat = statSync(rootReal);
  } catch (error) {
    result.problems.push({ source: root, line: null, severity: 'error', message: `content folder cannot be read: ${describeError(error)}` });
    return result;
  }
  if (rootStat.isFile()) {
    if (MARKDOWN.test(root)) result.files.push({ absolutePath: root, relativePath: basename(root) });
    else result.problems.push({ source: root, line: null, severity: 'error', message: 'not a folder or a .md file' });
    return result;
  }
  const walk: Walk = { rootReal, visited: new Set<string>(), result };
  // One frame per folder being read, deepest last: a subfolder is read where it sorts among its folder's entries,
  // so the files come out in the order a recursive walk gives them.
  const top = openFolder(rootReal, '', walk);
  const frames = top ? [top] : [];
  let foldersRead = 1;
  for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
    const entry = frame.entries[frame.next++];
    if (entry === undefined) {
      frames.pop();
      continue;
    }
    const subfolder = visitEntry(entry, frame, walk);
    if (subfolder === undefined) continue;
    const opened = openFolder(subfolder.real, subfolder.relativeFolder, walk);
    if (opened) frames.push(opened);
    if (++foldersRead % FOLDERS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return result;
}

interface Walk {
  /** The content folder's real path: every file read lies under it. */
  rootReal: string;
  /** Real paths of the folders already read. */
  visited: Set<string>;
  result: WalkResult;
}

/** A folder being read: its entries in sorted order and the next one to look at. */
interface FolderFrame {
  real: string;
  relativeFolder: string;
  entries: Dirent[];
  next: number;
}

function isInside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

/** Reads one folder, given by its real path (no symlink in it), so every entry's path is real too. */
function openFolder(real: string, relativeFolder: string, walk: Walk): FolderFrame | undefined {
  const { visited, result } = walk;
  if (visited.has(real)) {
    result.problems.push({ source: relativeFolder, line: null, severity: 'warning', message: 'symlink loop: this folder was already read through another path; not read again' });
    return undefined;
  }
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(real, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ source: relativeFolder || '.', line: null, severity: 'error', message: `folder cannot be read: ${describeError(error)}` });
    return undefined;
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  return { real, relativeFolder, entries, next: 0 };
}

/** One entry of a folder: a markdown file goes to the result; a folder to read next is returned. */
function visitEntry(entry: Dirent, folder: FolderFrame, walk: Walk): { real: string; relativeFolder: string } | undefined {
  const { result } = walk;
  if (entry.name.startsWith('.') || entry.name === 'node_modules') return undefined;
  let absolutePath = join(folder.real, entry.name);
  const relativePath = folder.relativeFolder === '' ? entry.name : `${folder.relativeFolder}/${entry.name}`;
  let isDirectory = entry.isDirectory();
  let isFile = entry.isFile();
  if (entry.isSymbolicLink()) {
    try {
      const target = realpathSync.native(absolutePath);
      const targetStat = statSync(target);
      isDirectory = targetStat.isDirectory();
      isFile = targetStat.isFile();
      if (!isInside(walk.rootReal, target)) {
        // Only links that could matter are reported: a folder (it might hold reports) or a markdown file.
        if (isDirectory || MARKDOWN.test(entry.name)) {
          result.problems.push({ source: relativePath, line: null, severity: 'warning', message: `symlink leads outside the content folder (to ${target}); not followed` });
        }
        return undefined;
      }
      absolutePath = target;
    } catch (error) {
      const loop = errorCode(error) === 'ELOOP';
      if (loop || MARKDOWN.test(entry.name)) {
        const message = loop ? 'symlink loop: the link never reaches a file; not followed' : `cannot be read: broken symlink (${describeError(error)})`;
        result.problems.push({ source: relativePath, line: null, severity: loop ? 'warning' : 'error', message });
      }
      return undefined;
    }
  }
  if (isDirectory) return { real: absolutePath, relativeFolder: relativePath };
  if (MARKDOWN.test(entry.name)) {
    if (isFile) result.files.push({ absolutePath, relativePath });
    else result.problems.push({ source: relativePath, line: null, severity: 'error', message: 'cannot be read: not a regular file' });
  }
  return undefined;
}

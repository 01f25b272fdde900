/**
 * Finding the `*.md` files under a content folder. Symlinks are followed while they stay inside the folder
 * (sites link shared folders in); a link that leads outside it is a warning and is not followed, so a page
 * can never pull in a file from elsewhere on the machine (or walk all of it through a link to `/`).
 * A folder already visited is never entered again, so a symlink loop ends the walk with a problem.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
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

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** Every markdown file under `root`, in a stable (sorted) order. Never throws; what it cannot read is a problem. */
export async function walkMarkdownFiles(root: string): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [] };
  let rootReal: string;
  let rootStat;
  try {
    rootReal = await realpath(root);
    rootStat = await stat(rootReal);
  } catch (error) {
    result.problems.push({ source: root, line: null, severity: 'error', message: `content folder cannot be read: ${describeError(error)}` });
    return result;
  }
  if (rootStat.isFile()) {
    if (MARKDOWN.test(root)) result.files.push({ absolutePath: root, relativePath: basename(root) });
    else result.problems.push({ source: root, line: null, severity: 'error', message: 'not a folder or a .md file' });
    return result;
  }
  await walkFolder(rootReal, '', { rootReal, visited: new Set<string>(), result });
  return result;
}

interface Walk {
  /** The content folder's real path: every file read lies under it. */
  rootReal: string;
  /** Real paths of the folders already read. */
  visited: Set<string>;
  result: WalkResult;
}

function isInside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

/** Reads one folder, given by its real path (no symlink in it), so every entry's path is real too. */
async function walkFolder(real: string, relativeFolder: string, walk: Walk): Promise<void> {
  const { visited, result } = walk;
  if (visited.has(real)) {
    result.problems.push({ source: relativeFolder, line: null, severity: 'warning', message: 'symlink loop: this folder was already read through another path; not read again' });
    return;
  }
  visited.add(real);
  let entries;
  try {
    entries = await readdir(real, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ source: relativeFolder || '.', line: null, severity: 'error', message: `folder cannot be read: ${describeError(error)}` });
    return;
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    let absolutePath = join(real, entry.name);
    const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await realpath(absolutePath);
        const targetStat = await stat(target);
        isDirectory = targetStat.isDirectory();
        isFile = targetStat.isFile();
        if (!isInside(walk.rootReal, target)) {
          // Only links that could matter are reported: a folder (it might hold reports) or a markdown file.
          if (isDirectory || MARKDOWN.test(entry.name)) {
            result.problems.push({ source: relativePath, line: null, severity: 'warning', message: `symlink leads outside the content folder (to ${target}); not followed` });
          }
          continue;
        }
        absolutePath = target;
      } catch (error) {
        const loop = errorCode(error) === 'ELOOP';
        if (loop || MARKDOWN.test(entry.name)) {
          const message = loop ? 'symlink loop: the link never reaches a file; not followed' : `cannot be read: broken symlink (${describeError(error)})`;
          result.problems.push({ source: relativePath, line: null, severity: loop ? 'warning' : 'error', message });
        }
        continue;
      }
    }
    if (isDirectory) await walkFolder(absolutePath, relativePath, walk);
    else if (MARKDOWN.test(entry.name)) {
      if (isFile) result.files.push({ absolutePath, relativePath });
      else result.problems.push({ source: relativePath, line: null, severity: 'error', message: 'cannot be read: not a regular file' });
    }
  }
}

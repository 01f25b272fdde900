/**
 * Finding the `*.md` files under a content folder. Symlinks are followed (sites link shared folders in),
 * but a folder already visited is never entered again, so a symlink loop ends the walk with a problem.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
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
  let rootStat;
  try {
    rootStat = await stat(root);
  } catch (error) {
    result.problems.push({ source: root, line: null, severity: 'error', message: `content folder cannot be read: ${describeError(error)}` });
    return result;
  }
  if (rootStat.isFile()) {
    if (MARKDOWN.test(root)) result.files.push({ absolutePath: root, relativePath: basename(root) });
    else result.problems.push({ source: root, line: null, severity: 'error', message: 'not a folder or a .md file' });
    return result;
  }
  const visited = new Set<string>();
  await walkFolder(root, '', visited, result);
  return result;
}

async function walkFolder(folder: string, relativeFolder: string, visited: Set<string>, result: WalkResult): Promise<void> {
  let real: string;
  try {
    real = await realpath(folder);
  } catch (error) {
    result.problems.push({ source: relativeFolder || '.', line: null, severity: 'error', message: `folder cannot be read: ${describeError(error)}` });
    return;
  }
  if (visited.has(real)) {
    result.problems.push({ source: relativeFolder, line: null, severity: 'warning', message: 'symlink loop: this folder was already read through another path; not read again' });
    return;
  }
  visited.add(real);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ source: relativeFolder || '.', line: null, severity: 'error', message: `folder cannot be read: ${describeError(error)}` });
    return;
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const absolutePath = join(folder, entry.name);
    const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(absolutePath);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const loop = errorCode(error) === 'ELOOP';
        if (loop || MARKDOWN.test(entry.name)) {
          const message = loop ? 'symlink loop: the link never reaches a file; not followed' : `cannot be read: broken symlink (${describeError(error)})`;
          result.problems.push({ source: relativePath, line: null, severity: loop ? 'warning' : 'error', message });
        }
        continue;
      }
    }
    if (isDirectory) await walkFolder(absolutePath, relativePath, visited, result);
    else if (MARKDOWN.test(entry.name)) {
      if (isFile) result.files.push({ absolutePath, relativePath });
      else result.problems.push({ source: relativePath, line: null, severity: 'error', message: 'cannot be read: not a regular file' });
    }
  }
}

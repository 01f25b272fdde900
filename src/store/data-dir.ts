import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeError, ErrorCode, TakeawaysError } from '../errors.js';

function problem(dataDir: string, message: string, cause?: unknown): TakeawaysError {
  return new TakeawaysError(ErrorCode.StoreUnavailable, `DATA_DIR=${dataDir}: ${message}`, { dataDir }, cause === undefined ? {} : { cause });
}

/** The path's stat, or undefined when nothing is there (or a file sits where a folder on the way should be). */
function statIfThere(path: string, dataDir: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw problem(dataDir, `cannot look at ${path} (${describeError(error)})`, error);
  }
}

/**
 * Makes sure DATA_DIR is a folder the bot may write, creating it (and any missing parent) when `create`
 * is set. Each problem is said plainly, naming DATA_DIR: a file in the way, a folder that cannot be made,
 * one the bot's user may not write. Folders are made one level at a time: Node's recursive mkdir loops
 * forever (and deaf to signals) on a path it can never create, such as /proc/x.
 */
export function checkDataDir(dataDir: string, options: { create: boolean }): void {
  const folder = resolve(dataDir);
  const missing: string[] = [];
  let path = folder;
  for (let stat = statIfThere(path, dataDir); !stat?.isDirectory(); stat = statIfThere(path, dataDir)) {
    if (stat) throw problem(dataDir, `${path} is a file, not a folder. Set DATA_DIR to the folder that holds (or is to hold) the state file.`);
    missing.unshift(path);
    const parent = dirname(path);
    if (parent === path) break;
    path = parent;
  }
  if (!options.create) return;
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statIfThere(level, dataDir)?.isDirectory()) continue;
      throw problem(dataDir, `cannot create the folder ${level} (${describeError(error)}). Set DATA_DIR to a folder the bot may create or write.`, error);
    }
  }
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw problem(dataDir, `the folder ${folder} is not writable by this user (${describeError(error)}); the bot keeps its state there. Give the bot's user write access, or set DATA_DIR to another folder.`, error);
  }
}

import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SnapshotFolder } from '../content/content-snapshot.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkDataDir } from '../store/data-dir.js';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder of DATA_DIR that holds the content snapshots. */
export const SNAPSHOT_FOLDER = 'content-snapshots';

/**
 * The content snapshot kept in DATA_DIR/content-snapshots: `create` (the bot) makes DATA_DIR when it is missing, as
 * the state store does, and warns when it cannot be kept there; the one-shot commands (ask, tip, export) use it only
 * when DATA_DIR is already there and theirs to write, so running one never leaves a folder behind or a warning about
 * a folder it may only read. Without it the reports are simply read in full.
 */
export function contentSnapshotsIn(dataDir: string, logger: Logger, options: { create: boolean }): SnapshotFolder | undefined {
  const folder = join(resolve(dataDir), SNAPSHOT_FOLDER);
  try {
    if (options.create) checkDataDir(dataDir, { create: true });
    else if (!writable(dataDir) || (existsSync(folder) && !writable(folder))) return undefined;
    if (!existsSync(folder)) mkdirSync(folder);
    return new SnapshotFolder(folder, logger);
  } catch (error) {
    logger.warn({ dataDir }, `the content snapshot cannot be kept in DATA_DIR (${describeError(error)}): every page is read at each start`);
    return undefined;
  }
}


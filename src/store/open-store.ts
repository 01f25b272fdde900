import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { checkDataDir } from './data-dir.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export const STORE_FILE_NAME = 'takeaways.sqlite';

export function storeFilePath(config: Pick<Config, 'DATA_DIR'>): string {
  return resolve(join(config.DATA_DIR, STORE_FILE_NAME));
}

/**
 * The store the configuration asks for: Redis when REDIS_URL is set (several replicas share it),
 * else the SQLite file in DATA_DIR, created on first run (a DATA_DIR that cannot hold it stops start-up, naming it).
 * - `readOnly` (previews: ask, tip, schedule, doctor): the file is read and never changed; without a file,
 *   an empty in-memory store.
 * - `mustExist` (one-off commands that record something, like deploy-commands): writes go to the file when
 *   there is one; none is created.
 * - `logger` hears about Redis going away and coming back (loudly when it comes back without the data).
 */
export async function openStore(
  config: Pick<Config, 'DATA_DIR' | 'REDIS_URL'>,
  options: { readOnly?: boolean; mustExist?: boolean; logger?: Logger } = {},
): Promise<Store> {
  if (config.REDIS_URL) {
    // Loaded only when asked for: most bots run on the embedded store, and start-up should not pay for Redis.
    const { RedisStore } = await import('./redis-store.js');
    return RedisStore.open(config.REDIS_URL, options.logger ? { logger: options.logger } : {});
  }
  const file = storeFilePath(config);
  const previewOrOneOff = Boolean(options.readOnly || options.mustExist);
  checkDataDir(config.DATA_DIR, { create: !previewOrOneOff });
  if (previewOrOneOff && !existsSync(file)) return new MemoryStore();
  return SqliteStore.open(file, { readOnly: options.readOnly ?? false });
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describeError, ErrorCode, TakeawaysError } from '../errors.js';
import type { PlatformName, Store, Subscription } from './store.js';

const SCHEMA_VERSION = 1;

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS subscriptions (
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     channel_id TEXT,
     since TEXT NOT NULL,
     PRIMARY KEY (platform, user_id)
   )`,
  `CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

interface SubscriptionRow {
  platform: PlatformName;
  user_id: string;
  channel_id: string | null;
  since: string;
}

/**
 * The embedded default: one SQLite file in DATA_DIR, in WAL mode so several processes can share it.
 * A file that is not a database, or a newer schema, stops start-up with a clear error; nothing is reset.
 */
export class SqliteStore implements Store {
  private readonly database: Database.Database;

  private constructor(database: Database.Database) {
    this.database = database;
  }

  static open(file: string): SqliteStore {
    let database: Database.Database | undefined;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      database = new Database(file);
      database.pragma('journal_mode = WAL');
      database.pragma('busy_timeout = 5000');
      const integrity = database.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integrity check failed: ${String(integrity)}`);
      const version = database.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new Error(`it was written by a newer version of the bot (schema ${version}, this one knows ${SCHEMA_VERSION})`);
      }
      database.transaction(() => {
        for (const statement of MIGRATIONS) database?.exec(statement);
        database?.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
      return new SqliteStore(database);
    } catch (error) {
      database?.close();
      throw new TakeawaysError(ErrorCode.StoreCorrupt, `cannot open the state store ${file}: ${describeError(error)}. Move the file aside to start afresh, or restore a backup.`, { file }, { cause: error });
    }
  }

  async subscribe(subscription: Subscription): Promise<boolean> {
    const existed = await this.isSubscribed(subscription.platform, subscription.userId);
    this.database
      .prepare(
        `INSERT INTO subscriptions (platform, user_id, channel_id, since) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, user_id) DO UPDATE SET channel_id = COALESCE(excluded.channel_id, subscriptions.channel_id)`,
      )
      .run(subscription.platform, subscription.userId, subscription.channelId, subscription.since);
    return !existed;
  }

  async unsubscribe(platform: PlatformName, userId: string): Promise<boolean> {
    return this.database.prepare('DELETE FROM subscriptions WHERE platform = ? AND user_id = ?').run(platform, userId).changes > 0;
  }

  async isSubscribed(platform: PlatformName, userId: string): Promise<boolean> {
    return this.database.prepare('SELECT 1 FROM subscriptions WHERE platform = ? AND user_id = ?').get(platform, userId) !== undefined;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = this.database.prepare('SELECT platform, user_id, channel_id, since FROM subscriptions ORDER BY since').all() as SubscriptionRow[];
    return rows.map((row) => ({ platform: row.platform, userId: row.user_id, channelId: row.channel_id, since: row.since }));
  }

  async getValue(key: string): Promise<string | null> {
    const row = this.database.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async setValue(key: string, value: string): Promise<void> {
    this.database.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }
}

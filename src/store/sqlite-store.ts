import { accessSync, constants, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeError, ErrorCode, errorCode, TakeawaysError } from '../errors.js';
import {
  finishedSlotPostRecord,
  isHeldBy,
  newSlotPostRecord,
  renewedSlotPostRecord,
  SLOT_RECORD_RETENTION_MS,
  type PlatformName,
  type SlotClaim,
  type SlotFinish,
  type SlotLease,
  type SlotPostRecord,
  type Store,
  type Subscription,
} from './store.js';

/** 1: subscriptions and values. 2: slot post records and leases (the tip schedule). */
export const SCHEMA_VERSION = 2;

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS subscriptions (
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     channel_id TEXT,
     since TEXT NOT NULL,
     PRIMARY KEY (platform, user_id)
   )`,
  `CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS slot_posts (
     slot TEXT NOT NULL,
     target TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
     owner TEXT NOT NULL,
     lease_until INTEGER NOT NULL,
     claimed_at TEXT NOT NULL,
     attempted_at TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     finished_at TEXT,
     message_id TEXT,
     error TEXT,
     PRIMARY KEY (slot, target)
   )`,
  `CREATE INDEX IF NOT EXISTS slot_posts_claimed_at ON slot_posts (claimed_at)`,
  `CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL)`,
];

/** Where a user's chosen language is kept among the named values. */
const languageKey = (platform: PlatformName, userId: string) => `language:${platform}:${userId}`;

/** Old slot records are pruned at most this often, on a claim. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * How long a call waits for another process's lock before it gives up: well inside the 3 s Slack and
 * Discord give an answer, so the user hears "try again" instead of nothing.
 */
const STORE_LOCK_TIMEOUT_MS = 1_000;
/** The first pause between attempts on a locked file; it doubles up to LOCK_RETRY_MAX_MS. */
const LOCK_RETRY_FIRST_MS = 5;
const LOCK_RETRY_MAX_MS = 50;

export interface SqliteStoreOptions {
  /**
   * Opens an existing file without changing it at all (no migration, no journal-mode switch):
   * for previews that must not upgrade a file an older bot may still be using.
   */
  readOnly?: boolean;
}

/** SQLITE_BUSY and SQLITE_LOCKED (and their extended codes): another connection holds the lock. */
function isLockError(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

interface SlotPostRow {
  slot: string;
  target: string;
  state: SlotPostRecord['state'];
  owner: string;
  lease_until: number;
  claimed_at: string;
  attempted_at: string | null;
  attempts: number;
  finished_at: string | null;
  message_id: string | null;
  error: string | null;
}

const fromRow = (row: SlotPostRow): SlotPostRecord => ({
  slot: row.slot,
  target: row.target,
  state: row.state,
  owner: row.owner,
  leaseUntil: row.lease_until,
  claimedAt: row.claimed_at,
  attemptedAt: row.attempted_at,
  attempts: row.attempts,
  finishedAt: row.finished_at,
  messageId: row.message_id,
  error: row.error,
});

/** The file's schema version, refused when a newer bot wrote it. */
function refuseNewerSchema(file: string, database: Database.Database): number {
  const version = database.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new TakeawaysError(
      ErrorCode.StoreCorrupt,
      `the state store ${file} was written by a newer version of the bot (schema ${version}, this one knows ${SCHEMA_VERSION}). Run that version, or restore a backup made before it; nothing was changed.`,
      { file },
    );
  }
  return version;
}

function damagedFile(file: string, reason: string, cause?: unknown): TakeawaysError {
  return new TakeawaysError(ErrorCode.StoreCorrupt, `cannot open the state store ${file}: ${reason}. Move the file aside to start afresh, or restore a backup.`, { file }, cause === undefined ? {} : { cause });
}

/** Why the file could not be opened, in words that point at the fix. */
function describeOpenFailure(file: string, error: unknown, readOnly: boolean): TakeawaysError {
  if (error instanceof TakeawaysError) return error;
  const reason = describeError(error);
  const code = errorCode(error);
  const fail = (message: string) => new TakeawaysError(ErrorCode.StoreUnavailable, message, { file }, { cause: error });
  if (isLockError(error)) {
    return fail(`the state store ${file} is locked by another process (${reason}): another bot upgrading it, or a sqlite3 shell or backup holding it in a transaction. Start again once it is free; nothing was changed.`);
  }
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return damagedFile(file, reason, error);
  if (readOnly) return fail(`cannot read the state store ${file}: ${reason}`);
  if (/^SQLITE_(READONLY|PERM|AUTH)/.test(code) || ['EACCES', 'EPERM', 'EROFS'].includes(code)) {
    return fail(`the state store ${file} is not writable by this user (${reason}). Give the bot's user write access to it and its folder (SQLite keeps -wal and -shm files next to it), or set DATA_DIR to another folder.`);
  }
  if (/^SQLITE_CANTOPEN/.test(code)) {
    return fail(`cannot open the state store ${file} (${reason}): its folder must exist, and the bot's user must be able to write the file and the folder (SQLite keeps -wal and -shm files next to it).`);
  }
  return fail(`cannot open the state store ${file}: ${reason}`);
}

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
  private readonly file: string;
  private prunedAt = 0;

  /** Each SQL text prepared once: preparing a statement costs more than running it (a `/lang` read on every request). */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.database.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private constructor(database: Database.Database, file: string) {
    this.database = database;
    this.file = file;
    // From here on a locked file fails a statement at once and `call` waits asynchronously: SQLite's own
    // busy wait would block the whole process, and every answer with it.
    database.pragma('busy_timeout = 0');
  }

  /**
   * Opens (and creates or upgrades) the file; its folder must exist (see checkDataDir). What stops it is
   * said plainly: a lock held by another process, a file the bot may not write, a newer version's file;
   * only a file that really is damaged comes with the advice to move it aside.
   */
  static open(file: string, options: SqliteStoreOptions = {}): SqliteStore {
    let database: Database.Database | undefined;
    try {
      if (options.readOnly) {
        database = new Database(file, { readonly: true, fileMustExist: true });
        database.pragma(`busy_timeout = ${STORE_LOCK_TIMEOUT_MS}`);
        refuseNewerSchema(file, database);
        return new SqliteStore(database, file);
      }
      // SQLite would quietly open a file it may not write read-only, and fail on the first write instead.
      if (file !== ':memory:' && existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
      database = new Database(file);
      // Opening happens once, before any answer: a short synchronous wait for a lock is fine here.
      database.pragma(`busy_timeout = ${STORE_LOCK_TIMEOUT_MS}`);
      if (database.pragma('journal_mode', { simple: true }) !== 'wal') database.pragma('journal_mode = WAL');
      const integrity = database.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw damagedFile(file, `integrity check failed: ${String(integrity)}`);
      // A current file needs no write to open, so a bot starts even while another process holds the write lock.
      if (refuseNewerSchema(file, database) < SCHEMA_VERSION) {
        database.transaction(() => {
          for (const statement of MIGRATIONS) database?.exec(statement);
          database?.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      }
      return new SqliteStore(database, file);
    } catch (error) {
      database?.close();
      throw describeOpenFailure(file, error, options.readOnly ?? false);
    }
  }

  async subscribe(subscription: Subscription): Promise<boolean> {
    return this.call(() =>
      this.database.transaction(() => {
        const existed = this.hasSubscription(subscription.platform, subscription.userId);
        this.statement(
            `INSERT INTO subscriptions (platform, user_id, channel_id, since) VALUES (?, ?, ?, ?)
             ON CONFLICT (platform, user_id) DO UPDATE SET channel_id = COALESCE(excluded.channel_id, subscriptions.channel_id)`,
          )
          .run(subscription.platform, subscription.userId, subscription.channelId, subscription.since);
        return !existed;
      }).immediate(),
    );
  }

  async unsubscribe(platform: PlatformName, userId: string): Promise<boolean> {
    return this.call(() => this.statement('DELETE FROM subscriptions WHERE platform = ? AND user_id = ?').run(platform, userId).changes > 0);
  }

  async isSubscribed(platform: PlatformName, userId: string): Promise<boolean> {
    return this.call(() => this.hasSubscription(platform, userId));
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = await this.call(() => this.statement('SELECT platform, user_id, channel_id, since FROM subscriptions ORDER BY since').all() as SubscriptionRow[]);
    return rows.map((row) => ({ platform: row.platform, userId: row.user_id, channelId: row.channel_id, since: row.since }));
  }

  /** A user's language is a named value: no new table, so a file of an older version answers it too. */
  async getLanguage(platform: PlatformName, userId: string): Promise<string | null> {
    return this.getValue(languageKey(platform, userId));
  }

  async setLanguage(platform: PlatformName, userId: string, language: string | null): Promise<void> {
    if (language !== null) {
      await this.setValue(languageKey(platform, userId), language);
      return;
    }
    await this.call(() => this.statement('DELETE FROM kv WHERE key = ?').run(languageKey(platform, userId)));
  }

  async getValue(key: string): Promise<string | null> {
    const row = await this.call(() => this.statement('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined);
    return row?.value ?? null;
  }

  async setValue(key: string, value: string): Promise<void> {
    await this.call(() => this.statement('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
  }

  async claimSlotPost(lease: SlotLease): Promise<SlotClaim> {
    return this.call(() => {
      this.pruneSlotPosts(lease.now);
      const record = newSlotPostRecord(lease);
      // INSERT OR IGNORE is the claim: in one statement, so two processes sharing the file cannot both win.
      const inserted = this.statement(
          `INSERT OR IGNORE INTO slot_posts (slot, target, state, owner, lease_until, claimed_at, attempted_at, attempts, finished_at, message_id, error)
           VALUES (@slot, @target, @state, @owner, @leaseUntil, @claimedAt, @attemptedAt, @attempts, @finishedAt, @messageId, @error)`,
        )
        .run(record);
      if (inserted.changes > 0) return { claimed: true, record };
      return { claimed: false, record: this.readSlotPost(lease.slot, lease.target) as SlotPostRecord };
    });
  }

  async renewSlotPost(lease: SlotLease, heldBy: string, options: { attempt?: boolean } = {}): Promise<SlotPostRecord | null> {
    return this.call(() =>
      this.database.transaction(() => {
        const existing = this.readSlotPost(lease.slot, lease.target);
        if (!isHeldBy(existing, heldBy)) return null;
        const record = renewedSlotPostRecord(existing, lease, options.attempt ?? false);
        this.statement('UPDATE slot_posts SET owner = ?, lease_until = ?, attempted_at = ?, attempts = ? WHERE slot = ? AND target = ?')
          .run(record.owner, record.leaseUntil, record.attemptedAt, record.attempts, record.slot, record.target);
        return record;
      }).immediate(),
    );
  }

  async finishSlotPost(finish: SlotFinish): Promise<boolean> {
    return this.call(() =>
      this.database.transaction(() => {
        const existing = this.readSlotPost(finish.slot, finish.target);
        if (!isHeldBy(existing, finish.owner)) return false;
        const record = finishedSlotPostRecord(existing, finish);
        this.statement('UPDATE slot_posts SET state = ?, finished_at = ?, message_id = ?, error = ? WHERE slot = ? AND target = ?')
          .run(record.state, record.finishedAt, record.messageId, record.error, record.slot, record.target);
        return true;
      }).immediate(),
    );
  }

  async readSlotPosts(slot: string): Promise<SlotPostRecord[]> {
    const rows = await this.call(() => this.statement('SELECT * FROM slot_posts WHERE slot = ? ORDER BY claimed_at, target').all(slot) as SlotPostRow[]);
    return rows.map(fromRow);
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const taken = await this.call(() =>
      this.statement(
          `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE leases.until <= ?`,
        )
        .run(name, owner, now.getTime() + ttlMs, now.getTime()),
    );
    return taken.changes > 0;
  }

  /**
   * Runs one statement or transaction; while another process holds the lock, tries again after short
   * pauses in which the process serves everything else, and gives up after STORE_LOCK_TIMEOUT_MS.
   */
  private async call<T>(operation: () => T): Promise<T> {
    const deadline = Date.now() + STORE_LOCK_TIMEOUT_MS;
    for (let pause = LOCK_RETRY_FIRST_MS; ; pause = Math.min(pause * 2, LOCK_RETRY_MAX_MS)) {
      try {
        return operation();
      } catch (error) {
        if (!isLockError(error)) throw error;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new TakeawaysError(
            ErrorCode.StoreUnavailable,
            `the state store ${this.file} is locked by another process (waited ${STORE_LOCK_TIMEOUT_MS} ms): a sqlite3 shell or backup holding it open in a transaction?`,
            { file: this.file },
            { cause: error },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      }
    }
  }

  private hasSubscription(platform: PlatformName, userId: string): boolean {
    return this.statement('SELECT 1 FROM subscriptions WHERE platform = ? AND user_id = ?').get(platform, userId) !== undefined;
  }

  private readSlotPost(slot: string, target: string): SlotPostRecord | undefined {
    const row = this.statement('SELECT * FROM slot_posts WHERE slot = ? AND target = ?').get(slot, target) as SlotPostRow | undefined;
    return row && fromRow(row);
  }

  private pruneSlotPosts(now: Date): void {
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now.getTime();
    this.statement('DELETE FROM slot_posts WHERE claimed_at < ?').run(new Date(now.getTime() - SLOT_RECORD_RETENTION_MS).toISOString());
    this.statement('DELETE FROM leases WHERE until < ?').run(now.getTime());
  }

  readiness(): Record<string, boolean> {
    return {};
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }
}

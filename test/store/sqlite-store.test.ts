import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTakeawaysError } from '../../src/errors.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'takeaways-store-')), name);

describe('SqliteStore', () => {
  it('keeps subscriptions and values across reopening', async () => {
    const file = tempFile('state.sqlite');
    const first = SqliteStore.open(file);
    expect(await first.subscribe({ platform: 'slack', userId: 'U1', channelId: 'D1', since: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(await first.subscribe({ platform: 'slack', userId: 'U1', channelId: null, since: '2026-01-02T00:00:00Z' })).toBe(false);
    await first.setValue('discord:commands-hash', 'abc');
    await first.close();

    const second = SqliteStore.open(file);
    expect(await second.listSubscriptions()).toEqual([{ platform: 'slack', userId: 'U1', channelId: 'D1', since: '2026-01-01T00:00:00Z' }]);
    expect(await second.getValue('discord:commands-hash')).toBe('abc');
    expect(await second.unsubscribe('slack', 'U1')).toBe(true);
    expect(await second.isSubscribed('slack', 'U1')).toBe(false);
    await second.close();
  });

  it('refuses a file that is not a database with a clear error, and leaves it untouched', () => {
    const file = tempFile('state.sqlite');
    writeFileSync(file, 'this is not a database, it is a grocery list '.repeat(100));
    let caught: unknown;
    try {
      SqliteStore.open(file);
    } catch (error) {
      caught = error;
    }
    expect(isTakeawaysError(caught, 'store_corrupt')).toBe(true);
    expect((caught as Error).message).toContain(file);
    expect((caught as Error).message).toMatch(/Move the file aside/);
    expect(readFileSync(file, 'utf8')).toBe('this is not a database, it is a grocery list '.repeat(100));
    expect(readdirSync(dirname(file))).toEqual(['state.sqlite']);
  });

  it('refuses a file of a newer version without the advice meant for a damaged one', () => {
    const file = tempFile('state.sqlite');
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();

    expect(() => SqliteStore.open(file)).toThrow(/written by a newer version of the bot \(schema 99, this one knows \d+\)\. Run that version/);
    expect(() => SqliteStore.open(file)).not.toThrow(/Move the file aside/);
  });
});

describe('SqliteStore opened read-only', () => {
  it('reads a file of an older schema without changing a byte of it', async () => {
    const file = tempFile('v1.sqlite');
    const v1 = new Database(file);
    v1.exec(`CREATE TABLE subscriptions (platform TEXT NOT NULL, user_id TEXT NOT NULL, channel_id TEXT, since TEXT NOT NULL, PRIMARY KEY (platform, user_id));
             CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO kv VALUES ('tips:rotation', '[]');`);
    v1.pragma('user_version = 1');
    v1.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    const store = SqliteStore.open(file, { readOnly: true });
    expect(await store.getValue('tips:rotation')).toBe('[]');
    await expect(store.setValue('x', 'y')).rejects.toThrow();
    await store.close();

    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});

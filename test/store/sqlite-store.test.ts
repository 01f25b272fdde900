import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  });
});

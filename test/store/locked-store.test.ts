import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { createBot } from '../../src/core/create-bot.js';
import { createLibrary } from '../../src/core/library.js';
import { isTakeawaysError } from '../../src/errors.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';
import { createCapturingLogger } from '../support/test-bot.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A state file in a fresh folder, and another "process" (connection) holding its write lock, as `sqlite3` in BEGIN EXCLUSIVE does. */
function lockedStore(): { file: string; store: SqliteStore; release: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-locked-'));
  const file = join(dir, 'takeaways.sqlite');
  const store = SqliteStore.open(file);
  const other = new Database(file);
  other.exec('BEGIN EXCLUSIVE');
  const release = () => {
    if (other.inTransaction) other.exec('ROLLBACK');
  };
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => void store.close());
  cleanups.push(() => other.close());
  cleanups.push(release);
  return { file, store, release };
}

/** How late a 10 ms timer fires while `work` runs: how long the event loop was blocked. */
async function timerLatency(work: Promise<unknown>): Promise<number> {
  const started = performance.now();
  const fired = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 10));
  await work.catch(() => undefined);
  return fired - started - 10;
}

const subscription = { platform: 'slack' as const, userId: 'U1', channelId: 'D1', since: '2026-03-02T09:00:00Z' };

describe('SqliteStore while another process holds the lock', () => {
  it('waits without blocking the event loop, then gives up within a second with an error naming the file', async () => {
    const { file, store } = lockedStore();
    const started = performance.now();
    const call = store.subscribe(subscription);
    const error = call.catch((caught: unknown) => caught);

    expect(await timerLatency(call)).toBeLessThan(100);
    const caught = await error;
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(isTakeawaysError(caught, 'store_unavailable')).toBe(true);
    expect((caught as Error).message).toContain(file);
    expect((caught as Error).message).toMatch(/locked by another process/);
  });

  it('goes through once the lock is released in time', async () => {
    const { store, release } = lockedStore();
    setTimeout(release, 200);

    expect(await store.subscribe(subscription)).toBe(true);
    expect(await store.isSubscribed('slack', 'U1')).toBe(true);
  });

  it('lets answers that need no state through at once, and tells a user whose command needs it to try again', async () => {
    const { store } = lockedStore();
    const { logger } = createCapturingLogger();
    const bot = createBot({ library: createLibrary(modelOf(workshopEvent()), defaultTaxonomy), store, logger, clock: () => new Date('2026-03-02T09:00:00Z') });
    const user = { platform: 'slack' as const, id: 'U1', dmChannelId: 'D1' };

    const started = performance.now();
    const subscribing = bot.run({ command: 'subscribe', args: '', user }).then((answer) => ({ answer, ms: performance.now() - started }));
    const speakers = await bot.run({ command: 'speakers', args: 'thinh', user: { ...user, id: 'U2' } });
    const speakersMs = performance.now() - started;

    expect(speakers.title).toMatch(/Speakers/i);
    expect(speakersMs).toBeLessThan(200);
    const { answer, ms } = await subscribing;
    expect(ms).toBeLessThan(1_500);
    expect(answer.ephemeral).toBe(true);
    expect(answer.title).toBe('Try again in a moment');
    expect(answer.blocks.map((block) => ('text' in block ? block.text : '')).join(' ')).toMatch(/saved state .* busy/);
  });
});

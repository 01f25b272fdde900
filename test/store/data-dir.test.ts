import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isTakeawaysError } from '../../src/errors.js';
import { openStore, STORE_FILE_NAME } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { captureFailure } from '../support/capture-failure.js';
import { spawnCli } from '../support/cli-process.js';

const SEED_SITE = resolve('test/content/fixtures/seed-site');
const DAMAGED_ADVICE = /Move the file aside/;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-datadir-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openError(dataDir: string): Promise<Error> {
  return captureFailure(openStore({ DATA_DIR: dataDir, REDIS_URL: undefined }), (store) => store.close());
}

/** `takeaways start` (the console, as no chat token is set) on this DATA_DIR; killed if it runs past `timeoutMs`. */
async function startWith(dataDir: string, options: { user?: { uid: number; gid: number }; timeoutMs?: number } = {}) {
  const cli = spawnCli(['start'], { CONTENT_DIR: SEED_SITE, DATA_DIR: dataDir, CONTENT_WATCH: 'false' }, options.user ? { user: options.user } : {});
  const timer = setTimeout(() => void cli.kill(), options.timeoutMs ?? 15_000);
  const exit = await cli.exited;
  clearTimeout(timer);
  return { ...exit, stderr: cli.stderr() };
}

/** A v1 file: opening it for writing migrates it, which needs the write lock. */
function writeVersionOneFile(file: string): void {
  const v1 = new Database(file);
  v1.exec('CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  v1.pragma('user_version = 1');
  v1.close();
}

function holdWriteLock(file: string): void {
  const other = new Database(file);
  other.exec('BEGIN EXCLUSIVE');
  cleanups.push(() => {
    other.exec('ROLLBACK');
    other.close();
  });
}

describe('start-up on a DATA_DIR the store cannot use', () => {
  it('fails at once on DATA_DIR=/proc/x, naming it, instead of spinning forever', async () => {
    const started = Date.now();
    const result = await startWith('/proc/x/state');

    expect(result.signal, 'the process had to be killed').toBeNull();
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stderr).toMatch(/DATA_DIR=\/proc\/x\/state: cannot create the folder \/proc\/x/);
    expect(result.stderr).not.toMatch(DAMAGED_ADVICE);
  }, 20_000);

  it.each([
    ['DATA_DIR itself', (dir: string) => dir],
    ['a folder on the way to DATA_DIR', (dir: string) => join(dir, 'below')],
  ])('says DATA_DIR is a file when %s is one, and leaves the file alone', async (_case, dataDirOf) => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'my notes');

    const error = await openError(dataDirOf(file));

    expect(isTakeawaysError(error, 'store_unavailable')).toBe(true);
    expect(error.message).toContain(`DATA_DIR=${dataDirOf(file)}: ${file} is a file, not a folder`);
    expect(error.message).not.toMatch(DAMAGED_ADVICE);
    expect(readFileSync(file, 'utf8')).toBe('my notes');
  });

  it('says the file is locked by another process when a migration needs the lock, without advising to move it', () => {
    const file = join(tempDir(), STORE_FILE_NAME);
    writeVersionOneFile(file);
    holdWriteLock(file);

    let caught: unknown;
    try {
      SqliteStore.open(file).close();
    } catch (error) {
      caught = error;
    }
    expect(isTakeawaysError(caught, 'store_unavailable')).toBe(true);
    expect((caught as Error).message).toMatch(new RegExp(`the state store ${file} is locked by another process`));
    expect((caught as Error).message).not.toMatch(DAMAGED_ADVICE);
  });

  it('opens a current file while another process holds its write lock (nothing to write at start)', async () => {
    const file = join(tempDir(), STORE_FILE_NAME);
    const first = SqliteStore.open(file);
    await first.setValue('k', 'v');
    await first.close();
    holdWriteLock(file);

    const store = SqliteStore.open(file);
    expect(await store.getValue('k')).toBe('v');
    await store.close();
  });

  describe('a DATA_DIR the bot’s user may not write', () => {
    // Root writes anywhere: as root, the bot runs as nobody to meet the permission a real user would.
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : undefined;
    const readOnly = (path: string, isFolder: boolean) => chmodSync(path, asRoot ? (isFolder ? 0o755 : 0o644) : isFolder ? 0o555 : 0o444);

    function reachableTempDir(): string {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      return dir;
    }

    it.each([
      [
        'an empty folder',
        (dir: string) => {
          mkdirSync(join(dir, 'data'));
          readOnly(join(dir, 'data'), true);
        },
        /DATA_DIR=\S+\/data: the folder \S+ is not writable by this user/,
      ],
      [
        'a folder holding a good state file',
        (dir: string) => {
          mkdirSync(join(dir, 'data'));
          SqliteStore.open(join(dir, 'data', STORE_FILE_NAME)).close();
          readOnly(join(dir, 'data'), true);
        },
        /DATA_DIR=\S+\/data: the folder \S+ is not writable by this user/,
      ],
      [
        'a state file it may only read',
        (dir: string) => {
          mkdirSync(join(dir, 'data'), { mode: 0o777 });
          chmodSync(join(dir, 'data'), 0o777);
          SqliteStore.open(join(dir, 'data', STORE_FILE_NAME)).close();
          for (const name of readdirSync(join(dir, 'data'))) readOnly(join(dir, 'data', name), false);
        },
        /the state store \S+takeaways\.sqlite is not writable by this user/,
      ],
    ])('stops start-up saying so for %s, never advising to move the file', async (_case, setUp, expected) => {
      const dir = reachableTempDir();
      setUp(dir);

      const result = await startWith(join(dir, 'data'), user ? { user } : {});

      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(DAMAGED_ADVICE);
    }, 20_000);
  });
});

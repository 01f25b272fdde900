/**
 * A real redis-server for the Redis tests: on a free 127.0.0.1 port, without persistence, in a temp dir.
 * On a machine without redis-server the Redis tests are skipped with a loud banner, so `npm test` still works
 * for a newcomer; CI sets REQUIRE_REDIS_TESTS=1 (see .ci/run, which installs redis-server), and there a
 * missing server fails the run instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const REDIS_SERVER_AVAILABLE = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
export const REDIS_TESTS_SKIPPED = !REDIS_SERVER_AVAILABLE && process.env['REQUIRE_REDIS_TESTS'] !== '1';
export const REDIS_MISSING_MESSAGE =
  'redis-server is not installed, so the Redis store and two-replica tests cannot run. Install it (apt-get install -y redis-server) to run them.';

if (REDIS_TESTS_SKIPPED) {
  // Loud on purpose: a skipped Redis suite must never read as a pass.
  process.stderr.write(`\n${'!'.repeat(100)}\n!! REDIS TESTS SKIPPED: ${REDIS_MISSING_MESSAGE}\n${'!'.repeat(100)}\n\n`);
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts redis-server and resolves once it accepts connections; throws the missing-server message when there is none.
 * `port` starts it where an earlier one ran: a restart, empty as a server without persistence comes back.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  if (!REDIS_SERVER_AVAILABLE) throw new Error(REDIS_MISSING_MESSAGE);
  const dir = mkdtempSync(join(tmpdir(), 'takeaways-redis-'));
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { CONFIG_KEYS } from '../../src/config.js';

export interface CliExit {
  /** null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when it exited. */
  at: number;
}

export interface CliProcess {
  child: ChildProcess;
  exited: Promise<CliExit>;
  stdout(): string;
  stderr(): string;
  /** Ends it (SIGKILL) if it still runs, and waits for the exit. */
  kill(): Promise<void>;
}

/**
 * The `takeaways` command line from source, in a child process, with exactly the configuration given:
 * every other key is set empty, so a developer's own .env (which dotenv would read) cannot leak into a test.
 * `user` runs it as another user (a test running as root needs that to meet a permission it would bypass).
 */
export function spawnCli(args: readonly string[], env: Record<string, string>, options: { input?: string; user?: { uid: number; gid: number } } = {}): CliProcess {
  return spawnProcess(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], env, options);
}

/** Any command (e.g. `npm start`) with the same blanked configuration and captured output as `spawnCli`. */
export function spawnProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  options: { input?: string; cwd?: string; user?: { uid: number; gid: number } } = {},
): CliProcess {
  const blank = Object.fromEntries(CONFIG_KEYS.map((key) => [key, '']));
  const child = spawn(command, args, {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...blank, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.user ?? {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin?.end(options.input ?? '');
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The port Slack's HTTP receiver listens on, once the bot's log says it started; undefined before. */
export function slackHttpPort(logs: string): number | undefined {
  const port = /"port":(\d+)[^\n]*"msg":"slack started"/.exec(logs)?.[1];
  return port ? Number(port) : undefined;
}

/**
 * Whole processes, as a user meets them, each next to a bare baseline in the same run, alternating baseline and
 * ours (A B A B …) and quoting medians and their ratio:
 * - `npm start` (the console, on the built dist/, the bundled report, stdin answering `/speakers thinh` then
 *   `/quit`) from spawn to exit, vs a bare `node` process that only imports @slack/bolt and discord.js. Goal ≤ 1.5×.
 * - `takeaways export DIR` of 2,000 and 10,000 generated reports (bench/content-load.ts's `generateSite`), stdout to
 *   /dev/null, with no content snapshot, vs a whole `node` process running gray-matter alone over the same files
 *   (a recursive readdir, a read and `matter(text, {})` per file). Goal ≤ 3×. Then the same export again with a
 *   DATA_DIR whose content snapshot is warm (a restart with unchanged content) vs the same baseline. Goal ≤ 1.2×.
 * - Resident memory of `takeaways start` with Slack (Socket Mode) and Discord both connected to the local fakes
 *   (test/fakes) and 1,000 generated reports loaded, read from /proc once both platforms say they started. Goal ≤ 160 MB.
 * Run alone with `npx tsx bench/whole-process.ts [rounds]` after `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FakeDiscord } from '../test/fakes/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/fake-slack.js';
import { formatBenchTable, median, type BenchRow } from './bench-table.js';
import { generateSite } from './content-load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, 'dist/src/cli.js');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The configuration keys a developer's .env might set, blanked so the measured process sees only what is given. */
const BLANK = Object.fromEntries(
  ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APP_ID', 'REDIS_URL', 'CONTENT_REPOS', 'HEALTH_PORT', 'TIP_SLACK_CHANNELS', 'TIP_DISCORD_CHANNELS'].map((key) => [key, '']),
);

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...BLANK, ...extra };
}

/** Milliseconds from spawn to exit of one process; it must succeed. */
function timeProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input = ''): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, env, input, stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return elapsed;
}

/** Runs baseline and ours alternately, `rounds` times each, starting with the baseline; the medians. */
function alternate(rounds: number, baseline: () => number, ours: () => number): { baseline: number; ours: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    a.push(baseline());
    b.push(ours());
  }
  return { baseline: median(a), ours: median(b) };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = (ours: number, baseline: number) => `${(ours / baseline).toFixed(2)}×`;

const BARE_SDKS = `await import('@slack/bolt'); await import('discord.js');`;

/** `npm start` to the console's first answer and exit, vs bare node importing the two chat SDKs. */
export function startToFirstAnswer(rounds: number): BenchRow[] {
  const data = mkdtempSync(join(tmpdir(), 'takeaways-bench-start-'));
  try {
    const env = environment({ CONTENT_DIR: resolve(ROOT, 'content'), DATA_DIR: data });
    const npmStart = () => timeProcess(NPM, ['start', '--silent'], env, '/speakers thinh\n/quit\n');
    const bare = () => timeProcess(process.execPath, ['--input-type=module', '-e', BARE_SDKS], env);
    npmStart();
    const { baseline, ours } = alternate(rounds, bare, npmStart);
    const note = `medians of ${rounds} alternating runs, spawn to exit`;
    return [
      { bench: 'whole process: start', scenario: 'bare node importing @slack/bolt and discord.js', result: ms(baseline), note },
      { bench: 'whole process: start', scenario: 'npm start, console: /speakers thinh, /quit', result: ms(ours), note: `${note}; built dist/, bundled report` },
      { bench: 'whole process: start', scenario: 'npm start / bare SDK import', result: ratio(ours, baseline), note: 'goal ≤ 1.5×' },
    ];
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

const GRAY_MATTER_ALONE = `
  import { readdirSync, readFileSync } from 'node:fs';
  import { join } from 'node:path';
  import matter from 'gray-matter';
  let parsed = 0;
  for (const entry of readdirSync(process.argv[1], { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    if (typeof matter(readFileSync(join(entry.parentPath, entry.name), 'utf8'), {}).content === 'string') parsed++;
  }
  if (parsed === 0) process.exit(1);`;

/** `takeaways export` as a whole process, cold and with a warm snapshot, vs gray-matter alone in a whole process. */
export async function exportWholeProcess(count: number, rounds: number): Promise<BenchRow[]> {
  const { dir, bytes } = await generateSite(count, 20251129 + count);
  const warm = mkdtempSync(join(tmpdir(), 'takeaways-bench-snapshot-'));
  try {
    const scenario = `${count.toLocaleString('en-US')} reports (${(bytes / 2 ** 20).toFixed(1)} MB)`;
    const grayMatter = () => timeProcess(process.execPath, ['--input-type=module', '-e', GRAY_MATTER_ALONE, dir], environment({}));
    // No DATA_DIR folder: export reads every page.
    const cold = () => timeProcess(process.execPath, [CLI, 'export', dir], environment({ DATA_DIR: join(warm, 'none') }));
    const restart = () => timeProcess(process.execPath, [CLI, 'export', dir], environment({ DATA_DIR: warm }));
    // The generated files are seconds old: the snapshot keeps only pages older than 2 s, so wait that out, then warm it.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    grayMatter();
    restart();
    const first = alternate(rounds, grayMatter, cold);
    const second = alternate(rounds, grayMatter, restart);
    const baseline = median([first.baseline, second.baseline]);
    const note = `medians of ${rounds} alternating runs, spawn to exit`;
    return [
      { bench: 'whole process: export', scenario, result: `gray-matter alone ${ms(baseline)}`, note: `${note}; recursive readdir, read, matter(text, {})` },
      { bench: 'whole process: export', scenario, result: `takeaways export ${ms(first.ours)}`, note: `${note}; no snapshot, stdout to /dev/null` },
      { bench: 'whole process: export', scenario, result: `ratio ${ratio(first.ours, first.baseline)}`, note: 'goal ≤ 3×' },
      { bench: 'whole process: export', scenario, result: `restart, snapshot warm ${ms(second.ours)}`, note: `${note}; unchanged content` },
      { bench: 'whole process: export', scenario, result: `ratio ${ratio(second.ours, second.baseline)}`, note: 'goal ≤ 1.2×' },
    ];
  } finally {
    rmSync(warm, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(/\d+/.exec(line ?? '')?.[0] ?? Number.NaN) / 1024;
}

/** RSS of the bot with both platforms connected to the local fakes and 1,000 reports loaded: a first start, then a restart. */
export async function memoryWithBothPlatforms(): Promise<BenchRow[]> {
  const { dir } = await generateSite(1_000, 7);
  const data = mkdtempSync(join(tmpdir(), 'takeaways-bench-memory-'));
  const slack = await startFakeSlack();
  const discord = await FakeDiscord.start();
  try {
    // The generated files are seconds old: the content snapshot keeps only pages older than 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const rows: BenchRow[] = [];
    for (const scenario of ['first start', 'restart, snapshots warm']) {
      const rss = await residentAfterStart(dir, data, slack, discord);
      rows.push({ bench: 'whole process: memory', scenario: `Slack + Discord connected, 1,000 reports, ${scenario}`, result: `RSS ${rss.toFixed(0)} MB`, note: 'takeaways start on dist/, idle 2 s after both started; goal ≤ 160 MB' });
    }
    return rows;
  } finally {
    await slack.close();
    await discord.close();
    rmSync(data, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

async function residentAfterStart(dir: string, data: string, slack: FakeSlack, discord: FakeDiscord): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd: ROOT,
    env: environment({
      CONTENT_DIR: dir,
      DATA_DIR: data,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-bench-memory',
      SLACK_APP_TOKEN: 'xapp-bench-memory',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APP_ID: discord.appId,
      DISCORD_API_URL: discord.apiUrl,
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let logs = '';
  child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  try {
    const deadline = Date.now() + 120_000;
    while (!(logs.includes('"slack started"') && logs.includes('"discord started"'))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not start both platforms:\n${logs}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (slack.socketCount() === 0 || discord.connectedSessions === 0) throw new Error('a platform is not connected to its fake');
    // Settled: what it holds while idle, answering nothing yet.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return residentMegabytes(child.pid ?? 0);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function runWholeProcessBench(rounds = 5): Promise<BenchRow[]> {
  return [
    ...startToFirstAnswer(rounds),
    ...(await exportWholeProcess(2_000, rounds)),
    // One run each at 10,000: the knowledge base of the generated site alone takes minutes there (see the README).
    ...(await exportWholeProcess(10_000, 1)),
    ...(await memoryWithBothPlatforms()),
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatBenchTable(await runWholeProcessBench(Number(process.argv[2] ?? 5))));
}

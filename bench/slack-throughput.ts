/**
 * Slash-command throughput through Bolt's HTTP receiver: our app over the core against a bare Bolt
 * app that acks a constant, same run, same machine, alternating rounds (the side going first rotates), medians of the
 * rounds, at 10 and at 32 keep-alive connections. Both apps run in this process (one measured at a time), on the
 * bundled report; the load generator runs in a worker thread so the client's work does not share the servers' event
 * loop. Run alone with `npx tsx bench/slack-throughput.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { App, LogLevel } from '@slack/bolt';
import { loadLibrary } from '../src/app/load-library.js';
import { folderSources } from '../src/sources/content-sources.js';
import { createBot } from '../src/core/create-bot.js';
import { TIP_SOURCES } from '../src/core/tips.js';
import { createSilentLogger } from '../src/logger.js';
import { startSlack } from '../src/platforms/slack/slack-platform.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { startFakeSlack } from '../test/fakes/fake-slack.js';
import { formatBenchTable, median, percentile, type BenchRow } from './bench-table.js';

const SECRET = 'bench-signing-secret';

interface RoundResult {
  requestsPerSecond: number;
  latenciesMs: number[];
  failures: number;
}

interface LoadSpec {
  url: string;
  secret: string;
  bodies: string[];
  total: number;
  concurrency: number;
}

/** Plain JavaScript, evaluated in a worker: signs each request as Slack does and times it. */
const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { createHmac } = require('node:crypto');
const { url, secret, bodies, total, concurrency } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
let sent = 0;
let failures = 0;
function one() {
  if (sent >= total) return Promise.resolve();
  const body = bodies[sent % bodies.length];
  sent += 1;
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: {
      'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } }, (response) => {
      response.resume();
      response.on('end', () => { if (response.statusCode !== 200) failures += 1; latencies.push(performance.now() - started); resolve(); });
    });
    request.on('error', () => { failures += 1; resolve(); });
    request.end(body);
  }).then(one);
}
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, one)).then(() => {
  const elapsed = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ requestsPerSecond: (total / elapsed) * 1000, latenciesMs: latencies, failures });
});
`;

function runLoad(spec: LoadSpec): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: spec });
    worker.once('message', (result: RoundResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

function slashBody(command: string, text: string, user = 'U0BENCH'): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'general',
    user_id: user,
    user_name: 'bench',
    command,
    text,
    api_app_id: 'A0BENCH',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: '1.2.3',
  }).toString();
}

/** What people type most: lookups that the core answers from its reply cache or in well under a millisecond. */
const OUR_COMMANDS = [
  slashBody('/speakers', 'thinh'),
  slashBody('/takeaways', 'pillars iam'),
  slashBody('/tip', ''),
  slashBody('/lessons', ''),
  slashBody('/takeaways', 'search guardduty'),
  slashBody('/events', ''),
];
const BARE_COMMANDS = [slashBody('/speakers', 'thinh')];
/** The same question from 50 people: with RATE_LIMIT_PER_MINUTE at its highest, none of them is held back. */
const MANY_ASKERS = Array.from({ length: 50 }, (_, index) => slashBody('/speakers', 'thinh', `U0BENCH${index}`));

/** At 10 and at 32 connections, the two settings: in this process, then as two whole processes. */
export async function runSlackThroughputBench(options: { rounds?: number; requestsPerRound?: number } = {}): Promise<BenchRow[]> {
  return [
    ...(await benchAtConcurrency({ ...options, concurrency: 10 })),
    ...(await benchAtConcurrency({ ...options, concurrency: 32 })),
    ...(await benchWholeProcesses({ ...options, concurrency: 10 })),
    ...(await benchWholeProcesses({ ...options, concurrency: 32 })),
  ];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A bare Bolt app acking a constant, in a process of its own; prints its port. */
const BARE_BOLT_PROCESS = `
  const { App, LogLevel } = await import('@slack/bolt');
  const app = new App({ token: 'xoxb-bench', signingSecret: process.env.SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.API_URL, retryConfig: { retries: 0 } } });
  app.command('/speakers', async ({ ack }) => { await ack({ response_type: 'ephemeral', text: 'ok' }); });
  const server = await app.start(0);
  console.error(JSON.stringify({ port: server.address().port, msg: 'slack started' }));
  process.on('SIGTERM', () => process.exit(0));`;

/** Starts a process and resolves with it and the port its log names once it says "slack started". */
async function startProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let logs = '';
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const port = /"port":(\d+)[^\n]*"msg":"slack started"/.exec(logs)?.[1];
    if (port !== undefined) return { child, port: Number(port) };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args.join(' ')} did not start:\n${logs}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * As a user runs it: `takeaways start` (built dist/, Slack over HTTP, the bundled report, the default LOG_LEVEL=info,
 * metrics and health on Slack's port, content watching) and a bare Bolt process, each alone in its process; the
 * question comes from 50 users and RATE_LIMIT_PER_MINUTE is at its highest, so every request is answered, not refused.
 */
async function benchWholeProcesses(options: { rounds?: number; requestsPerRound?: number; concurrency: number }): Promise<BenchRow[]> {
  const rounds = options.rounds ?? 5;
  const total = options.requestsPerRound ?? 4_000;
  const { concurrency } = options;
  const fake = await startFakeSlack();
  const data = mkdtempSync(join(tmpdir(), 'takeaways-bench-slack-'));
  const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
  const children: ChildProcess[] = [];
  try {
    const ours = await startProcess([resolve(ROOT, 'dist/src/cli.js'), 'start'], {
      ...base,
      CONTENT_DIR: resolve(ROOT, 'content'),
      DATA_DIR: data,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '10000',
    });
    children.push(ours.child);
    const bare = await startProcess(['--input-type=module', '-e', BARE_BOLT_PROCESS], { ...base, SECRET, API_URL: fake.apiUrl });
    children.push(bare.child);
    const sides = [
      { name: 'takeaways start: /speakers thinh', url: `http://127.0.0.1:${ours.port}/slack/events`, rounds: [] as RoundResult[] },
      { name: 'bare Bolt process acking a constant', url: `http://127.0.0.1:${bare.port}/slack/events`, rounds: [] as RoundResult[] },
    ];
    for (const side of sides) await runLoad({ url: side.url, secret: SECRET, bodies: MANY_ASKERS, total: 1_000, concurrency });
    for (let round = 0; round < rounds; round += 1) {
      for (let turn = 0; turn < sides.length; turn += 1) {
        const side = sides[(round + turn) % sides.length];
        if (side) side.rounds.push(await runLoad({ url: side.url, secret: SECRET, bodies: MANY_ASKERS, total, concurrency }));
      }
    }
    const setup = `${rounds} alternating rounds × ${total} req, ${concurrency} concurrent, medians; each app a whole process`;
    const [oursSide, bareSide] = sides.map((side) => ({
      name: side.name,
      rps: median(side.rounds.map((round) => round.requestsPerSecond)),
      p99: median(side.rounds.map((round) => percentile([...round.latenciesMs].sort((a, b) => a - b), 0.99))),
      failures: side.rounds.reduce((sum, round) => sum + round.failures, 0),
    }));
    if (oursSide === undefined || bareSide === undefined) return [];
    const bench = `slack slash commands, whole processes, ${concurrency} connections`;
    return [
      ...[oursSide, bareSide].map((side) => ({ bench, scenario: side.name, result: `${Math.round(side.rps)} req/s, p99 ${side.p99.toFixed(2)} ms`, note: `${setup}; ${side.failures} non-200` })),
      { bench, scenario: 'takeaways start / bare Bolt process', result: `${(oursSide.rps / bareSide.rps).toFixed(2)}×`, note: 'goal ≥ 0.9×' },
    ];
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
    }
    await fake.close();
    rmSync(data, { recursive: true, force: true });
  }
}

async function benchAtConcurrency(options: { rounds?: number; requestsPerRound?: number; concurrency: number }): Promise<BenchRow[]> {
  const rounds = options.rounds ?? 5;
  const total = options.requestsPerRound ?? 4_000;
  const concurrency = options.concurrency;
  const fake = await startFakeSlack();
  const store = new MemoryStore();
  const logger = createSilentLogger();
  // The bundled reports, loaded as `npm start` loads them.
  const { library } = await loadLibrary({ sources: folderSources(['content']), lang: 'en', tipSources: TIP_SOURCES.filter((source) => source === 'lessons') });
  const bot = createBot({ library, store, logger });
  const ours = await startSlack({ bot, store, logger, botToken: 'xoxb-bench', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl });

  const bare = new App({ token: 'xoxb-bench', signingSecret: SECRET, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
  bare.command('/speakers', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'ok' });
  });
  const bareServer = (await bare.start(0)) as Server;

  const oursUrl = `http://127.0.0.1:${ours.port ?? 0}/slack/events`;
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
  const sides = [
    { name: 'our app: /speakers thinh', url: oursUrl, bodies: BARE_COMMANDS, rounds: [] as RoundResult[] },
    { name: 'our app: 6 commands mixed', url: oursUrl, bodies: OUR_COMMANDS, rounds: [] as RoundResult[] },
    { name: 'bare Bolt acking a constant', url: bareUrl, bodies: BARE_COMMANDS, rounds: [] as RoundResult[] },
  ];
  try {
    // Warm every side (JIT, reply caches, keep-alive sockets) before measuring.
    for (const side of sides) await runLoad({ url: side.url, secret: SECRET, bodies: side.bodies, total: 1_000, concurrency });
    for (let round = 0; round < rounds; round += 1) {
      // Rotate which side goes first, so drift (thermal, GC, neighbours) does not favour one.
      for (let turn = 0; turn < sides.length; turn += 1) {
        const side = sides[(round + turn) % sides.length];
        if (side) side.rounds.push(await runLoad({ url: side.url, secret: SECRET, bodies: side.bodies, total, concurrency }));
      }
    }
  } finally {
    await ours.stop();
    await bare.stop();
    await fake.close();
  }

  const setup = `${rounds} rounds × ${total} req, ${concurrency} concurrent, medians`;
  const summaries = sides.map((side) => ({
    name: side.name,
    rps: median(side.rounds.map((round) => round.requestsPerSecond)),
    p50: median(side.rounds.map((round) => percentile([...round.latenciesMs].sort((a, b) => a - b), 0.5))),
    p99: median(side.rounds.map((round) => percentile([...round.latenciesMs].sort((a, b) => a - b), 0.99))),
    failures: side.rounds.reduce((sum, round) => sum + round.failures, 0),
  }));
  const bareRps = summaries[2]?.rps ?? Number.NaN;
  return [
    ...summaries.map((summary) => ({
      bench: `slack slash commands, ${concurrency} connections`,
      scenario: summary.name,
      result: `${Math.round(summary.rps)} req/s, p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms`,
      note: `${setup}; ${summary.failures} non-200`,
    })),
    ...summaries.slice(0, 2).map((summary) => ({
      bench: `slack slash commands, ${concurrency} connections`,
      scenario: `${summary.name} / bare`,
      result: `${(summary.rps / bareRps).toFixed(2)}×`,
      note: 'goal ≥ 0.9×, p99 far under 3 s',
    })),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSlackThroughputBench()
    .then((rows) => console.log(formatBenchTable(rows)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}

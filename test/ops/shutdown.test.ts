import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { sendEvent, startFakeSlack, waitFor, type FakeSlack } from '../fakes/fake-slack.js';
import { slackHttpPort, spawnCli, spawnProcess, type CliExit, type CliProcess } from '../support/cli-process.js';

const SIGNING_SECRET = 'shutdown-test-signing-secret';
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
});

/** The seed report and fresh state; the content is not watched. */
function botEnvironment(): Record<string, string> {
  return {
    CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-shutdown-')),
    CONTENT_WATCH: 'false',
  };
}

/** Slack over HTTP against the fake, on a free port. */
function slackBotEnvironment(slack: FakeSlack): Record<string, string> {
  return { ...botEnvironment(), SLACK_BOT_TOKEN: 'xoxb-shutdown-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' };
}

/** `takeaways start` with Slack over HTTP against the fake. */
function startSlackBot(slack: FakeSlack, extra: Record<string, string> = {}): CliProcess {
  return spawnCli(['start'], { ...slackBotEnvironment(slack), ...extra });
}

/** `takeaways start` with Discord against the fake. */
function startDiscordBot(discord: FakeDiscord, extra: Record<string, string> = {}): CliProcess {
  return spawnCli(['start'], { ...botEnvironment(), DISCORD_TOKEN: discord.token, DISCORD_APP_ID: discord.appId, DISCORD_API_URL: discord.apiUrl, ...extra });
}

/** A DM whose answer is still on its way to Slack (held 1.5 s there) when this returns. */
async function replyInFlight(slack: FakeSlack, cli: CliProcess): Promise<void> {
  const port = await slack.waitFor(() => slackHttpPort(cli.stderr()), 20_000);
  slack.delay('chat.postMessage', 1_500);
  const dm = { type: 'message', channel_type: 'im', channel: 'D0SIG', user: 'U0SIG', text: 'tip', ts: '1700000001.000100' };
  await sendEvent(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, { type: 'event_callback', team_id: 'T0FAKE', event_id: 'EvSig', event_time: 1, event: dm });
  await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1, 10_000);
}

describe('graceful shutdown', () => {
  it('lets a reply in flight reach Slack on SIGTERM, then exits 0', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack);
    const logs = () => cli.stderr();
    try {
      await replyInFlight(slack, cli);
      const postArrivedAt = Date.now();
      cli.child.kill('SIGTERM');

      const { code, at } = await cli.exited;
      expect(code, logs()).toBe(0);
      // The process waited for Slack's (slow) answer to the post before it exited.
      expect(at - postArrivedAt).toBeGreaterThanOrEqual(1_300);
      expect(logs()).not.toContain('abandoned');
      expect(logs()).toContain('"msg":"stopped"');
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    } finally {
      await cli.kill();
    }
  }, 40_000);

  it('stops cleanly on a SIGTERM that arrives while the bot is still starting', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack);
    try {
      // The content is read before any platform starts: the signal lands in the middle of start-up.
      await slack.waitFor(() => cli.stderr().includes('"msg":"content loaded"'), 20_000);
      cli.child.kill('SIGTERM');
      const { code } = await cli.exited;
      expect(code, cli.stderr()).toBe(0);
      expect(cli.stderr()).toContain('"msg":"stopping"');
      expect(cli.stderr()).toContain('"msg":"stopped"');
    } finally {
      await cli.kill();
    }
  }, 40_000);
});

describe('signals', () => {
  it.each([
    ['SIGHUP', ['SIGHUP']],
    ['a second SIGTERM during the drain (npm forwarding one, or a signal to the process group)', ['SIGTERM', 'SIGTERM']],
    ['SIGINT twice (Ctrl-C reaching both npm and the bot)', ['SIGINT', 'SIGINT']],
  ] as const)('drains a reply in flight and exits 0 on %s', async (_label, signals) => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack);
    try {
      await replyInFlight(slack, cli);
      const signalledAt = Date.now();
      for (const signal of signals) {
        cli.child.kill(signal);
        // Apart, as two deliveries: signals sent at once may merge into one.
        await new Promise((done) => setTimeout(done, 200));
      }

      const { code, signal, at } = await exitWithin(cli, 15_000);
      expect({ code, signal }, cli.stderr()).toEqual({ code: 0, signal: null });
      expect(at - signalledAt).toBeGreaterThanOrEqual(1_200);
      expect(cli.stderr()).toContain('"msg":"stopped"');
      expect(cli.stderr()).not.toContain('abandoned');
    } finally {
      await cli.kill();
    }
  }, 40_000);
});

describe('npm start and signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops the bot itself (drained, exit 0) when npm start gets %s, not just the shell npm runs', async (signal) => {
    fake = await startFakeSlack();
    const slack = fake;
    const npm = startWithNpm(slack);
    let pid: number | undefined;
    try {
      pid = await slack.waitFor(() => botPid(npm.stderr()), 30_000);
      expect(pid).not.toBe(npm.child.pid);
      npm.child.kill(signal);
      // npm exits with the bot's own exit code.
      expect((await exitWithin(npm, 15_000)).code, npm.stderr()).toBe(0);
      await slack.waitFor(() => !isRunning(pid as number), 10_000);
      expect(npm.stderr()).toContain('"msg":"stopped"');
    } finally {
      if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
      await npm.kill();
    }
  }, 60_000);
});

describe('the shutdown deadline', () => {
  const TIMEOUT_MS = 2_000;
  /** Start-up of a process and its exit take a little on top of the deadline, on a busy machine too. */
  const MARGIN_MS = 1_500;

  it('holds when the Discord gateway never answers the close: the process exits within SHUTDOWN_TIMEOUT_MS', async () => {
    const discord = await FakeDiscord.start();
    const cli = startDiscordBot(discord, { SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      // The tip schedule starts last: the bot is up, not still starting.
      await waitFor(() => cli.stderr().includes('"msg":"tip schedule started"'), 20_000);
      await new Promise((done) => setTimeout(done, 100));
      discord.silenceGateway();
      const signalledAt = Date.now();
      cli.child.kill('SIGTERM');
      const { code, at } = await exitWithin(cli, TIMEOUT_MS + 10_000);
      expect(at - signalledAt, cli.stderr()).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(code, cli.stderr()).toBe(0);
      expect(cli.stderr()).toMatch(/"late":\["discord"\][^\n]*did not stop in time/);
      expect(cli.stderr()).toContain('"msg":"stopped"');
    } finally {
      await cli.kill();
      await discord.close();
    }
  }, 40_000);

  it('holds during a start-up that never finishes (Discord never answers the login): exit 1 at SHUTDOWN_TIMEOUT_MS', async () => {
    const discord = await FakeDiscord.start();
    discord.delay((method, path) => method === 'GET' && path === '/gateway/bot', 60_000);
    const cli = startDiscordBot(discord, { SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS) });
    try {
      await waitFor(() => discord.calls.some((call) => call.path === '/gateway/bot'), 20_000);
      const signalledAt = Date.now();
      cli.child.kill('SIGTERM');
      const { code, at } = await exitWithin(cli, TIMEOUT_MS + 10_000);
      expect(at - signalledAt, cli.stderr()).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(at - signalledAt).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(code, cli.stderr()).toBe(1);
    } finally {
      await cli.kill();
      await discord.close();
    }
  }, 40_000);

  it('holds while a client stalls in the middle of a Slack request', async () => {
    fake = await startFakeSlack();
    const slack = fake;
    const cli = startSlackBot(slack, { SHUTDOWN_TIMEOUT_MS: String(TIMEOUT_MS) });
    const socket = new Socket();
    try {
      socket.connect(await slack.waitFor(() => slackHttpPort(cli.stderr()), 20_000), '127.0.0.1');
      // Headers and a part of the body, then nothing: the request stays open (Node gives it 5 minutes).
      socket.write('POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
      await new Promise((done) => setTimeout(done, 200));
      const signalledAt = Date.now();
      cli.child.kill('SIGTERM');
      const { code, at } = await exitWithin(cli, TIMEOUT_MS + 10_000);
      expect(at - signalledAt, cli.stderr()).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(code, cli.stderr()).toBe(0);
      expect(cli.stderr()).toContain('"msg":"stopped"');
    } finally {
      socket.destroy();
      await cli.kill();
    }
  }, 40_000);
});

/** The process's exit, or an error (so the test's clean-up still runs) when it is still running after `timeoutMs`. */
async function exitWithin(cli: CliProcess, timeoutMs: number): Promise<CliExit> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`still running ${timeoutMs} ms after the signal`)), timeoutMs)));
  try {
    return await Promise.race([cli.exited, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** `npm start` run by npm itself, with the start script exactly as package.json has it. */
function startWithNpm(slack: FakeSlack): CliProcess {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const scratch = mkdtempSync(join(tmpdir(), 'takeaways-npm-start-'));
  // A package with the same start script; its built CLI is a stand-in that runs the source through tsx, so no build is needed.
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'start-script-check', private: true, type: 'module', scripts: { start: scripts['start'] } }));
  mkdirSync(join(scratch, 'dist', 'src'), { recursive: true });
  writeFileSync(join(scratch, 'dist', 'src', 'cli.js'), `import { register } from 'tsx/esm/api';\nregister();\nawait import(${JSON.stringify(pathToFileURL(resolve('src/cli.ts')).href)});\n`);
  symlinkSync(resolve('node_modules'), join(scratch, 'node_modules'));
  return spawnProcess('npm', ['start', '--silent'], { ...slackBotEnvironment(slack), npm_config_update_notifier: 'false' }, { cwd: scratch });
}

/** The bot's process id, from its log lines (pino writes `pid` in each). */
function botPid(logs: string): number | undefined {
  const pid = /"pid":(\d+)[^\n]*"msg":"slack started"/.exec(logs)?.[1];
  return pid ? Number(pid) : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvent, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
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

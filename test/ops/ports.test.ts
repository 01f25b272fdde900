import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/app/start-bot.js';
import { readConfig } from '../../src/config.js';
import { isTakeawaysError } from '../../src/errors.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A port another process listens on, on every interface as a real one would. */
async function busyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, done));
  return (server.address() as { port: number }).port;
}

function environment(extra: Record<string, string>): Record<string, string> {
  return {
    CONTENT_DIR: resolve('test/content/fixtures/seed-site'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'takeaways-ports-')),
    // Loading content reads this file first and fails: a port reported here was checked before any content.
    TAXONOMY_FILE: join(tmpdir(), 'takeaways-no-such-taxonomy.yaml'),
    LOG_LEVEL: 'silent',
    CONTENT_WATCH: 'false',
    ...extra,
  };
}

describe('ports taken by another process', () => {
  it.each([
    ['HEALTH_PORT', (port: number) => ({ DISCORD_TOKEN: 'x.y.z', DISCORD_APP_ID: '123456789', HEALTH_PORT: String(port) })],
    ['PORT', (port: number) => ({ SLACK_BOT_TOKEN: 'xoxb-ports', SLACK_SIGNING_SECRET: 'ports-secret', SLACK_API_URL: 'http://127.0.0.1:1/api/', PORT: String(port) })],
  ])('stop start-up naming %s, before the content is loaded', async (key, settings) => {
    const port = await busyPort();

    const error = await startBot(readConfig(environment(settings(port)))).catch((caught: unknown) => caught);

    expect(isTakeawaysError(error, 'config_invalid'), String(error)).toBe(true);
    expect((error as Error).message).toBe(`${key}=${port}: the port is already in use (EADDRINUSE); another process listens there. Stop it, or set ${key} to a free port.`);
  });
});

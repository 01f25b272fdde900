import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';

const SLACK_BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const SLACK_APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const SIGNING_SECRET = 'f3e1c0ffee5ca1ab1e8badf00d123456';

function capture(level = 'trace') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level, destination, secrets: [SLACK_BOT_TOKEN, SLACK_APP_TOKEN, DISCORD_TOKEN, SIGNING_SECRET] });
  return { logger, output: () => chunks.join('') };
}

describe('the logger redacts secrets itself', () => {
  it.each(['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const)('at level %s, in messages, errors, URLs and nested objects', (level) => {
    const { logger, output } = capture();
    const error = new Error(`request failed for token ${SLACK_BOT_TOKEN}`);
    (error as Error & { cause?: unknown }).cause = new Error(`gateway said: invalid ${DISCORD_TOKEN}`);
    logger[level]({ err: error, url: `https://slack.com/api/auth.test?token=${SLACK_APP_TOKEN}`, nested: { deeper: { signingSecret: SIGNING_SECRET, note: `secret=${SIGNING_SECRET}` } } }, `connecting with ${DISCORD_TOKEN}`);
    logger[level]({ headers: { authorization: `Bot ${DISCORD_TOKEN}` }, redisUrl: 'redis://default:hunter2hunter2@127.0.0.1:6379/0' }, 'request');
    const text = output();
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [SLACK_BOT_TOKEN, SLACK_APP_TOKEN, DISCORD_TOKEN, SIGNING_SECRET, 'hunter2hunter2']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('request failed for token');
  });

  it('catches token shapes it was not told about', () => {
    const { logger, output } = capture();
    logger.info(`another workspace token xoxb-9999999999-8888888888-ZyXwVuTsRqPoNmLkJiHgFeDc leaked`);
    expect(output()).not.toContain('xoxb-9999999999');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { CONFIG_KEYS, readConfig } from '../../src/config.js';
import { isTakeawaysError } from '../../src/errors.js';

function problemsOf(environment: Record<string, string>): string {
  try {
    readConfig(environment);
  } catch (error) {
    if (isTakeawaysError(error, 'config_invalid')) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration', () => {
  it('accepts an empty environment: the console needs nothing', () => {
    const config = readConfig({});
    expect(config.CONTENT_DIR).toEqual(['./content']);
    expect(config.TIP_TIMEZONE).toBe('UTC');
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(10);
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    const everyKeyEmpty = Object.fromEntries(CONFIG_KEYS.map((key) => [key, '']));
    const config = readConfig({ ...everyKeyEmpty, RATE_LIMIT_PER_MINUTE: ' ' });
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.CONTENT_DIR).toEqual(['./content']);
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.HEALTH_PORT).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(10);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(config.TIP_CATCH_UP).toBe(true);
  });

  it('reads .env.example as a valid configuration that lists every key the bot reads', () => {
    const example = parseDotenv(readFileSync('.env.example', 'utf8'));
    expect(Object.keys(example).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(() => readConfig(example)).not.toThrow();
  });

  it.each([
    ['a Slack app token in the bot token key', { SLACK_BOT_TOKEN: 'xapp-1-A1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }, 'SLACK_BOT_TOKEN', 'starting with "xoxb-"'],
    ['a bot token in the app token key', { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xoxb-1-2-abc' }, 'SLACK_APP_TOKEN', 'starting with "xapp-"'],
    ['a Slack bot token with neither signing secret nor app token', { SLACK_BOT_TOKEN: 'xoxb-x' }, 'SLACK_SIGNING_SECRET', 'HTTP'],
    ['a signing secret without a bot token', { SLACK_SIGNING_SECRET: 'secret' }, 'SLACK_BOT_TOKEN', 'required'],
    ['a Discord token without the application id', { DISCORD_TOKEN: 'abc.def.ghi' }, 'DISCORD_APP_ID', 'required'],
    ['a non-numeric Discord application id', { DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APP_ID: 'my-bot' }, 'DISCORD_APP_ID', 'numeric'],
    ['an unknown time zone', { TIP_TIMEZONE: 'Saigon' }, 'TIP_TIMEZONE', 'IANA'],
    ['an unknown tip source', { TIP_SOURCES: 'lessons,rumours' }, 'TIP_SOURCES', 'rumours'],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'info'],
    ['a port out of range', { PORT: '70000' }, 'PORT', '65535'],
    ['a negative timeout', { SHUTDOWN_TIMEOUT_MS: '-5' }, 'SHUTDOWN_TIMEOUT_MS', 'whole number'],
    ['a health port that is not a number', { HEALTH_PORT: 'eighty' }, 'HEALTH_PORT', 'port number'],
    ['a flag that is not true or false', { CONTENT_WATCH: 'sometimes' }, 'CONTENT_WATCH', 'true or false'],
    ['an API URL that is not a URL', { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'slack dot com' }, 'SLACK_API_URL', 'URL'],
    ['a Redis database that is not a number', { REDIS_URL: 'redis://localhost:6379/main' }, 'REDIS_URL', 'database number'],
    ['a content language that is not a language code', { CONTENT_LANG: 'english' }, 'CONTENT_LANG', 'language code such as en or vi'],
    ['a content language that is a path', { CONTENT_LANG: '../vi' }, 'CONTENT_LANG', 'language code'],
    ['tip sources that name none', { TIP_SOURCES: ' , ' }, 'TIP_SOURCES', 'at least one of lessons, learned, highlights'],
    ['a health port equal to Slack’s HTTP port', { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', PORT: '3000', HEALTH_PORT: '3000' }, 'HEALTH_PORT', 'same port as PORT (3000)'],
    ['a rate limit of zero', { RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE', 'from 1 to 10000'],
  ])('names the key for %s', (_case, environment, key, expected) => {
    const message = problemsOf(environment);
    expect(message).toMatch(new RegExp(`${key}: [^\\n]*${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each([
    ['vi', 'vi'],
    ['VI', 'vi'],
    ['zh-CN', 'zh-cn'],
  ])('accepts CONTENT_LANG=%s as the language %s', (value, expected) => {
    expect(readConfig({ CONTENT_LANG: value }).CONTENT_LANG).toBe(expected);
  });

  it('reads TIP_SOURCES in any case, once each', () => {
    expect(readConfig({ TIP_SOURCES: 'Lessons, learned,lessons' }).TIP_SOURCES).toEqual(['lessons', 'learned']);
  });

  it.each([
    ['Socket Mode, where PORT is not used', { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_APP_TOKEN: 'xapp-x', PORT: '3000', HEALTH_PORT: '3000' }],
    ['no Slack at all', { PORT: '3000', HEALTH_PORT: '3000' }],
    ['both picked by the system (0)', { SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', PORT: '0', HEALTH_PORT: '0' }],
  ])('accepts HEALTH_PORT equal to PORT with %s', (_case, environment) => {
    expect(() => readConfig(environment)).not.toThrow();
  });

  it('reports every problem at once', () => {
    const message = problemsOf({ TIP_TIMEZONE: 'Nowhere', LOG_LEVEL: 'loud', PORT: '-1', DISCORD_TOKEN: 'x' });
    for (const key of ['TIP_TIMEZONE', 'LOG_LEVEL', 'PORT', 'DISCORD_APP_ID']) expect(message).toContain(`${key}:`);
  });
});

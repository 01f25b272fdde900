import { describe, expect, it } from 'vitest';
import { configSecrets, readConfig, readSourceConfig } from '../../src/config.js';
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

describe('configuration of the content sources', () => {
  it('reads the bundled ./content when neither CONTENT_DIR nor CONTENT_REPOS is set, syncing every 10 minutes', () => {
    const config = readConfig({});
    expect(config.CONTENT_DIR).toEqual(['./content']);
    expect(config.CONTENT_REPOS).toEqual([]);
    expect(config.CONTENT_SYNC_INTERVAL).toBe(10 * 60_000);
    expect(config.GITHUB_WEBHOOK_SECRET).toBeUndefined();
  });

  it('takes several folders, comma-separated, each once', () => {
    expect(readConfig({ CONTENT_DIR: 'sites/a/content, sites/b/content ,sites/a/content,' }).CONTENT_DIR).toEqual(['sites/a/content', 'sites/b/content']);
  });

  it('reads only the repositories when CONTENT_REPOS is set and CONTENT_DIR is not', () => {
    const config = readConfig({ CONTENT_REPOS: 'https://github.com/owner/site.git' });
    expect(config.CONTENT_DIR).toEqual([]);
    expect(config.CONTENT_REPOS.map((repository) => repository.site)).toEqual(['owner/site']);
  });

  it('reads folders and repositories together when both are set', () => {
    const config = readConfig({ CONTENT_DIR: './content', CONTENT_REPOS: 'git@github.com:owner/site.git#main' });
    expect(config.CONTENT_DIR).toEqual(['./content']);
    expect(config.CONTENT_REPOS).toEqual([expect.objectContaining({ url: 'git@github.com:owner/site.git', branch: 'main', host: 'github.com', site: 'owner/site' })]);
  });

  it.each([
    ['an unsupported scheme', 'ftp://example.com/owner/site.git', 'ftp:// is not supported'],
    ['a path without an owner', 'https://github.com/site.git', 'expected an owner and a name'],
    ['no address at all', 'just-a-name', 'not a repository address'],
    ['a branch git would refuse', 'https://github.com/owner/site.git#bad..branch', 'not a branch name'],
    ['a branch that reads as an option', 'https://github.com/owner/site.git#-x', 'not a branch name'],
    ['an address that reads as an option', '-oProxyCommand=evil@host:owner/site', 'not a repository address'],
    ['a file URL naming another machine', 'file://server/owner/site', 'names a folder on this machine'],
  ])('names a CONTENT_REPOS entry with %s', (_case, entry, expected) => {
    const message = problemsOf({ CONTENT_REPOS: `https://github.com/fine/one.git, ${entry}` });
    expect(message).toContain(`CONTENT_REPOS: ${entry.replace(/^(https:\/\/)[^@/]+@/, '$1****@')}`);
    expect(message).toContain(expected);
    expect(message).not.toContain('fine/one');
  });

  it('lists every malformed entry at once, with every other problem', () => {
    const message = problemsOf({ CONTENT_REPOS: 'ftp://a/b/c, nothing', CONTENT_SYNC_INTERVAL: 'soon', LOG_LEVEL: 'loud' });
    expect(message).toContain('CONTENT_REPOS: ftp://a/b/c');
    expect(message).toContain('CONTENT_REPOS: nothing');
    expect(message).toContain('CONTENT_SYNC_INTERVAL');
    expect(message).toContain('LOG_LEVEL');
  });

  it('never prints a token from a malformed repository URL', () => {
    const message = problemsOf({ CONTENT_REPOS: 'https://ghp_abcdefghijklmnop@github.com/onlyname' });
    expect(message).toContain('https://****@github.com/onlyname');
    expect(message).not.toContain('ghp_abcdefghijklmnop');
  });

  it('refuses the same repository listed twice, in two spellings', () => {
    expect(problemsOf({ CONTENT_REPOS: 'https://github.com/Owner/Site.git, git@github.com:Owner/Site.git#dev' })).toMatch(
      /CONTENT_REPOS: https:\/\/github\.com\/Owner\/Site\.git and git@github\.com:Owner\/Site\.git#dev are one repository/,
    );
  });

  it.each([
    ['10m', 600_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['0', 0],
  ])('reads CONTENT_SYNC_INTERVAL=%s as %d ms', (value, expected) => {
    expect(readConfig({ CONTENT_SYNC_INTERVAL: value }).CONTENT_SYNC_INTERVAL).toBe(expected);
  });

  it.each([
    ['10', 'not a duration'],
    ['ten minutes', 'not a duration'],
    ['-1m', 'not a duration'],
    ['5s', 'shorter than 10s'],
  ])('refuses CONTENT_SYNC_INTERVAL=%s', (value, expected) => {
    expect(problemsOf({ CONTENT_SYNC_INTERVAL: value })).toMatch(new RegExp(`CONTENT_SYNC_INTERVAL: [^\\n]*${expected}`));
  });

  it('hands the webhook secret and a repository token to the logger as secrets', () => {
    const config = readConfig({ GITHUB_WEBHOOK_SECRET: 'webhook-secret-value', CONTENT_REPOS: 'https://x-access-token:ghs_tokenvalue123@github.com/owner/site.git' });
    expect(configSecrets(config)).toEqual(expect.arrayContaining(['webhook-secret-value', 'ghs_tokenvalue123']));
  });

  it('reads the source keys alone for check and export, whatever else is wrong', () => {
    const sources = readSourceConfig({ CONTENT_REPOS: 'https://github.com/owner/site.git', LOG_LEVEL: 'loud', TIP_CRON: 'never' });
    expect(sources.CONTENT_REPOS.map((repository) => repository.site)).toEqual(['owner/site']);
    expect(() => readSourceConfig({ CONTENT_REPOS: 'nothing' })).toThrow(/CONTENT_REPOS: nothing/);
  });
});

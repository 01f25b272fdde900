import { mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSyncReport, ProgressLines } from '../../src/cli/sync-commands.js';
import type { ContentModel } from '../../src/content/model.js';
import { ErrorCode, TakeawaysError } from '../../src/errors.js';
import { parseContentRepository, type ContentRepository } from '../../src/sources/content-repository.js';
import { LocalRepository, reportPage } from '../support/git-repository.js';
import { runCli, SEED_SITE } from './run-cli.js';

function repositoryAt(entry: string): ContentRepository {
  const parsed = parseContentRepository(entry);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.repository;
}

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'takeaways-cli-sync-'));
  mkdirSync(join(root, 'remotes'));
  const remote = LocalRepository.create(join(root, 'remotes'), 'writer/site', {
    'content/event-1/index.md': reportPage('Cloud Security Day', ['Lan Pham']),
    'content/event-2/index.md': reportPage('DevOps Day', ['Minh Tran']),
  });
  return { root, remote, dataDir: join(root, 'data') };
}

describe('takeaways sync', () => {
  it('clones every repository, lists the reports per site, and exits 1 naming the one that failed', async () => {
    const { root, remote, dataDir } = workspace();
    const missing = `file://${join(root, 'remotes', 'writer', 'missing')}`;
    const result = await runCli(['sync'], { env: { DATA_DIR: dataDir, CONTENT_DIR: '', CONTENT_REPOS: `${missing},${remote.url()}` } });

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^writer\/missing {2}FAILED: writer\/missing \(file:\/\/.*\): cannot clone: .*does not appear to be a git repository/m);
    expect(result.stdout).toMatch(/^writer\/site {5}cloned: 2 reports added, 0 reports changed, 0 reports removed \(at [0-9a-f]{7}\)\n {2}\+ event-1\/index\.md\n {2}\+ event-2\/index\.md$/m);
    expect(result.stdout).toMatch(/\n\n1 of 2 repositories synced; failed: writer\/missing\n$/);
  });

  it('shows what a new commit added, changed and removed, and exits 0', async () => {
    const { remote, dataDir } = workspace();
    const env = { DATA_DIR: dataDir, CONTENT_DIR: '', CONTENT_REPOS: remote.url() };
    expect((await runCli(['sync'], { env })).code).toBe(0);
    remote.commit({ 'content/event-1/index.md': reportPage('Cloud Security Day', ['Lan Pham', 'Hoa Le']), 'content/event-2/index.md': null, 'content/event-3.md': reportPage('AI Day', ['An Vo']) }, 'more');

    const result = await runCli(['sync'], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'writer/site  updated: 1 report added, 1 report changed, 1 report removed (at ' + remote.head().slice(0, 7) + ')\n  + event-3.md\n  ~ event-1/index.md\n  - event-2/index.md',
    );
    expect(result.stdout).toMatch(/\n\n1 of 1 repository synced\n$/);
  });

  it('refuses to run with no CONTENT_REPOS, saying what to set', async () => {
    const result = await runCli(['sync'], { env: { CONTENT_REPOS: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('takeaways: sync has nothing to do: CONTENT_REPOS is empty');
  });
});

describe('commands reading the configured sources from disk', () => {
  it('check, export and ask read the folders and the clones, with no network (the remote is gone)', async () => {
    const { remote, dataDir } = workspace();
    const env = { DATA_DIR: dataDir, CONTENT_DIR: SEED_SITE, CONTENT_REPOS: remote.url() };
    expect((await runCli(['sync'], { env })).code).toBe(0);
    renameSync(remote.dir, `${remote.dir}-gone`);

    const check = await runCli(['check'], { env });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/^seed-site\/4-EventParticipated\/4\.3-Event3\/_index\.md\s/m);
    expect(check.stdout).toMatch(/^writer\/site\/event-1\/index\.md\s+Cloud Security Day\s/m);

    const exported = JSON.parse((await runCli(['export'], { env })).stdout) as { reports: ContentModel['events'] };
    expect(Object.keys(exported)).toEqual(['reports', 'events', 'people', 'skipped', 'problems']);
    expect(exported.reports.map((report) => [report.id, report.site])).toEqual([
      ['seed-site/4-eventparticipated/4.3-event3', 'seed-site'],
      ['writer/site/event-1', 'writer/site'],
      ['writer/site/event-2', 'writer/site'],
    ]);

    const asked = await runCli(['ask', 'speakers minh'], { env });
    expect(asked.stdout).toContain('Minh Tran');
  });

  it('check DIR reads that folder alone, as before', async () => {
    const { remote, dataDir } = workspace();
    const result = await runCli(['check', SEED_SITE], { env: { DATA_DIR: dataDir, CONTENT_REPOS: remote.url() } });
    expect(result.stdout).toMatch(/^4-EventParticipated\/4\.3-Event3\/_index\.md\s/m);
    expect(result.stdout).not.toContain('writer/site');
  });

  it('doctor says which repositories are not cloned yet, and that a webhook secret without a server is never used', async () => {
    const { remote, dataDir } = workspace();
    const result = await runCli(['doctor'], { env: { DATA_DIR: dataDir, CONTENT_DIR: '', CONTENT_REPOS: remote.url(), GITHUB_WEBHOOK_SECRET: 'doctor-webhook-secret' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/GITHUB_WEBHOOK_SECRET\s+…\(21 characters\)/);
    expect(result.stdout).not.toContain('doctor-webhook-secret');
    expect(result.stdout).toContain('writer/site: not cloned yet (`takeaways sync` clones it; so does the bot at start)');
    expect(result.stdout).toContain('no report found in writer/site (file://');
    expect(result.stdout).toContain('writer/site not cloned yet: run `takeaways sync`');
    expect(result.stdout).toContain('GITHUB_WEBHOOK_SECRET is set but no HTTP server takes /webhooks/github');
  });
});

describe('the sync report', () => {
  it('says per repository what happened, failures included', () => {
    const site = repositoryAt('https://github.com/writer/site.git');
    const other = repositoryAt('git@github.com:writer/other-site.git');
    const failure = new TakeawaysError(ErrorCode.RepositoryUnreachable, 'writer/other-site (git@github.com:writer/other-site.git): cannot fetch: Permission denied (publickey)');
    const report = formatSyncReport([
      { repo: site, ok: true, action: 'unchanged', head: 'abcdef0123', added: [], changed: [], removed: [] },
      { repo: other, ok: false, action: 'failed', error: failure, added: [], changed: [], removed: [] },
    ]);
    expect(report).toBe(
      [
        'writer/site        up to date (at abcdef0)',
        'writer/other-site  FAILED: writer/other-site (git@github.com:writer/other-site.git): cannot fetch: Permission denied (publickey)',
        '',
        '1 of 2 repositories synced; failed: writer/other-site',
      ].join('\n'),
    );
  });
});

describe('progress on a terminal', () => {
  it('keeps one line per repository, rewritten in place, and erases them at the end', () => {
    const written: string[] = [];
    const [site, other] = [repositoryAt('https://github.com/writer/site.git'), repositoryAt('https://github.com/writer/other.git')] as [ContentRepository, ContentRepository];
    const lines = new ProgressLines({ write: (text) => written.push(text), columns: 60 }, [site, other]);
    lines.update({ repo: other, stage: 'cloning', percent: 42 });
    lines.update({ repo: site, stage: 'done', result: { repo: site, ok: true, action: 'updated', added: [], changed: [], removed: [] } });
    lines.clear();

    // Each drawing moves back up over the two lines it drew before.
    expect(written).toEqual([
      '\r\x1b[2Kwriter/site   waiting\n\r\x1b[2Kwriter/other  waiting\n',
      '\x1b[2A\r\x1b[2Kwriter/site   waiting\n\r\x1b[2Kwriter/other  cloning 42%\n',
      '\x1b[2A\r\x1b[2Kwriter/site   done: updated\n\r\x1b[2Kwriter/other  cloning 42%\n',
      '\x1b[2A\x1b[0J',
    ]);
  });
});

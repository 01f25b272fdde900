import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseContentRepository, type ContentRepository } from '../../src/sources/content-repository.js';
import { syncRepositories, type SyncProgress } from '../../src/sources/sync-repositories.js';
import { LocalRepository, reportPage } from '../support/git-repository.js';

function repositoryAt(entry: string): ContentRepository {
  const parsed = parseContentRepository(entry);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.repository;
}

/** A scratch folder holding the "remote" repositories and, apart from them, DATA_DIR. */
function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'takeaways-sync-'));
  const remotes = join(root, 'remotes');
  mkdirSync(remotes);
  return { root, remotes, dataDir: join(root, 'data') };
}

const FIRST_REPORTS = {
  'content/4-EventParticipated/4.1-Event1/index.md': reportPage('Cloud Security Day', ['Lan Pham']),
  'content/4-EventParticipated/4.2-Event2/index.md': reportPage('DevOps Day', ['Minh Tran']),
  'content/_index.md': '---\ntitle: Home\n---\n',
  'README.md': '# not under content/',
  'static/logo.svg': '<svg/>',
};

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

describe('syncing content repositories', () => {
  it('clones a repository under DATA_DIR/repos/<host>/<owner>/<name>, listing its report files as added', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const [result] = await syncRepositories([repositoryAt(remote.url())], dataDir);

    expect(result).toMatchObject({ ok: true, action: 'cloned', head: remote.head(), changed: [], removed: [] });
    expect(result?.added).toEqual(['4-EventParticipated/4.1-Event1/index.md', '4-EventParticipated/4.2-Event2/index.md', '_index.md']);
    const clone = join(dataDir, 'repos', 'local', 'writer', 'site');
    expect(readFileSync(join(clone, 'content/4-EventParticipated/4.1-Event1/index.md'), 'utf8')).toContain('Cloud Security Day');
  });

  it('fast-forwards to a new commit, listing what was added, changed and removed', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());
    await syncRepositories([repository], dataDir);
    remote.commit(
      {
        'content/4-EventParticipated/4.1-Event1/index.md': reportPage('Cloud Security Day', ['Lan Pham', 'Hoa Le']),
        'content/4-EventParticipated/4.2-Event2/index.md': null,
        'content/4-EventParticipated/4.3-Event3/index.vi.md': reportPage('Ngày AI', ['Hoa Le']),
        'README.md': '# changed, but not a report',
      },
      'second round of reports',
    );

    const [result] = await syncRepositories([repository], dataDir);

    expect(result).toEqual(
      expect.objectContaining({
        ok: true,
        action: 'updated',
        head: remote.head(),
        added: ['4-EventParticipated/4.3-Event3/index.vi.md'],
        changed: ['4-EventParticipated/4.1-Event1/index.md'],
        removed: ['4-EventParticipated/4.2-Event2/index.md'],
      }),
    );
    const clone = join(dataDir, 'repos', 'local', 'writer', 'site');
    expect(existsSync(join(clone, 'content/4-EventParticipated/4.2-Event2/index.md'))).toBe(false);
    expect(readFileSync(join(clone, 'content/4-EventParticipated/4.1-Event1/index.md'), 'utf8')).toContain('Hoa Le');
  });

  it('reports nothing when nothing was pushed', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    await syncRepositories([repositoryAt(remote.url())], dataDir);
    const [result] = await syncRepositories([repositoryAt(remote.url())], dataDir);
    expect(result).toEqual(expect.objectContaining({ ok: true, action: 'unchanged', added: [], changed: [], removed: [] }));
  });

  it('clones again when the history was rewritten (a force-push), listing the difference', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());
    remote.commit({ 'content/4-EventParticipated/4.4-Event4/index.md': reportPage('Data Day', ['An Vo']) }, 'a report pushed by mistake');
    await syncRepositories([repository], dataDir);
    remote.rewindBy(1);
    remote.commit({ 'content/4-EventParticipated/4.5-Event5/index.md': reportPage('Serverless Day', ['An Vo']) }, 'the right report');

    const [result] = await syncRepositories([repository], dataDir);

    expect(result).toEqual(
      expect.objectContaining({
        ok: true,
        action: 'recloned',
        head: remote.head(),
        added: ['4-EventParticipated/4.5-Event5/index.md'],
        changed: [],
        removed: ['4-EventParticipated/4.4-Event4/index.md'],
      }),
    );
    const clone = join(dataDir, 'repos', 'local', 'writer', 'site');
    expect(existsSync(join(clone, 'content/4-EventParticipated/4.4-Event4/index.md'))).toBe(false);
    expect(existsSync(join(clone, 'content/4-EventParticipated/4.5-Event5/index.md'))).toBe(true);
    expect(readdirSync(join(dataDir, 'repos', '.incoming'))).toEqual([]);
  });

  it('follows the #branch it is given', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    remote.git('checkout', '--quiet', '-b', 'drafts');
    remote.commit({ 'content/drafts.md': reportPage('Draft Day', ['An Vo']) }, 'a draft');
    remote.git('checkout', '--quiet', 'main');

    const [result] = await syncRepositories([repositoryAt(remote.url('drafts'))], dataDir);

    expect(result).toMatchObject({ ok: true, action: 'cloned' });
    expect(result?.added).toContain('drafts.md');
  });

  it('reads the whole tree of a repository without a content/ folder', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/pages', { 'event-1.md': reportPage('AI Day', ['Hoa Le']), '.github/PULL_REQUEST_TEMPLATE.md': 'not a report' });
    const [result] = await syncRepositories([repositoryAt(remote.url())], dataDir);
    expect(result?.added).toEqual(['event-1.md']);
  });

  it.each([
    ['a folder that does not exist', (remotes: string) => `file://${join(remotes, 'nobody', 'nothing')}`, 'repository_unreachable', /^nobody\/nothing \(file:\/\/.*\): cannot clone: .*does not appear to be a git repository/],
    [
      'a folder that is not a repository',
      (remotes: string) => {
        mkdirSync(join(remotes, 'plain', 'folder'), { recursive: true });
        writeFileSync(join(remotes, 'plain', 'folder', 'index.md'), reportPage('Not in git', ['Nobody']));
        return `file://${join(remotes, 'plain', 'folder')}`;
      },
      'repository_unreachable',
      /^plain\/folder \(file:\/\/.*\): cannot clone: .*does not appear to be a git repository/,
    ],
    [
      'a branch that does not exist',
      (remotes: string) => `${LocalRepository.create(remotes, 'writer/branchless', FIRST_REPORTS).url('no-such-branch')}`,
      'repository_branch_missing',
      /^writer\/branchless \(file:\/\/.*#no-such-branch\): branch "no-such-branch" does not exist there/,
    ],
    ['a host that refuses connections', () => 'https://127.0.0.1:1/owner/refused.git', 'repository_unreachable', /^owner\/refused \(https:\/\/127\.0\.0\.1:1\/owner\/refused\.git\): cannot clone: .*127\.0\.0\.1/],
  ])('fails %s with a message naming it, while another repository syncs', async (_case, makeUrl, code, message) => {
    const { remotes, dataDir } = workspace();
    const good = LocalRepository.create(remotes, 'writer/good', FIRST_REPORTS);
    const failing = repositoryAt(makeUrl(remotes));

    const [bad, fine] = await syncRepositories([failing, repositoryAt(good.url())], dataDir);

    expect(bad).toMatchObject({ ok: false, action: 'failed', added: [], changed: [], removed: [] });
    expect(bad?.error?.code).toBe(code);
    expect(bad?.error?.message).toMatch(message);
    expect(fine).toMatchObject({ ok: true, action: 'cloned' });
  });

  it('fails fast on a host that accepts the connection and never answers', async () => {
    const { dataDir } = workspace();
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    servers.push(silent);
    silent.on('close', () => sockets.forEach((socket) => socket.destroy()));
    await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready));
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();

    const [result] = await syncRepositories([repositoryAt(`http://127.0.0.1:${port}/owner/silent.git`)], dataDir, { inactivityTimeoutMs: 1_000 });

    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result?.error?.code).toBe('repository_unreachable');
    expect(result?.error?.message).toMatch(/^owner\/silent \(http:\/\/127\.0\.0\.1:\d+\/owner\/silent\.git\): git clone gave no sign of life for 1 s/);
    sockets.forEach((socket) => socket.destroy());
  });

  it('never shows the token of an https URL in its failure', async () => {
    const { dataDir } = workspace();
    const [result] = await syncRepositories([repositoryAt('https://x-access-token:ghs_supersecret42@127.0.0.1:1/owner/private.git')], dataDir);
    expect(result?.error?.message).toMatch(/^owner\/private \(https:\/\/\*\*\*\*@127\.0\.0\.1:1\/owner\/private\.git\): cannot clone: /);
    expect(result?.error?.message).not.toContain('ghs_supersecret42');
  });

  it('says git is not installed when there is no git on the PATH, and leaves the clone as it was', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());
    const [cloned] = await syncRepositories([repository], dataDir);
    const path = process.env['PATH'];
    process.env['PATH'] = mkdtempSync(join(tmpdir(), 'takeaways-no-git-'));
    try {
      const [result] = await syncRepositories([repository], dataDir);
      expect(result?.error?.code).toBe('repository_sync_failed');
      expect(result?.error?.message).toMatch(/^writer\/site \(file:\/\/.*\): cannot sync: git is not installed \(no git on the PATH\); install git to read CONTENT_REPOS$/);
    } finally {
      process.env['PATH'] = path;
    }
    expect(readFileSync(join(dataDir, 'repos', 'local', 'writer', 'site', '.git', 'HEAD'), 'utf8')).toContain('refs/heads/main');
    expect(cloned?.ok).toBe(true);
  });

  it('keeps the last good clone when the repository becomes unreachable', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());
    const [first] = await syncRepositories([repository], dataDir);
    // The remote is gone: the next sync fails, and the clone stays as it was.
    renameSync(remote.dir, `${remote.dir}-moved`);

    const [second] = await syncRepositories([repository], dataDir);

    expect(second).toMatchObject({ ok: false, head: first?.head });
    expect(second?.error?.message).toMatch(/^writer\/site \(file:\/\/.*\): cannot fetch: /);
    expect(readFileSync(join(dataDir, 'repos', 'local', 'writer', 'site', 'content/4-EventParticipated/4.1-Event1/index.md'), 'utf8')).toContain('Cloud Security Day');
  });

  it('runs two syncs of one repository one after the other, and a third joins the one waiting', async () => {
    const { remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());

    const [first, second, third] = await Promise.all([
      syncRepositories([repository], dataDir),
      syncRepositories([repository], dataDir),
      syncRepositories([repository], dataDir),
    ]);

    expect(first?.[0]).toMatchObject({ ok: true, action: 'cloned' });
    expect(second?.[0]).toMatchObject({ ok: true, action: 'unchanged' });
    expect(third?.[0]).toBe(second?.[0]);
  });

  it('syncs at most `concurrency` repositories at once and tells the progress of each', async () => {
    const { remotes, dataDir } = workspace();
    const repositories = ['a', 'b', 'c', 'd'].map((name) => repositoryAt(LocalRepository.create(remotes, `writer/${name}`, FIRST_REPORTS).url()));
    const events: SyncProgress[] = [];
    let active = 0;
    let mostActive = 0;

    const results = await syncRepositories(repositories, dataDir, {
      concurrency: 2,
      onProgress: (event) => {
        events.push(event);
        if (event.stage === 'cloning' && event.percent === null) mostActive = Math.max(mostActive, ++active);
        if (event.stage === 'done') active--;
      },
    });

    expect(results.map((result) => [result.repo.site, result.ok])).toEqual([
      ['writer/a', true],
      ['writer/b', true],
      ['writer/c', true],
      ['writer/d', true],
    ]);
    expect(mostActive).toBe(2);
    expect(events.filter((event) => event.stage === 'done').map((event) => event.repo.site).sort()).toEqual(['writer/a', 'writer/b', 'writer/c', 'writer/d']);
  });

  it('writes nothing outside DATA_DIR: not beside it, not in the remote', async () => {
    const { root, remotes, dataDir } = workspace();
    const remote = LocalRepository.create(remotes, 'writer/site', FIRST_REPORTS);
    const repository = repositoryAt(remote.url());
    const snapshot = () => listFiles(root).filter((path) => !path.startsWith(`${relative(root, dataDir)}/`));
    const before = snapshot();

    await syncRepositories([repository], dataDir);
    const afterClone = snapshot();
    remote.commit({ 'content/new.md': reportPage('New Day', ['An Vo']) }, 'more');
    const beforeUpdate = snapshot();
    await syncRepositories([repository], dataDir);
    remote.rewindBy(1);
    const beforeReclone = snapshot();
    await syncRepositories([repository], dataDir);

    expect(afterClone).toEqual(before);
    expect(snapshot()).toEqual(beforeReclone);
    expect(beforeUpdate.length).toBeGreaterThan(before.length);
    expect(listFiles(dataDir).every((path) => path.startsWith('repos/'))).toBe(true);
  });
});

/** Every file under `root` with its size and modification time, so a write anywhere shows. */
function listFiles(root: string, prefix = ''): string[] {
  const entries: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) entries.push(...listFiles(root, path));
    else {
      const info = statSync(join(root, path));
      entries.push(`${path} ${info.size} ${info.mtimeMs}`);
    }
  }
  return entries.sort();
}

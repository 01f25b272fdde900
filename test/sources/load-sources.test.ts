import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { parseContentRepository, type ContentRepository } from '../../src/sources/content-repository.js';
import { folderSources, resolveContentSources, type ContentSource } from '../../src/sources/content-sources.js';
import { loadSources } from '../../src/sources/load-sources.js';
import { reportPage } from '../support/git-repository.js';

function writeFiles(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function repository(entry: string): ContentRepository {
  const parsed = parseContentRepository(entry);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.repository;
}

/** Two sites that each have a report at the same path, as every FCJ site does. */
function twoSites() {
  const root = mkdtempSync(join(tmpdir(), 'takeaways-sources-'));
  const alpha = writeFiles(join(root, 'alpha'), {
    'events/event-1/index.md': reportPage('Cloud Security Day', ['Lan Pham']),
    'events/event-1/index.vi.md': reportPage('Ngày Bảo mật Đám mây', ['Lan Pham']),
    'broken.md': '---\ntitle: [\n---\n',
  });
  const beta = writeFiles(join(root, 'beta'), {
    'events/event-1/index.md': reportPage('DevOps Day', ['Minh Tran'], 'title: "DevOps Day"\nauthor: Minh Tran'),
    'notes/_index.md': '',
  });
  return { root, alpha, beta };
}

describe('loading several sources', () => {
  it('prefixes every report, skipped page and problem with its site, and sets each report’s site and author', async () => {
    const { alpha, beta } = twoSites();
    const model = await loadSources(folderSources([alpha, beta]));

    expect(model.events.map((event) => [event.id, event.key, event.source, event.site, event.author])).toEqual([
      ['alpha/events/event-1', 'alpha/events/event-1', 'alpha/events/event-1/index.md', 'alpha', 'alpha'],
      ['alpha/events/event-1.vi', 'alpha/events/event-1', 'alpha/events/event-1/index.vi.md', 'alpha', 'alpha'],
      ['beta/events/event-1', 'beta/events/event-1', 'beta/events/event-1/index.md', 'beta', 'Minh Tran'],
    ]);
    expect(model.skipped.map((page) => page.source)).toEqual(['beta/notes/_index.md']);
    expect(model.problems.map((problem) => [problem.source, problem.severity])).toEqual(
      expect.arrayContaining([
        ['alpha/broken.md', 'error'],
        ['beta/notes/_index.md', 'warning'],
      ]),
    );
    expect(model.problems.every((problem) => problem.source.startsWith('alpha/') || problem.source.startsWith('beta/'))).toBe(true);
  });

  it('leaves one source exactly as the loader gives it', async () => {
    const { alpha } = twoSites();
    expect(await loadSources(folderSources([alpha]))).toEqual(await loadContent(alpha, { site: 'alpha' }));
  });

  it('names a folder that cannot be read, and still loads the others', async () => {
    const { root, alpha } = twoSites();
    const missing = join(root, 'gone');
    const model = await loadSources(folderSources([missing, alpha]));

    expect(model.events.map((event) => event.id)).toEqual(['alpha/events/event-1', 'alpha/events/event-1.vi']);
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'gone', severity: 'error', message: expect.stringContaining(missing) }));
  });

  it('names a repository that is not cloned yet as a warning, and still loads the folders', async () => {
    const { root, alpha } = twoSites();
    const sources = resolveContentSources({ folders: [alpha], repositories: [repository('https://github.com/owner/site.git')], dataDir: join(root, 'data') });
    const model = await loadSources(sources);

    expect(model.events).toHaveLength(2);
    expect(model.problems).toContainEqual(
      expect.objectContaining({ source: 'owner/site', severity: 'warning', message: expect.stringMatching(/^repository https:\/\/github\.com\/owner\/site\.git is not cloned yet .*takeaways sync/) }),
    );
  });

  it('reads a clone from its content/ folder when it has one, else the whole tree, with owner/name as the site', async () => {
    const root = mkdtempSync(join(tmpdir(), 'takeaways-sources-'));
    const dataDir = join(root, 'data');
    const hugo = repository('https://github.com/writer/hugo-site.git');
    const plain = repository('https://github.com/writer/plain-pages.git');
    const [hugoSource, plainSource] = resolveContentSources({ folders: [], repositories: [hugo, plain], dataDir }) as [ContentSource, ContentSource];
    writeFiles(hugoSource.dir, { 'content/event-1/index.md': reportPage('Security Day', ['Lan Pham']), 'README.md': reportPage('Not a report', ['Nobody']) });
    writeFiles(plainSource.dir, { 'event-2.md': reportPage('AI Day', ['Hoa Le']) });

    const model = await loadSources([hugoSource, plainSource]);

    expect(model.events.map((event) => [event.source, event.site, event.name])).toEqual([
      ['writer/hugo-site/event-1/index.md', 'writer/hugo-site', 'Security Day'],
      ['writer/plain-pages/event-2.md', 'writer/plain-pages', 'AI Day'],
    ]);
  });
});

describe('naming the sources', () => {
  it('names a folder by its name, a repository by owner/name, and longer only when two would share a name', () => {
    const sources = resolveContentSources({
      folders: ['/sites/a/content', '/sites/b/content', '/sites/reports'],
      repositories: [repository('https://github.com/owner/site.git'), repository('https://gitlab.com/owner/site.git'), repository('git@github.com:other/site.git')],
      dataDir: '/data',
    });
    expect(sources.map((source) => [source.kind, source.site])).toEqual([
      ['folder', 'a/content'],
      ['folder', 'b/content'],
      ['folder', 'reports'],
      ['git', 'github.com/owner/site'],
      ['git', 'gitlab.com/owner/site'],
      ['git', 'other/site'],
    ]);
    expect(sources[3]).toMatchObject({ dir: join('/data', 'repos', 'github.com', 'owner', 'site'), url: 'https://github.com/owner/site.git' });
  });
});

describe('events.yaml in one of several sources', () => {
  it('names that source’s pages, prefixed like them, so its overrides still apply', async () => {
    const { alpha, beta } = twoSites();
    writeFileSync(join(alpha, 'events.yaml'), 'events:\n  - id: security-day\n    reports: [events/event-1/]\nseparate:\n  - [events/event-1/index.md, events/event-1/index.vi.md]\n');
    const model = await loadSources(folderSources([alpha, beta]));
    expect(model.overrides).toEqual({
      events: [{ id: 'security-day', reports: ['alpha/events/event-1/'] }],
      separate: [['alpha/events/event-1/index.md', 'alpha/events/event-1/index.vi.md']],
    });
  });
});

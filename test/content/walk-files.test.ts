import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { walkMarkdownFiles } from '../../src/content/walk-files.js';

function report(title: string, speaker: string): string {
  return `---\ntitle: "${title}"\ndate: 2025-11-29\n---\n\n# Takeaways from "${title}"\n\n### Speakers\n\n- **${speaker}** - Cloud Engineer\n\n### Lessons learned\n\n- Rotate keys often.\n`;
}

describe('symlinks stay inside the content folder', () => {
  let base: string;
  let site: string;
  let outside: string;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'takeaways-links-'));
    site = join(base, 'site');
    // A sibling whose name starts with the site's: a path-prefix check would take it for the inside.
    outside = join(base, 'site-private');
    await mkdir(join(site, 'events'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(site, 'events', 'good.md'), report('Good Workshop', 'Jane Doe'));
    await writeFile(join(outside, 'secret.md'), report('Secret Notes', 'Outside Speaker'));
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const titles = async () => (await loadContent(site)).events.map((event) => event.title);

  it.each([
    ['a markdown file outside', 'leak.md', () => join(outside, 'secret.md')],
    ['a folder outside', 'shared', () => outside],
    ['a relative path climbing out', 'climb', () => '../../site-private'],
  ])('does not follow a link to %s, and warns naming the link', async (_label, name, target) => {
    await symlink(target(), join(site, 'events', name));
    const model = await loadContent(site);
    expect(model.events.map((event) => event.title)).toEqual(['Good Workshop']);
    expect(model.problems).toContainEqual({
      source: `events/${name}`,
      line: null,
      severity: 'warning',
      message: expect.stringContaining('symlink leads outside the content folder'),
    });
  });

  it('does not walk the machine through a link to /', async () => {
    await symlink('/', join(site, 'root'));
    const started = performance.now();
    const walk = await walkMarkdownFiles(site);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(walk.files.map((file) => file.relativePath)).toEqual(['events/good.md']);
    expect(walk.problems).toEqual([{ source: 'root', line: null, severity: 'warning', message: 'symlink leads outside the content folder (to /); not followed' }]);
  });

  it('follows links that stay inside the folder, reading each page once', async () => {
    await mkdir(join(site, 'shared'));
    await writeFile(join(site, 'shared', 'talk.md'), report('Shared Talk', 'Lan Pham'));
    await symlink('../shared/talk.md', join(site, 'events', 'linked-talk.md'));
    await symlink(join(site, 'shared'), join(site, 'events', 'shared-folder'));
    const walk = await walkMarkdownFiles(site);
    // The linked folder is met first (events/ sorts before shared/); the folder itself is then not read again.
    expect(walk.files.map((file) => file.relativePath)).toEqual(['events/good.md', 'events/linked-talk.md', 'events/shared-folder/talk.md']);
    expect(walk.problems).toEqual([expect.objectContaining({ source: 'shared', severity: 'warning' })]);
    expect(await titles()).toEqual(['Good Workshop', 'Shared Talk']);
  });

  it('follows links when the content folder itself is reached through a link', async () => {
    const linkedSite = join(base, 'current');
    await symlink(site, linkedSite);
    await mkdir(join(site, 'shared'));
    await writeFile(join(site, 'shared', 'talk.md'), report('Shared Talk', 'Lan Pham'));
    await symlink(join(linkedSite, 'shared'), join(site, 'events', 'via-current'));
    const walk = await walkMarkdownFiles(linkedSite);
    expect(walk.problems.filter((problem) => problem.message.includes('outside'))).toEqual([]);
    expect(walk.files.map((file) => file.relativePath)).toContain('events/via-current/talk.md');
  });

  it('ends link loops with a warning', async () => {
    await symlink('b', join(site, 'events', 'a'));
    await symlink('a', join(site, 'events', 'b'));
    await symlink('..', join(site, 'events', 'up'));
    const model = await loadContent(site);
    expect(model.events.map((event) => event.title)).toEqual(['Good Workshop']);
    const loops = model.problems.filter((problem) => problem.message.includes('symlink loop')).map((problem) => problem.source);
    expect(loops.sort()).toEqual(['events/a', 'events/b', 'events/up']);
  });
});

describe('the order of the walk', () => {
  it('lists files in sorted order with each folder read where it sorts, as a recursive walk does', async () => {
    const site = await mkdtemp(join(tmpdir(), 'takeaways-order-'));
    try {
      for (const path of ['a.md', 'b/x.md', 'b/c/y.md', 'b/z.md', 'c.md', 'd/e/f/g.md', 'e.md']) {
        await mkdir(join(site, path, '..'), { recursive: true });
        await writeFile(join(site, path), report(path, 'Jane Doe'));
      }
      const walk = await walkMarkdownFiles(site);
      expect(walk.files.map((file) => file.relativePath)).toEqual(['a.md', 'b/c/y.md', 'b/x.md', 'b/z.md', 'c.md', 'd/e/f/g.md', 'e.md']);
      expect(walk.problems).toEqual([]);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it('reads a site of more folders than one slice of the walk, each page once', async () => {
    const site = await mkdtemp(join(tmpdir(), 'takeaways-wide-'));
    try {
      for (let index = 0; index < 600; index++) {
        await mkdir(join(site, `event-${String(index).padStart(3, '0')}`));
        await writeFile(join(site, `event-${String(index).padStart(3, '0')}`, 'index.md'), '# x\n');
      }
      const walk = await walkMarkdownFiles(site);
      expect(walk.files).toHaveLength(600);
      expect(walk.files[599]?.relativePath).toBe('event-599/index.md');
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });
});

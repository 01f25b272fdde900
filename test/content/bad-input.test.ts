import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel } from '../../src/content/model.js';

const GOOD_REPORT = `---
title: "Good"
date: 2025-11-29
---

# Takeaways from "A Good Workshop"

### Speakers

- **Jane Doe** - Cloud Engineer at Example

### Lessons learned

- Prepare the playbook before the incident.
`;

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('bad input: one clear problem naming the file, every other report still loads', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-bad-'));
    await writeFile(join(dir, 'good.md'), GOOD_REPORT);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function loadWith(name: string, content: string | Buffer): Promise<ContentModel> {
    await writeFile(join(dir, name), content);
    return loadContent(dir);
  }

  function expectGoodReportLoaded(model: ContentModel): void {
    expect(model.events.map((event) => event.id)).toContain('good');
  }

  function problemsFor(model: ContentModel, source: string) {
    return model.problems.filter((problem) => problem.source === source);
  }

  it('reports invalid YAML front matter as an error with its line', async () => {
    const model = await loadWith('broken.md', '---\ntitle: "ok"\ndate: [2025\n---\n\n# Body\n');
    expectGoodReportLoaded(model);
    const problems = problemsFor(model, 'broken.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('not valid YAML') });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a file that is not UTF-8', async () => {
    const model = await loadWith('latin1.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xe9, 0xe8, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]));
    expectGoodReportLoaded(model);
    expect(problemsFor(model, 'latin1.md')).toEqual([{ source: 'latin1.md', line: 2, severity: 'error', message: expect.stringContaining('not UTF-8') }]);
  });

  it('reports a NUL byte with the line it is on', async () => {
    const model = await loadWith('binary.md', Buffer.concat([Buffer.from('# Title\n\nline two\n'), Buffer.from([0]), Buffer.from('more')]));
    expectGoodReportLoaded(model);
    expect(problemsFor(model, 'binary.md')).toEqual([{ source: 'binary.md', line: 4, severity: 'error', message: expect.stringContaining('NUL byte') }]);
  });

  it('skips an empty file with a reason and a warning', async () => {
    const model = await loadWith('empty.md', '');
    expectGoodReportLoaded(model);
    expect(model.skipped).toContainEqual({ source: 'empty.md', reason: 'empty file' });
    expect(problemsFor(model, 'empty.md')).toEqual([{ source: 'empty.md', line: null, severity: 'warning', message: expect.stringContaining('empty') }]);
  });

  it('skips a template copied and not filled in, with a reason, instead of listing an empty event', async () => {
    const template = ['---', 'title: "Event 5"', 'date: 2026-09-10', '---', '', '# Summary Report: "Event name"', '', '### Event Objectives', '', '- ', '', '### Speakers', '', '- ', '', '### Key Highlights', '', '*(to be updated)*', ''].join('\n');
    const model = await loadWith('template.md', template);
    expectGoodReportLoaded(model);
    expect(model.events.map((event) => event.source)).not.toContain('template.md');
    expect(model.skipped).toContainEqual({ source: 'template.md', reason: expect.stringContaining('template not filled in') });
  });

  it('refuses a 20 MB file without reading it as a report', async () => {
    const model = await loadWith('huge.md', Buffer.alloc(20 * 1024 * 1024, 0x61));
    expectGoodReportLoaded(model);
    expect(problemsFor(model, 'huge.md')).toEqual([{ source: 'huge.md', line: null, severity: 'error', message: expect.stringContaining('20.0 MB') }]);
  });

  it('loads a report with no sections but warns that it has nothing to share', async () => {
    const model = await loadWith('prose.md', '---\ntitle: "Just prose"\n---\n\nI went to an event and it was nice.\n');
    expectGoodReportLoaded(model);
    expect(model.events.find((event) => event.id === 'prose')?.title).toBe('Just prose');
    expect(problemsFor(model, 'prose.md')).toEqual([{ source: 'prose.md', line: 4, severity: 'warning', message: expect.stringContaining('no section') }]);
  });

  it('keeps the first of two different pages with the same id and reports the second', async () => {
    await mkdir(join(dir, 'talk'));
    await writeFile(join(dir, 'talk', 'index.md'), GOOD_REPORT.replace('A Good Workshop', 'Another Workshop'));
    const model = await loadWith('talk.md', GOOD_REPORT.replace('A Good Workshop', 'A Third Workshop'));
    expectGoodReportLoaded(model);
    expect(model.events.filter((event) => event.id === 'talk')).toHaveLength(1);
    const clash = model.problems.filter((problem) => problem.message.includes('already used'));
    expect(clash).toHaveLength(1);
    expect(clash[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('"talk"') });
  });

  it('loads identical copies once and reports the copy', async () => {
    const model = await loadWith('zz-copy-of-good.md', GOOD_REPORT);
    expect(model.events.map((event) => event.id)).toEqual(['good']);
    expect(model.skipped).toEqual([{ source: 'zz-copy-of-good.md', reason: 'identical copy of good.md' }]);
  });

  it('ends a symlink loop with a problem instead of walking forever', async () => {
    await mkdir(join(dir, 'events'));
    await symlink('..', join(dir, 'events', 'loop'));
    await symlink('self.md', join(dir, 'self.md'));
    const model = await loadContent(dir);
    expectGoodReportLoaded(model);
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'events/loop', message: expect.stringContaining('symlink loop') }));
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'self.md', message: expect.stringContaining('symlink loop') }));
  });

  it('reports a page that cannot be read (a dangling link, which fails even for root)', async () => {
    await symlink('gone.md', join(dir, 'dangling.md'));
    const model = await loadContent(dir);
    expectGoodReportLoaded(model);
    expect(problemsFor(model, 'dangling.md')).toEqual([{ source: 'dangling.md', line: null, severity: 'error', message: expect.stringContaining('cannot be read') }]);
  });

  it.skipIf(runningAsRoot)('reports a page without read permission (skipped as root: root reads any file)', async () => {
    await writeFile(join(dir, 'secret.md'), GOOD_REPORT);
    await chmod(join(dir, 'secret.md'), 0o000);
    const model = await loadContent(dir);
    expectGoodReportLoaded(model);
    expect(problemsFor(model, 'secret.md')).toEqual([{ source: 'secret.md', line: null, severity: 'error', message: expect.stringContaining('cannot be read') }]);
  });

  it('reports a missing content folder instead of throwing', async () => {
    const model = await loadContent(join(dir, 'nope'));
    expect(model.events).toEqual([]);
    expect(model.problems).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('cannot be read') })]);
  });
});

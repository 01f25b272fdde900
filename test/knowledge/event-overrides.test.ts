import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { buildKnowledgeBase, exportKnowledge } from '../../src/knowledge/knowledge-base.js';

const page = (name: string, date: string) => `---\ntitle: "${name}"\ndate: ${date}\n---\n\n# ${name}\n\n### Speakers\n\n- **Tran Duc Anh** - Captain\n\n### Key Takeaways\n\n- Least privilege first\n`;

describe('events.yaml', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-overrides-'));
    for (const [folder, name, date] of [
      ['4.1-Event1', 'Kick-off', '2025-09-06'],
      ['4.2-Event2', 'Opening day', '2025-09-20'],
    ] as const) {
      await mkdir(join(dir, 'content', folder), { recursive: true });
      await writeFile(join(dir, 'content', folder, '_index.md'), page(name, date));
    }
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the reports an entry lists (by folder) into one event with its id, name and date', async () => {
    await writeFile(join(dir, 'events.yaml'), 'events:\n  - id: fall-kickoff\n    name: Fall 2025 kick-off\n    date: 2025-09-06\n    reports: [content/4.1-Event1/, content/4.2-Event2/_index.md]\n');
    const model = await loadContent(dir);
    const exported = exportKnowledge(model, buildKnowledgeBase(model));
    expect(exported.events).toHaveLength(1);
    expect(exported.events[0]).toMatchObject({ id: 'fall-kickoff', name: 'Fall 2025 kick-off', date: '2025-09-06', reports: ['content/4.1-Event1/_index.md', 'content/4.2-Event2/_index.md'] });
    expect(exported.events[0]?.speakers).toEqual([{ person: 'tran-duc-anh', name: 'Tran Duc Anh', aliases: [], role: 'Captain', org: null, reports: ['content/4.1-Event1/_index.md', 'content/4.2-Event2/_index.md'], talks: [] }]);
    expect(exported.reports.map((report) => report.event)).toEqual(['fall-kickoff', 'fall-kickoff']);
  });

  it('names a reference to no report, and a broken file with its line, and loads the reports anyway', async () => {
    await writeFile(join(dir, 'events.yaml'), 'events:\n  - id: kickoff\n    reports: [content/4.9-Event9/]\n');
    let model = await loadContent(dir);
    const base = buildKnowledgeBase(model);
    expect(base.problems).toEqual([expect.objectContaining({ source: 'events.yaml', severity: 'warning', message: expect.stringContaining('"content/4.9-Event9/" names no report') })]);
    expect(base.events).toHaveLength(2);

    await writeFile(join(dir, 'events.yaml'), 'events:\n  - id: kickoff\n    reports: [a\n');
    model = await loadContent(dir);
    expect(model.problems.filter((problem) => problem.source === 'events.yaml')).toEqual([expect.objectContaining({ line: 4, severity: 'error', message: expect.stringContaining('is not valid YAML') })]);
    expect(model.events).toHaveLength(2);

    await writeFile(join(dir, 'events.yaml'), 'events:\n  - id: "bad id!"\n    reports: [content/4.1-Event1/]\nextra: 1\n');
    model = await loadContent(dir);
    expect(model.problems.find((problem) => problem.source === 'events.yaml')?.message).toMatch(/^events\.0\.id: an id is letters|Unrecognized key/);
  });
});

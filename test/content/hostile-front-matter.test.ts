import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel } from '../../src/content/model.js';

const BODY = '\n# Takeaways from "A Workshop"\n\n### Lessons learned\n\n- Rotate keys.\n';

declare global {
  var hostileFrontMatterRan: number | undefined;
}

describe('front matter from anyone: only YAML, TOML and JSON are read, nothing runs, nothing explodes', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-hostile-'));
    await writeFile(join(dir, 'good.md'), `---\ntitle: "Good"\n---\n${BODY}`);
    globalThis.hostileFrontMatterRan = undefined;
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    globalThis.hostileFrontMatterRan = undefined;
  });

  async function loadWith(name: string, content: string): Promise<ContentModel> {
    await writeFile(join(dir, name), content);
    return loadContent(dir);
  }

  it.each(['js', 'javascript', 'JS', 'coffee', 'constructor', '__proto__', 'toString'])(
    'never runs a ---%s block; reports it as an error naming the file and still reads the body',
    async (language) => {
      const model = await loadWith('evil.md', `---${language}\n{ title: (globalThis.hostileFrontMatterRan = 1, "pwned"), env: process.env }\n---\n${BODY}`);
      expect(globalThis.hostileFrontMatterRan).toBeUndefined();
      expect(model.problems.filter((problem) => problem.source === 'evil.md')).toContainEqual({
        source: 'evil.md',
        line: 1,
        severity: 'error',
        message: expect.stringContaining('is never run'),
      });
      const event = model.events.find((candidate) => candidate.source === 'evil.md');
      expect(event?.name).toBe('A Workshop');
      expect(event?.lessons).toEqual(['Rotate keys.']);
      expect(model.events.map((candidate) => candidate.id)).toContain('good');
    },
  );

  it('stops a billion-laughs alias bomb at once and names the page', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = performance.now();
    const model = await loadWith('laughs.md', `---\n${levels.join('\n')}\ndate: *i\n---\n${BODY}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'laughs.md', severity: 'error', message: expect.stringContaining('aliases') }));
    expect(model.events.map((event) => event.id)).toEqual(['good']);
  });

  it('refuses a front matter that expands past the size limit through aliases', async () => {
    const big = 'x'.repeat(20_000);
    const aliases = Array(40).fill('  - *big').join('\n');
    const model = await loadWith('wide.md', `---\nanchor: &big "${big}"\nlessons:\n${aliases}\n---\n${BODY}`);
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'wide.md', severity: 'error', message: expect.stringContaining('KB') }));
    expect(model.events.map((event) => event.id)).toEqual(['good']);
  });

  it('gives the exact line of a YAML error', async () => {
    const model = await loadWith('broken.md', '---\ntitle: "ok"\nspeakers: [a, b\ndate: 2025-11-29\n---\n\n# Body\n');
    const problem = model.problems.find((candidate) => candidate.source === 'broken.md');
    expect(problem).toMatchObject({ severity: 'error', message: expect.stringContaining('not valid YAML') });
    expect(problem?.line).toBe(4);
  });

  it('reads TOML front matter (+++), as Hugo does', async () => {
    const model = await loadWith('toml.md', `+++\ntitle = "Tomly"\ndate = 2025-11-29T09:00:00+07:00\nlessons = ["Keep secrets out of code."]\n+++\n${BODY}`);
    const event = model.events.find((candidate) => candidate.source === 'toml.md');
    expect(event).toMatchObject({ title: 'Tomly', date: '2025-11-29', lessons: ['Keep secrets out of code.'] });
    expect(model.problems.filter((problem) => problem.source === 'toml.md' && problem.severity === 'error')).toEqual([]);
  });

  it('reports invalid TOML with its line', async () => {
    const model = await loadWith('bad-toml.md', `+++\ntitle = "x"\ndate = \n+++\n${BODY}`);
    expect(model.problems).toContainEqual(expect.objectContaining({ source: 'bad-toml.md', severity: 'error', line: 3, message: expect.stringContaining('not valid TOML') }));
  });

  it("reads Hugo's bare JSON front matter", async () => {
    const model = await loadWith('json.md', `{\n  "title": "Jsony",\n  "date": "2025-11-29"\n}\n${BODY}`);
    const event = model.events.find((candidate) => candidate.source === 'json.md');
    expect(event).toMatchObject({ title: 'Jsony', date: '2025-11-29', name: 'A Workshop' });
  });

  it('keeps the day written in a YAML timestamp with an offset', async () => {
    const model = await loadWith('offset.md', `---\ntitle: "Offset"\ndate: 2025-11-29T01:00:00+07:00\n---\n${BODY}`);
    expect(model.events.find((candidate) => candidate.source === 'offset.md')?.date).toBe('2025-11-29');
  });
});

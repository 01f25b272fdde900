import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { loadContent } from '../../src/content/load-content.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

const markdownPieces = fc.constantFrom(
  '# ', '## ', '### ', '#### ', '- ', '* ', '1. ', '> ', '| a | b |\n|---|---|\n| c | d |', '**', '*', '_', '`', '```\n', '---\n',
  '[link](x)', '![alt](y.png)', '<img src="z"/>', '<!-- c -->', '{{% notice %}}', '{{% /notice %}}', '{{< x >}}', 'Speakers', 'Speaker List',
  'Danh Sách Diễn Giả', 'Key Highlights', 'Lessons learned', 'Bài học rút ra', 'Pillar 1 — IAM', 'Trụ cột 4', ' - ', ' – ', ' — ', ' @ ',
  ' at ', '(', ')', ':', '\n', '\n\n', '    ', '\t', 'Date: 29/11/2025', '“', '"', 'đ', 'Ư', '\u0000', '\uFFFD', '&emsp;', '\\',
);

const markdownText = fc.oneof(fc.array(fc.oneof(markdownPieces, fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join('')), fc.string({ maxLength: 200 }));

const yamlValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant('null'),
  fc.constant('[a, b]'),
  fc.constant('{ x: 1 }'),
  fc.constant('- 1\n- 2'),
  fc.constant('"unclosed'),
  fc.constant('2000-01-01'),
  fc.constant('`r Sys.Date()`'),
);
const frontMatter = fc
  .array(fc.tuple(fc.constantFrom('title', 'date', 'event', 'name', 'speakers', 'lessons', 'tips', 'pillars', 'chapter', 'draft', 'lang', 'x y', ''), yamlValue), { maxLength: 6 })
  .map((fields) => `---\n${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n`);

const page = fc.tuple(fc.oneof(frontMatter, fc.constant(''), fc.constant('---\n')), markdownText).map(([front, body]) => front + body);

describe('the loader never throws for content', () => {
  it('extracts any random markdown and front matter without throwing', () => {
    fc.assert(
      fc.property(page, (text) => {
        const outcome = extractPage(text, { key: 'random', lang: 'en', id: 'random' }, defaultTaxonomy);
        expect(['event', 'skipped', 'failed']).toContain(outcome.kind);
        if (outcome.kind === 'event') {
          for (const point of [...outcome.event.learned, ...outcome.event.lessons, ...outcome.event.purpose]) expect(point).toBe(point.trim());
        }
      }),
      { numRuns: 400 },
    );
  });

  describe('through files on disk', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'takeaways-prop-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads a folder of random pages into a model without throwing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 5 }), async (pages) => {
          await rm(dir, { recursive: true, force: true });
          const { mkdir } = await import('node:fs/promises');
          await mkdir(dir, { recursive: true });
          await Promise.all(pages.map((text, index) => writeFile(join(dir, `page-${index}.md`), text)));
          const model = await loadContent(dir);
          expect(model.events.length + model.skipped.length + model.problems.filter((problem) => problem.severity === 'error').length).toBeGreaterThanOrEqual(1);
        }),
        { numRuns: 40 },
      );
    });
  });
});

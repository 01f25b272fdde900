import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMarkdownBlocks, tokenizeBlocks } from '../../src/content/markdown-blocks.js';
import { stripHugoMarkup } from '../../src/content/strip-hugo.js';

const corpusDir = fileURLToPath(new URL('./fixtures/corpus', import.meta.url));
const corpusPages = readdirSync(corpusDir).filter((name) => name.endsWith('.md'));

describe('block tokenising', () => {
  it.each(corpusPages)('gives the same tokens as stock markdown-it for %s', (name) => {
    const text = readFileSync(`${corpusDir}/${name}`, 'utf8');
    const plainObjects = (tokens: object[]) => tokens.map((token) => ({ ...token }));
    expect(plainObjects(tokenizeBlocks(text))).toEqual(plainObjects(tokenizeBlocks(text, { stock: true })));
  });

  it('reports headings, nested items, quotes and table rows with file line numbers', () => {
    const body = '## Title\n\n- one\n  - nested\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n';
    expect(readMarkdownBlocks(body, 10)).toEqual([
      { kind: 'heading', level: 2, raw: 'Title', line: 10 },
      { kind: 'item', depth: 0, raw: 'one', line: 12 },
      { kind: 'item', depth: 1, raw: 'nested', line: 13 },
      { kind: 'paragraph', raw: 'quoted', line: 15, quoted: true, inItem: false },
      { kind: 'row', cells: ['a', 'b'], header: true, line: 17 },
      { kind: 'row', cells: ['c', 'd'], header: false, line: 19 },
    ]);
  });

  it('leaves raw HTML blocks and fenced code out', () => {
    const blocks = readMarkdownBlocks('<div>\n<img src="a.jpg" alt="Student 123">\n</div>\n\n```\n- not an item\n```\n', 1);
    expect(blocks).toEqual([]);
  });
});

describe('stripHugoMarkup', () => {
  it('drops the notice shortcode with its text, other shortcode tags and comments, keeping line numbers', () => {
    const body = '{{% notice warning %}}\nDo not copy\n{{% /notice %}}\nkept {{< figure src="x" >}} text\n<!-- hidden\ncomment -->\nend';
    const stripped = stripHugoMarkup(body);
    expect(stripped.split('\n')).toHaveLength(body.split('\n').length);
    expect(stripped).not.toMatch(/notice|Do not copy|figure|hidden/);
    expect(stripped).toContain('kept  text');
    expect(stripped.split('\n').at(-1)).toBe('end');
  });
});

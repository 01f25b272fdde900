import fc from 'fast-check';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/content/text.js';
import { buildTextIndex, type TextSearchOptions } from '../../src/core/text-index.js';

type Field = 'text' | 'detail';
const FIELDS: Field[] = ['text', 'detail'];

/** The library's own tokenizer, and minisearch's default one: the index must agree with minisearch under both. */
const TOKENIZERS = {
  library: { tokenize: (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean), processTerm: (term: string) => term || null },
  plain: { tokenize: (text: string) => text.split(/[\n\r\p{Z}\p{P}]+/u), processTerm: (term: string) => term.toLowerCase() || null },
};

// Words that share prefixes and lie within an edit or two of each other, in both languages, so prefix and fuzzy
// matches, ties and repeated terms all come up.
const WORDS = [
  'security', 'secure', 'securing', 'secret', 'secrets', 'section', 'iam', 'iam', 'role', 'roles', 'rotate', 'rotation',
  'guardduty', 'guard', 'duty', 'kms', 'key', 'keys', 'keynote', 'data', 'date', 'dates', 'protection', 'protect',
  'incident', 'response', 'nguyen', 'nguyễn', 'thinh', 'thịnh', 'tran', 'trần', 'bảo', 'mật', 'bao', 'mat', 'a', 'an',
  'the', 'of', 'least', 'privilege', 'lesson', 'learned', 'purpose', 'cloud', 'clouds', 'club', 'aws', 'ws', '2025', '10',
];

const text = fc.array(fc.constantFrom(...WORDS, '', '!', '—', '&'), { maxLength: 12 }).map((words) => words.join(' '));
const documents = fc.array(fc.record({ text, detail: text }), { minLength: 1, maxLength: 40 });
const query = fc.oneof(
  text,
  fc.constantFrom(...WORDS).map((word) => word.slice(0, Math.max(1, word.length - 2))),
  fc.tuple(fc.constantFrom(...WORDS), fc.nat(5)).map(([word, at]) => `${word.slice(0, at)}x${word.slice(at + 1)}`),
  fc.string({ maxLength: 8 }),
);

/** The option sets the library searches with, and others around them. */
const options = fc.record(
  {
    prefix: fc.oneof(fc.boolean(), fc.constant((term: string) => term.length > 2), fc.constant((_term: string, index: number, terms: string[]) => index === terms.length - 1 && _term.length > 0)),
    fuzzy: fc.oneof(fc.constant(false), fc.constant(true), fc.constantFrom(0.2, 0.25, 0.34, 1, 2), fc.constant((term: string) => (term.length > 3 ? 0.25 : false))),
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    fields: fc.constantFrom(['text'] as Field[], ['detail', 'text'] as Field[]),
    boost: fc.constantFrom({ text: 2 }, { detail: 3 }),
    boostDocument: fc.constant((id: number) => [2, 1.5, 1, 0.8, 0][id % 5] ?? 1),
  },
  { requiredKeys: [] },
);

describe('the compact full-text index', () => {
  it.each(Object.entries(TOKENIZERS))('finds what minisearch finds, in the same order, with the same scores to the last bit (%s tokenizer)', (_name, { tokenize, processTerm }) => {
    fc.assert(
      fc.property(documents, fc.array(query, { minLength: 1, maxLength: 6 }), options, (docs, queries, searchOptions) => {
        const reference = new MiniSearch<{ id: number; text: string; detail: string }>({ fields: FIELDS, tokenize, processTerm });
        reference.addAll(docs.map((doc, id) => ({ id, ...doc })));
        const index = buildTextIndex<Field>({ fields: FIELDS, tokenize, processTerm }, { count: docs.length, document: (id) => docs[id] as { text: string; detail: string } });
        for (const asked of queries) {
          const expected = reference.search(asked, searchOptions as SearchOptions).map((hit) => [hit.id, hit.score]);
          const actual = index.search(asked, searchOptions as TextSearchOptions<Field>).map((hit) => [hit.id, hit.score]);
          expect(actual).toStrictEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('numbers the documents as given and counts them', () => {
    const docs = [
      { text: 'Rotate the keys', detail: 'Lesson learned' },
      { text: 'Least privilege', detail: '' },
    ];
    const index = buildTextIndex<Field>({ fields: FIELDS, ...TOKENIZERS.library }, { count: docs.length, document: (id) => docs[id] as { text: string; detail: string } });
    expect(index.documentCount).toBe(2);
    expect(index.search('keys').map((hit) => hit.id)).toEqual([0]);
    expect(index.search('')).toEqual([]);
  });

  it('holds a term repeated in one document, and many documents, past what 16 bits count', () => {
    const reference = new MiniSearch<{ id: number; text: string; detail: string }>({ fields: FIELDS, ...TOKENIZERS.plain });
    const docs = [{ text: 'key '.repeat(70_000), detail: 'one' }, ...Array.from({ length: 300 }, (_, id) => ({ text: `key ${id}`, detail: 'two' }))];
    docs.forEach((doc, id) => reference.add({ id, ...doc }));
    const index = buildTextIndex<Field>({ fields: FIELDS, ...TOKENIZERS.plain }, { count: docs.length, document: (id) => docs[id] as { text: string; detail: string } });
    expect(index.search('key').map((hit) => [hit.id, hit.score])).toStrictEqual(reference.search('key').map((hit) => [hit.id, hit.score]));
  });
});

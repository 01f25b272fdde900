import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGS, createI18next, createTranslators, LANGUAGES, translator, type MessageKey, type MessageValues } from '../../src/core/i18n.js';

/**
 * The translators fill each key's text, resolved by i18next once, instead of calling i18next's t() every time: these
 * check the two say exactly the same, over the bot's catalogs and over catalogs made up to reach every corner.
 */

/** What a call gives: its text, or the error it throws. */
function outcome(call: () => string): { text: string } | { error: string } {
  try {
    return { text: call() };
  } catch (error) {
    return { error: String(error) };
  }
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a catalog (a plural key without its suffix) with the placeholder names any of its texts uses. */
function keysOf(tree: unknown, prefix = '', found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const base = `${prefix}${key.replace(PLURAL, '')}`;
      const names = found.get(base) ?? new Set<string>();
      for (const match of value.matchAll(/{{(.+?)}}/g)) names.add((match[1] ?? '').trim());
      found.set(base, names);
    } else {
      keysOf(value, `${prefix}${key}.`, found);
    }
  }
  return found;
}

/** Words that could trip a hand-made interpolation: placeholders, nesting, replacement patterns, nothing at all. */
const AWKWARD_WORDS = ['Thinh Lam', '{{name}}', '{{count}}', '$t(bot.failed.title)', "$& $1 $$ $'", '', 'tiếng Việt ✓', ' spaced '];
const COUNTS: (number | string)[] = [0, 1, 2, 3, 5, 11, 21, 101, 1.5, -1, '3'];

describe("the translators say what i18next's t() says", () => {
  it('picks the plural text for each count, whichever count came first', () => {
    const t = createTranslators({ en: { x: { y_zero: 'none', y_one: 'one', y_other: '{{count}} many' } }, vi: {} })('vi');
    expect([2, 0, 1, 3, 0].map((count) => t('x.y' as MessageKey, { count }))).toEqual(['2 many', 'none', 'one', '3 many', 'none']);
  });

  const keys = new Map<string, Set<string>>();
  for (const language of LANGUAGES) for (const [key, names] of keysOf(CATALOGS[language])) keys.set(key, new Set([...(keys.get(key) ?? []), ...names]));
  const reference = createI18next(CATALOGS);

  it.each(LANGUAGES)('for every key of the catalogs in %s, with every count and awkward values', (language) => {
    const t = translator(language);
    const fixed = reference.getFixedT(language);
    let compared = 0;
    for (const [key, names] of keys) {
      for (const [index, word] of AWKWARD_WORDS.entries()) {
        for (const count of names.has('count') ? COUNTS : [undefined]) {
          const values: MessageValues = {};
          for (const name of names) values[name] = name === 'count' ? (count ?? index) : `${word}${index}`;
          if (count !== undefined) values['count'] = count;
          expect([key, t(key as MessageKey, values)]).toEqual([key, String(fixed(key, { ...values }))]);
          compared += 1;
        }
      }
      // A value left out, and none at all: whatever i18next makes of it, the translator makes too.
      expect([key, t(key as MessageKey, {})]).toEqual([key, String(fixed(key, {}))]);
      expect([key, t(key as MessageKey)]).toEqual([key, String(fixed(key, {}))]);
    }
    expect(compared).toBeGreaterThan(keys.size);
  });

  it('over made-up catalogs: plurals, fallbacks, nesting, formats, paths, missing and option-named values', () => {
    // Mostly texts a template stands for (plain placeholders), some with everything else i18next reads.
    const plainPiece = fc.constantFrom('Hello ', ' and ', '—', 'ư', '{', '}', '{{name}}', '{{count}}', '{{query}}', '{{other}}');
    const name = fc.constantFrom('name', 'count', 'query', 'lng', 'context', 'a.b', ' name ', '-name', 'n, number', 'other');
    const anyPiece = fc.oneof(
      fc.constantFrom('{{', '}}', '$t(', ')', '$t(x.y)', '$t(x.y, { "count": 2 })'),
      name.map((placeholder) => `{{${placeholder}}}`),
      plainPiece,
    );
    const text = fc.oneof(
      { weight: 3, arbitrary: fc.array(plainPiece, { maxLength: 6 }).map((pieces) => pieces.join('')) },
      { weight: 1, arbitrary: fc.array(anyPiece, { maxLength: 6 }).map((pieces) => pieces.join('')) },
    );
    const messages = fc.record({ x: fc.record({ y: text, y_one: text, y_other: text, y_zero: text }, { requiredKeys: [] }) }, { requiredKeys: [] });
    // null is outside MessageValues' type, but a JavaScript caller could pass it.
    const value = fc.oneof(fc.constantFrom('Ana', '{{name}}', '$t(x.y)', '$&', '', null as unknown as string), fc.constantFrom(0, 1, 2, 5, 21, 1.5), fc.integer({ min: -2, max: 30 }));
    const values = fc.oneof(
      { weight: 3, arbitrary: fc.dictionary(fc.constantFrom('name', 'count', 'query', 'other'), value, { maxKeys: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('name', 'count', 'query', 'lng', 'context', 'other', 'ordinal'), value, { maxKeys: 4 }) },
    );
    fc.assert(
      // Several calls on one translator, so a template kept for one count meets another (0 after 2, 1 after 0).
      fc.property(messages, messages, fc.constantFrom(...LANGUAGES), fc.array(values, { minLength: 1, maxLength: 4 }), (en, vi, language, calls) => {
        const resources = { en, vi };
        const made = createTranslators(resources)(language);
        const fixed = createI18next(resources).getFixedT(language);
        const key = 'x.y' as MessageKey;
        // Where t() throws (a number for lng), so does the translator.
        for (const given of calls) expect(outcome(() => made(key, { ...given }))).toEqual(outcome(() => String(fixed(key, { ...given }))));
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Every text path is linear: 100 KB of the repetitions that make backtracking patterns quadratic, placed
 * wherever a page or a user can put them, is read in well under 100 ms. (The quadratic patterns took 30 s on
 * 120 KB.) Times are the best of three runs, so a busy machine does not fail the test; a quadratic path is
 * hundreds of times over the budget whatever the machine is doing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { flattenInline, foldText } from '../../src/content/text.js';
import { commandDeclarations } from '../../src/core/commands.js';
import { routeText } from '../../src/core/route-text.js';
import { cleanArgument } from '../../src/core/sanitize.js';

const SIZE = 100 * 1024;
const BUDGET_MS = 100;

const UNITS = ['**a ', '__a ', '![', '[', '](', '_', '`', '``a', '*a ', '~~a ', '<a', '&#', '\\', '[a](', '[[[a]]]', '(((', '“a', '"a', ' - ', '**a** - ', '.', '| ', 'a:', 'Speaker: a, ', '1. '];
const PLACES: ReadonlyArray<[string, (text: string) => string]> = [
  ['an H1', (text) => `# ${text}\n\n### Speakers\n\n- **Jane Doe** - Engineer\n`],
  ['an H3', (text) => `# Report\n\n### ${text}\n\n- point\n`],
  ['a bullet', (text) => `# Report\n\n### Key Highlights\n\n- ${text}\n`],
  ['a paragraph', (text) => `# Report\n\n### Lessons learned\n\n${text}\n`],
  ['a speaker line', (text) => `# Report\n\n### Speakers\n\n- **${text}** - Engineer at ${text}\n`],
  ['a table cell', (text) => `# Report\n\n| Date | ${text} |\n|---|---|\n| ${text} | x |\n`],
  ['a bold date line', (text) => `# Report\n\n**Date:** ${text}\n`],
];

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function bestOfThree(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const identity = { id: 'adversarial', key: 'adversarial', lang: 'en' };

describe('adversarial text is read in linear time', () => {
  it.each(UNITS)('flattens and folds 100 KB of %j under 100 ms', (unit) => {
    const text = repeatTo(unit, SIZE);
    expect(bestOfThree(() => foldText(flattenInline(text)))).toBeLessThan(BUDGET_MS);
  });

  it.each(PLACES.flatMap(([place, build]) => UNITS.map((unit) => [place, unit, build] as const)))('reads a page with 100 KB in %s of %j under 100 ms', (_place, unit, build) => {
    const page = `---\ntitle: "x"\n---\n${build(repeatTo(unit, SIZE))}`;
    expect(bestOfThree(() => extractPage(page, identity, defaultTaxonomy))).toBeLessThan(BUDGET_MS);
  });

  it.each(UNITS)('routes a 100 KB direct message of %j under 100 ms', (unit) => {
    const message = `${repeatTo(unit, SIZE)}x`;
    expect(bestOfThree(() => cleanArgument(routeText(message, commandDeclarations).args))).toBeLessThan(BUDGET_MS);
  });

  it('reads random mixes of the same pieces, nested, in linear time', () => {
    const mix = fc.array(fc.constantFrom(...UNITS, 'a', ' ', ']', ')', '**', '\n'), { minLength: 8, maxLength: 32 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(mix, (unit) => {
        const page = `# ${repeatTo(unit, SIZE / 4)}\n\n- ${repeatTo(unit, SIZE / 4)}\n`;
        expect(bestOfThree(() => extractPage(page, identity, defaultTaxonomy))).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * The reader against what a person reading the shared corpus pages wrote down (fixtures/expectations, by hand,
 * never from the bot's output): 137 pages of 12 whole sites and 21 single reports, English and Vietnamese.
 * Pages in exact-pages.json must be read exactly (name, date, every speaker, the pillars with points of their
 * own; where a page gives no date, the one its chapter page gives); over all pages, each measure must stay at or
 * above the level it has reached.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapterDates, isDateRight, loadCorpus, personKey, readExpectations, sameName, scoreReading, type LoadedCorpus, type PageExpectation } from '../support/reading-score.js';

const exactPages = JSON.parse(readFileSync(new URL('./fixtures/expectations/exact-pages.json', import.meta.url), 'utf8')) as string[];
const expectations: Record<string, PageExpectation> = { ...readExpectations('dev'), ...readExpectations('holdout') };
const datesFromChapters = chapterDates(expectations);

describe('reading the shared corpus as a careful reader does', () => {
  let corpus: LoadedCorpus;
  beforeAll(async () => {
    corpus = await loadCorpus();
  });

  it('asserts at least 30 pages exactly, from both folders and both languages', () => {
    expect(exactPages.length).toBeGreaterThanOrEqual(30);
    expect(exactPages.some((page) => page.startsWith('reports/'))).toBe(true);
    expect(exactPages.some((page) => page.startsWith('sites/'))).toBe(true);
    expect(exactPages.some((page) => page.endsWith('.vi.md'))).toBe(true);
  });

  it.each(exactPages)('reads %s: name, date, speakers and pillar sections', (page) => {
    const expected = expectations[page];
    const event = corpus.events.get(page);
    expect(expected?.kind).toBe('event');
    expect(event).toBeDefined();
    if (expected === undefined || event === undefined) return;
    const names = [expected.name ?? '', ...(expected.nameAlternatives ?? [])];
    expect(names.some((name) => sameName(name, event.name)), `name ${event.name}`).toBe(true);
    expect(isDateRight(page, event.date, expected.date ?? null, datesFromChapters), `date ${String(event.date)}`).toBe(true);
    const people = [...(expected.speakers ?? []), ...(expected.teams ?? [])].map(personKey).sort();
    expect([...new Set(event.speakers.map((speaker) => personKey(speaker.name)))].sort()).toEqual(people);
    const withPoints = event.pillars.filter((pillar) => pillar.points.length > 0).map((pillar) => pillar.id);
    expect(withPoints.sort()).toEqual([...(expected.pillarSections ?? [])].sort());
  });

  it('skips every chapter page, whatever its list looks like', () => {
    const chapters = Object.entries(expectations).filter(([, expected]) => expected.kind === 'chapter');
    expect(chapters.length).toBeGreaterThanOrEqual(25);
    for (const [page] of chapters) {
      expect(corpus.events.has(page), page).toBe(false);
      expect(corpus.skipped.get(page), page).toMatch(/^chapter page/);
    }
  });

  it.each(['dev', 'holdout'] as const)('keeps the %s pages at the levels reached', (set) => {
    const score = scoreReading(corpus, readExpectations(set));
    expect(score.speakers.precision).toBeGreaterThanOrEqual(set === 'dev' ? 0.99 : 0.95);
    expect(score.speakers.recall).toBeGreaterThanOrEqual(set === 'dev' ? 0.97 : 0.9);
    expect(score.pillars.share).toBeGreaterThanOrEqual(0.95);
    expect(score.pillars.extra).toBe(0);
    expect(score.chapters.skipped).toBe(score.chapters.expected);
    expect(score.names.share).toBeGreaterThanOrEqual(set === 'dev' ? 0.98 : 0.95);
    expect(score.dates.share).toBeGreaterThanOrEqual(0.95);
    expect(score.tips.share).toBeGreaterThanOrEqual(0.9);
  });
});

/**
 * Scores the reader against expectations written by reading the shared corpus pages by hand
 * (test/content/fixtures/expectations/*.json): speakers, pillars with a section of their own, chapter pages,
 * event names, dates and tips. Used by the corpus test and by `npx tsx test/support/reading-score.ts [set]`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel, TakeawayEvent } from '../../src/content/model.js';
import { foldText } from '../../src/content/text.js';

export interface PageExpectation {
  kind: 'event' | 'chapter' | 'stub';
  name?: string | null;
  nameAlternatives?: string[];
  date?: string | null;
  speakers?: string[];
  teams?: string[];
  pillarSections?: string[];
  takeaways?: boolean;
  lessonsSection?: boolean;
}

const fixtures = fileURLToPath(new URL('../content/fixtures/', import.meta.url));

export function readExpectations(set: 'dev' | 'holdout'): Record<string, PageExpectation> {
  return JSON.parse(readFileSync(`${fixtures}expectations/${set}.json`, 'utf8')) as Record<string, PageExpectation>;
}

export interface LoadedCorpus {
  /** Keyed like the expectations: `sites/<site>/content/<path>` or `reports/<file>`. */
  events: Map<string, TakeawayEvent>;
  skipped: Map<string, string>;
  models: ContentModel[];
}

/**
 * Each site's `content/` folder loaded as the bot would load it, and the folder of single report pages. `base` is a
 * folder laid out like the fixtures (`sites/<site>/content/`, optionally `corpus/`): another set of pages, scored the same way.
 */
export async function loadCorpus(base = fixtures): Promise<LoadedCorpus> {
  const corpus: LoadedCorpus = { events: new Map(), skipped: new Map(), models: [] };
  const roots: Array<[string, string]> = existsSync(`${base}corpus`) ? [[`${base}corpus`, 'reports/']] : [];
  for (const site of readdirSync(`${base}sites`, { withFileTypes: true })) {
    if (site.isDirectory()) roots.push([`${base}sites/${site.name}/content`, `sites/${site.name}/content/`]);
  }
  for (const [root, prefix] of roots) {
    const model = await loadContent(root);
    corpus.models.push(model);
    for (const event of model.events) corpus.events.set(prefix + event.source, event);
    for (const skipped of model.skipped) corpus.skipped.set(prefix + skipped.source, skipped.reason);
  }
  return corpus;
}

/** Names compared as a reader would: case, accents, quotes and punctuation aside. */
export function sameName(left: string, right: string): boolean {
  const simple = (text: string) =>
    foldText(text)
      .replace(/[^\p{L}\p{N}#&]+/gu, ' ')
      .trim();
  return simple(left) === simple(right);
}

/** A person's name without honorifics, for matching ("Anh Trần Đức Anh" is "Tran Duc Anh"). */
export function personKey(name: string): string {
  return foldText(name)
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/^(?:mr|mrs|ms|dr|anh|chi|thay|co)\.?\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface Score {
  pages: number;
  speakers: { truePositives: number; found: number; expected: number; precision: number; recall: number };
  pillars: { withOwnPoints: number; expected: number; share: number; extra: number };
  chapters: { skipped: number; expected: number };
  names: { right: number; pages: number; share: number };
  dates: { right: number; pages: number; share: number };
  tips: { giving: number; pages: number; share: number };
  misses: string[];
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

/**
 * The dates chapter pages give for the pages they list (`4.1-Event1/` under the chapter's folder): a reader of the
 * site would take them too, so they count as right where the event page itself gives none.
 */
export function chapterDates(expectations: Record<string, PageExpectation & { lists?: Array<{ target: string; date: string | null }> }>): Map<string, Set<string>> {
  // Both language twins of a chapter may list a page, sometimes with different dates: either is a reader's reading.
  const dates = new Map<string, Set<string>>();
  for (const [page, expected] of Object.entries(expectations)) {
    const folder = page.slice(0, page.lastIndexOf('/') + 1);
    for (const entry of expected.lists ?? []) {
      if (entry.date === null) continue;
      const target = entry.target.replace(/_index(?:\.[a-z]+)?\.md$/, '').replace(/\/+$/, '');
      const page = `${folder}${target}/`;
      dates.set(page, (dates.get(page) ?? new Set<string>()).add(entry.date));
    }
  }
  return dates;
}

/** A page's date is right when it is the one the page gives, or, where the page gives none, one its chapter gives. */
export function isDateRight(page: string, date: string | null, expected: string | null, datesFromChapters: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (expected === date) return true;
  return expected === null && date !== null && datesFromChapters.get(page.slice(0, page.lastIndexOf('/') + 1))?.has(date) === true;
}

export function scoreReading(corpus: LoadedCorpus, expectations: Record<string, PageExpectation>): Score {
  const datesFromChapters = chapterDates(expectations);
  const score: Score = {
    pages: 0,
    speakers: { truePositives: 0, found: 0, expected: 0, precision: 0, recall: 0 },
    pillars: { withOwnPoints: 0, expected: 0, share: 0, extra: 0 },
    chapters: { skipped: 0, expected: 0 },
    names: { right: 0, pages: 0, share: 0 },
    dates: { right: 0, pages: 0, share: 0 },
    tips: { giving: 0, pages: 0, share: 0 },
    misses: [],
  };
  for (const [page, expected] of Object.entries(expectations)) {
    score.pages++;
    const event = corpus.events.get(page);
    if (expected.kind === 'chapter') {
      score.chapters.expected++;
      if (event === undefined && corpus.skipped.has(page)) score.chapters.skipped++;
      else score.misses.push(`${page}: chapter page not skipped`);
      continue;
    }
    if (expected.kind === 'stub') continue;
    if (event === undefined) {
      score.misses.push(`${page}: not loaded (${corpus.skipped.get(page) ?? 'missing'})`);
      continue;
    }
    const people = [...(expected.speakers ?? []), ...(expected.teams ?? [])];
    const expectedKeys = new Set(people.map(personKey));
    const foundKeys = new Set(event.speakers.map((speaker) => personKey(speaker.name)));
    const hits = [...foundKeys].filter((key) => expectedKeys.has(key)).length;
    score.speakers.truePositives += hits;
    score.speakers.found += foundKeys.size;
    score.speakers.expected += expectedKeys.size;
    const extra = [...foundKeys].filter((key) => !expectedKeys.has(key));
    const missing = [...expectedKeys].filter((key) => !foundKeys.has(key));
    if (extra.length > 0) score.misses.push(`${page}: speakers not expected ${JSON.stringify(extra)}`);
    if (missing.length > 0) score.misses.push(`${page}: speakers missing ${JSON.stringify(missing)}`);

    const withPoints = new Set(event.pillars.filter((pillar) => pillar.points.length > 0).map((pillar) => pillar.id));
    for (const id of expected.pillarSections ?? []) {
      score.pillars.expected++;
      if (withPoints.has(id)) score.pillars.withOwnPoints++;
      else score.misses.push(`${page}: pillar ${id} has no points of its own`);
    }
    const extraPillars = [...withPoints].filter((id) => !(expected.pillarSections ?? []).includes(id));
    score.pillars.extra += extraPillars.length;
    if (extraPillars.length > 0) score.misses.push(`${page}: pillars not expected ${JSON.stringify(extraPillars)}`);

    if (expected.name !== undefined && expected.name !== null) {
      score.names.pages++;
      const accepted = [expected.name, ...(expected.nameAlternatives ?? [])];
      if (accepted.some((name) => sameName(name, event.name))) score.names.right++;
      else score.misses.push(`${page}: name ${JSON.stringify(event.name)}, expected ${JSON.stringify(expected.name)}`);
    }
    if (expected.date !== undefined) {
      score.dates.pages++;
      if (isDateRight(page, event.date, expected.date, datesFromChapters)) score.dates.right++;
      else score.misses.push(`${page}: date ${String(event.date)}, expected ${String(expected.date)}`);
    }
    if (expected.takeaways === true && expected.lessonsSection !== true) {
      score.tips.pages++;
      if (event.tips.length > 0) score.tips.giving++;
      else score.misses.push(`${page}: takeaways but no tips`);
    }
  }
  score.speakers.precision = ratio(score.speakers.truePositives, score.speakers.found);
  score.speakers.recall = ratio(score.speakers.truePositives, score.speakers.expected);
  score.pillars.share = ratio(score.pillars.withOwnPoints, score.pillars.expected);
  score.names.share = ratio(score.names.right, score.names.pages);
  score.dates.share = ratio(score.dates.right, score.dates.pages);
  score.tips.share = ratio(score.tips.giving, score.tips.pages);
  return score;
}

export function formatScore(score: Score): string {
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  return [
    `${score.pages} pages`,
    `speakers: precision ${score.speakers.precision.toFixed(2)}, recall ${score.speakers.recall.toFixed(2)} (${score.speakers.truePositives} right of ${score.speakers.found} found, ${score.speakers.expected} expected)`,
    `pillars with their section's points: ${percent(score.pillars.share)} (${score.pillars.withOwnPoints}/${score.pillars.expected}), ${score.pillars.extra} not expected`,
    `chapter pages skipped: ${score.chapters.skipped}/${score.chapters.expected}`,
    `event names right: ${percent(score.names.share)} (${score.names.right}/${score.names.pages})`,
    `dates right: ${percent(score.dates.share)} (${score.dates.right}/${score.dates.pages})`,
    `pages with takeaways and no lessons section giving tips: ${percent(score.tips.share)} (${score.tips.giving}/${score.tips.pages})`,
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `reading-score.ts dev|holdout`, or `reading-score.ts <folder>` with `sites/` and `expectations.json` in it.
  const argument = process.argv[2] ?? 'dev';
  const other = argument !== 'dev' && argument !== 'holdout' ? `${argument.replace(/\/+$/, '')}/` : null;
  const score =
    other === null
      ? scoreReading(await loadCorpus(), readExpectations(argument === 'holdout' ? 'holdout' : 'dev'))
      : scoreReading(await loadCorpus(other), JSON.parse(readFileSync(`${other}expectations.json`, 'utf8')) as Record<string, PageExpectation>);
  process.stdout.write(`${formatScore(score)}\n`);
  if (process.argv.includes("--misses")) process.stdout.write(`\n${score.misses.join("\n")}\n`);
}

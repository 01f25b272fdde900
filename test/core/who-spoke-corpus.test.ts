import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { commandDeclarations } from '../../src/core/commands.js';
import { createLibrary, type Library } from '../../src/core/library.js';
import { routeText } from '../../src/core/route-text.js';
import { whoSpokeAbout } from '../../src/core/who-spoke.js';
import { nameKey } from '../../src/knowledge/people.js';
import { fixturesDir } from '../support/grouping-score.js';

interface GoldQuestion {
  question: string;
  lang: string;
  expected: string[];
  mustNotInclude: string[];
  note?: string;
}

const gold = JSON.parse(readFileSync(new URL('../knowledge/fixtures/who-spoke.json', import.meta.url), 'utf8')) as { questions: GoldQuestion[] };

/** Every spelling the library knows for the person an answer names. */
function spellingsOf(library: Library, name: string): Set<string> {
  const keys = new Set([nameKey(name)]);
  for (const entry of library.talks) if (entry.speaker.name === name) for (const alias of entry.names) keys.add(nameKey(alias));
  return keys;
}

/**
 * "Who spoke about …" questions written by reading the corpus pages (test/knowledge/fixtures/who-spoke.json),
 * asked as a member would type them.
 */
describe('who spoke about X, on the shared corpus', () => {
  let library: Library;
  beforeAll(async () => {
    library = createLibrary(await loadContent(fixturesDir), defaultTaxonomy);
  });

  /** A question is answered right when every expected speaker is named and none of the wrong ones. */
  function check(question: GoldQuestion): { routed: boolean; missing: string[]; wrong: string[] } {
    const route = routeText(question.question, commandDeclarations);
    const routed = route.command === 'speakers' && route.args.startsWith('about ');
    const answer = whoSpokeAbout(library, route.args.replace(/^about /, ''));
    const answered = answer.speakers.map((speaker) => spellingsOf(library, speaker.name));
    const named = (person: string) => answered.some((keys) => keys.has(nameKey(person)));
    return { routed, missing: question.expected.filter((person) => !named(person)), wrong: question.mustNotInclude.filter(named) };
  }

  it('routes every question, in either language, to the speakers of its topic', () => {
    for (const question of gold.questions) expect(check(question).routed, question.question).toBe(true);
  });

  it('names nobody who clearly did not speak about the topic', () => {
    for (const question of gold.questions) expect(check(question).wrong, question.question).toEqual([]);
  });

  it('answers at least 95% of the questions with every speaker who gave those sessions (all 23 today)', () => {
    const results = gold.questions.map((question) => ({ question: question.question, ...check(question) }));
    const right = results.filter((result) => result.missing.length === 0);
    expect(right.length / results.length, JSON.stringify(results.filter((result) => result.missing.length > 0))).toBeGreaterThanOrEqual(0.95);
  });
});

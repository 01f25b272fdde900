/**
 * What an event's name says, for telling whether two reports name the same event: its informative words (without
 * the words every report uses, "AWS", "workshop", "event", …), and its series and number ("Cloud Mastery Series #3").
 */
import { foldText } from '../content/text.js';

/** Words that name no event in particular: kinds of event, report words, the organiser, small words. */
const GENERIC_WORDS = new Set(
  [
    'aws amazon web services event events workshop workshops report summary recap takeaways takeaway session sessions',
    'the a an of on in at for and to with from by about into vs via my our your as is how what why new using',
    'su kien bao cao bai thu hoach tong ket tom tat hoi thao cua va voi tai cho ve',
    'day series edition part program programme meetup talk talks track',
  ]
    .join(' ')
    .split(' '),
);

export function nameWordsOf(name: string): string[] {
  return foldText(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !GENERIC_WORDS.has(word));
}

/** "AWS Cloud Mastery Series #3", "Cloud Mastery #3", "AWS CLOUD MASTER SERIES #1": the series' two words before the number, and the number. */
const SERIES = /([\p{L}]+)\s+([\p{L}]+)\s*(?:series\s*)?#\s*(\d{1,3})\b/u;

/**
 * The name without its series and number: "AWS Cloud Mastery Series #3: Security Pillar" → "AWS : Security Pillar".
 * Every event of a series shares the series' words, so they say nothing about which one a report is.
 */
export function withoutSeries(name: string): string {
  return foldText(name).replace(/(?:[\p{L}]+\s+){0,2}(?:series\s*)?#\s*\d{1,3}\b/gu, ' ');
}

export function seriesOf(name: string): string | null {
  const match = SERIES.exec(foldText(name).replace(/\bseries\s+/g, 'series '));
  if (match === null) return null;
  const words = [match[1], match[2]].filter((word) => word !== 'series' && word !== 'aws');
  // "Mastery" and "Master" are one series written two ways: the first four letters of the last word name it.
  return `${(words.at(-1) ?? '').slice(0, 4)}#${Number(match[3])}`;
}

/** Shared informative words over the smaller name's: 1 when one name's words are all in the other. */
export function nameOverlap(left: readonly string[], right: readonly string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  // Names are a few words: counting by scanning beats building sets.
  let shared = 0;
  let leftDistinct = 0;
  for (const [index, word] of left.entries()) {
    if (left.indexOf(word) !== index) continue;
    leftDistinct++;
    if (right.includes(word)) shared++;
  }
  let rightDistinct = 0;
  for (const [index, word] of right.entries()) if (right.indexOf(word) === index) rightDistinct++;
  return shared / Math.min(leftDistinct, rightDistinct);
}

/**
 * Which reports tell of the same event. Language twins (one page folder, two languages) always do. Beyond them,
 * reports are compared in pairs, and a pair is one event when:
 * - their dates are the same day and their names share most of their informative words, or name the same series
 *   and number ("Cloud Mastery Series #3"), or they name a speaker in common;
 * - their dates are up to three days apart (an author got the day wrong) and their names agree closely, or name the
 *   same series and number, or they name two speakers in common;
 * - one or both give no date, and they name the same series and number, or their names agree closely and they share
 *   speakers; such a report joins an event only when it fits exactly one.
 * Never one event: dates more than three days apart (the same "Community Day" in May and in June), different numbers
 * of one series, two pages of one site's chapter (an author writes one page per event), or different `event_id`s.
 * An author can settle it: front-matter `event_id:` on a page, or an `events.yaml` beside the pages.
 */
import type { TakeawayEvent } from '../content/model.js';
import { bundleIndexOf } from '../content/page-identity.js';
import { nameWordsOf, seriesOf, withoutSeries } from './event-names.js';
import { matchForms, nameFormOf, type NameForm } from './people.js';
import { runToEnd, type Steps } from './steps.js';

/** Days two reports' dates may differ by and still be one event (an author's slip). */
export const DATE_SLACK_DAYS = 3;

export interface ReportGroupingOverrides {
  /** Reports (by source) that are one event, whatever their pages say; keyed by the event id to give it. */
  merge: ReadonlyMap<string, readonly string[]>;
  /** Pairs of reports (by source) that are never one event. */
  separate: ReadonlyArray<readonly [string, string]>;
}

/** One name's informative words, read once: pairs are compared many times. */
interface NameWords {
  /** How many words, repeats included. */
  count: number;
  distinct: readonly string[];
  set: ReadonlySet<string>;
}

/** A page in all its languages: what is compared. */
interface ReportUnit {
  index: number;
  reports: TakeawayEvent[];
  day: number | null;
  /** Informative words of all its names (for finding candidates). */
  words: string[];
  /** Each of its names' informative words (names are compared one to one: a twin's words do not dilute another's). */
  names: NameWords[];
  series: string | null;
  speakers: TakeawayEvent['speakers'];
  /** Its speakers' name forms, read once: pairs are compared many times. */
  speakerForms: readonly NameForm[];
  /** Its speakers' name keys (words in order), for a quick "names them too". */
  speakerKeys: ReadonlySet<string>;
  /** Each speaker's pairs of words (`wordPairs`), in the order of `speakerForms`. */
  speakerFormPairs: ReadonlyArray<readonly string[]>;
  /** Its speakers by each pair of words of their names: another spelling of a name (`matchForms`) keeps one of them. */
  formsByPair: ReadonlyMap<string, readonly NameForm[]>;
  /** Its speakers of two-word names by each word: a one-letter typo in one word keeps the other. */
  twoWordFormsByWord: ReadonlyMap<string, readonly NameForm[]>;
  /** The chapter folder holding this page's bundle: two pages of one chapter are two events. */
  chapter: string | null;
  /** `event_id` from front matter or events.yaml. */
  eventId: string | null;
}

export interface ReportGroup {
  reports: TakeawayEvent[];
  /** The id an override gave the event, if any. */
  eventId: string | null;
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** The value given most often (the first of those tied), or null for none. */
export function mostCommon<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function chapterOf(report: TakeawayEvent): string | null {
  if (bundleIndexOf(report.source) === null) return null;
  const folders = report.source.split('/').slice(0, -2);
  return `${report.site}\n${folders.join('/')}`;
}

function buildUnits(reports: readonly TakeawayEvent[], eventIdOf: (report: TakeawayEvent) => string | null): ReportUnit[] {
  const twins = new Map<string, TakeawayEvent[]>();
  for (const report of reports) {
    const key = `${report.site}\n${report.key}`;
    twins.set(key, [...(twins.get(key) ?? []), report]);
  }
  return [...twins.values()].map((group, index) => {
    const date = mostCommon(group.map((report) => report.date).filter((date): date is string => date !== null));
    const names = group.flatMap((report) => [report.name, report.title]);
    const series = [...new Set(names.map(seriesOf).filter((value): value is string => value !== null))];
    const speakers = group.flatMap((report) => report.speakers).filter((speaker) => nameFormOf(speaker).words.length >= 2);
    const speakerForms = speakers.map(nameFormOf);
    const speakerFormPairs = speakerForms.map((form) => wordPairs(form.words));
    return {
      index,
      reports: group,
      day: date === null ? null : dayNumber(date),
      words: [...new Set(names.map(withoutSeries).flatMap(nameWordsOf))],
      names: [...new Set(names)]
        .map((name) => nameWordsOf(withoutSeries(name)))
        .filter((words) => words.length > 0)
        .map((words) => ({ count: words.length, distinct: [...new Set(words)], set: new Set(words) })),
      // Twins that disagree on the series number ("#1" in one language's heading, "#2" in the other) say nothing.
      series: series.length === 1 ? (series[0] ?? null) : null,
      speakers,
      speakerForms,
      speakerKeys: new Set(speakerForms.map((form) => form.key)),
      speakerFormPairs,
      formsByPair: groupBy(speakerForms.flatMap((form, at) => (speakerFormPairs[at] ?? []).map((pair) => [pair, form] as const))),
      twoWordFormsByWord: groupBy(speakerForms.filter((form) => form.words.length === 2).flatMap((form) => form.words.map((word) => [word, form] as const))),
      chapter: chapterOf(group[0] as TakeawayEvent),
      eventId: mostCommon(group.map(eventIdOf).filter((id): id is string => id !== null)),
    };
  });
}

/** Every pair of a name's words (by position, each pair's words sorted), as keys. */
function wordPairs(words: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let first = 0; first < words.length; first++) {
    for (let second = first + 1; second < words.length; second++) {
      const [low, high] = [words[first] ?? '', words[second] ?? ''].sort();
      pairs.push(`${low}\u0000${high}`);
    }
  }
  return pairs;
}

function groupBy<K, V>(entries: Iterable<readonly [K, V]>): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const [key, value] of entries) {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [value]);
    else group.push(value);
  }
  return groups;
}

/**
 * Whether one of `right`'s speakers is another spelling of `form`'s name (`matchForms`). Each spelling it accepts
 * keeps two words of the name (a part of a name has two words at least; a typo changes one word of three or more),
 * or one word of two when both names have two: only right's speakers keeping those are compared.
 */
function namesOneOf(form: NameForm, formPairs: readonly string[], right: ReportUnit): boolean {
  const matches = (other: NameForm) => matchForms(form, other) !== null;
  if (formPairs.some((pair) => right.formsByPair.get(pair)?.some(matches))) return true;
  return form.words.length === 2 && form.words.some((word) => right.twoWordFormsByWord.get(word)?.some(matches));
}

/**
 * How many of `left`'s speakers `right` names too: the same words first (a set lookup), then other spellings,
 * compared only with the speakers keeping enough of the name (`namesOneOf`): pages of one day share many family names.
 */
function sharedSpeakers(left: ReportUnit, right: ReportUnit): number {
  let shared = 0;
  for (const [index, form] of left.speakerForms.entries()) {
    if (right.speakerKeys.has(form.key) || namesOneOf(form, left.speakerFormPairs[index] ?? [], right)) shared++;
  }
  return shared;
}

type Verdict = 'same' | 'different' | 'unknown';

/** How closely the two pages' names agree: the best of their names compared one to one. */
function namesOverlap(left: ReportUnit, right: ReportUnit): { overlap: number; words: number } {
  let best = { overlap: 0, words: 0 };
  for (const leftName of left.names) {
    for (const rightName of right.names) {
      // `nameOverlap`, on words read once.
      let shared = 0;
      for (const word of leftName.distinct) if (rightName.set.has(word)) shared++;
      const overlap = shared / Math.min(leftName.distinct.length, rightName.distinct.length);
      const words = Math.min(leftName.count, rightName.count);
      if (overlap > best.overlap || (overlap === best.overlap && words > best.words)) best = { overlap, words };
    }
  }
  return best;
}

function neverTogether(left: ReportUnit, right: ReportUnit): boolean {
  if (left.eventId !== null && right.eventId !== null) return left.eventId !== right.eventId;
  if (left.chapter !== null && left.chapter === right.chapter) return true;
  if (left.series !== null && right.series !== null && left.series !== right.series) return true;
  return left.day !== null && right.day !== null && Math.abs(left.day - right.day) > DATE_SLACK_DAYS;
}

/** The verdict on a pair, and how sure it is (the surest pairs join first: a bridge of weak pairs must not pull two events together). */
function evaluate(left: ReportUnit, right: ReportUnit): { verdict: Verdict; strength: number } {
  // Two pages of one chapter, or dates far apart: no need to weigh their names.
  if (!(left.eventId !== null && left.eventId === right.eventId) && neverTogether(left, right)) return { verdict: 'different', strength: 0 };
  const overlap = namesOverlap(left, right);
  const sameDay = left.day !== null && left.day === right.day;
  const sameSeries = left.series !== null && left.series === right.series;
  const strength = (sameDay ? 4 : left.day !== null && right.day !== null ? 2 : 0) + (sameSeries ? 2 : 0) + overlap.overlap;
  return { verdict: compare(left, right, overlap), strength };
}

function compare(left: ReportUnit, right: ReportUnit, names: { overlap: number; words: number }): Verdict {
  if (left.eventId !== null && left.eventId === right.eventId) return 'same';
  if (neverTogether(left, right)) return 'different';
  const { overlap, words } = names;
  const sameSeries = left.series !== null && left.series === right.series;
  let sharedCount: number | undefined;
  const shared = () => (sharedCount ??= sharedSpeakers(left, right));
  if (left.day !== null && right.day !== null) {
    const gap = Math.abs(left.day - right.day);
    if (gap === 0) return overlap >= 0.5 || sameSeries || shared() >= 1 ? 'same' : 'unknown';
    // A day or three apart: the names must agree, and the speakers too when both name any (a series' events a few
    // days apart share their speakers, and each other's words).
    if (sameSeries) return 'same';
    const namesAgree = overlap >= 0.6 && words >= 2;
    const speakersAgree = () => left.speakers.length === 0 || right.speakers.length === 0 || overlap === 1 || shared() >= 1;
    // Or one informative word each, the same, and two speakers in common ("Edge Services" on the 18th and the 19th).
    return (namesAgree && speakersAgree()) || (overlap === 1 && shared() >= 2) ? 'same' : 'unknown';
  }
  if (sameSeries) return 'same';
  return (overlap >= 0.75 && words >= 2 && shared() >= 1) || shared() >= 3 ? 'same' : 'unknown';
}

/** Candidates an undated page is compared with, at most: the pages sharing most of its rare words and speakers. */
const UNDATED_CANDIDATES = 30;
/** A word or speaker on more pages than this says little about which event a page is (and is not used to find candidates). */
const COMMON_POSTING = 500;

/**
 * Pairs worth comparing, each once: near dates, one series, or (for undated pages) the pages sharing most words and
 * speakers. Given one at a time: on a large site there are many, and only those found one event are kept.
 */
function* candidatePairs(units: readonly ReportUnit[]): Generator<[ReportUnit, ReportUnit]> {
  const byDay = groupBy(units.flatMap((unit) => (unit.day === null ? [] : [[unit.day, unit] as const])));
  const bySeries = groupBy(units.flatMap((unit) => (unit.series === null ? [] : [[unit.series, unit] as const])));
  const byWord = groupBy(units.flatMap((unit) => unit.words.map((word) => [word, unit] as const)));
  const bySpeaker = groupBy(units.flatMap((unit) => [...unit.speakerKeys].map((key) => [key, unit] as const)));
  // Dated pages within the slack of each other: each pair from its first page, so none twice.
  for (const unit of units) {
    if (unit.day === null) continue;
    for (let day = unit.day - DATE_SLACK_DAYS; day <= unit.day + DATE_SLACK_DAYS; day++) {
      for (const other of byDay.get(day) ?? []) if (other.index > unit.index) yield [unit, other];
    }
  }
  const nearDates = (left: ReportUnit, right: ReportUnit) => left.day !== null && right.day !== null && Math.abs(left.day - right.day) <= DATE_SLACK_DAYS;
  // The rest (one series, undated pages) are few: a set keeps them once.
  const seen = new Set<number>();
  const once = (left: ReportUnit, right: ReportUnit): [ReportUnit, ReportUnit] | null => {
    if (left === right || nearDates(left, right)) return null;
    const [first, second] = left.index < right.index ? [left, right] : [right, left];
    const key = first.index * units.length + second.index;
    if (seen.has(key)) return null;
    seen.add(key);
    return [first, second];
  };
  for (const unit of units) {
    if (unit.series === null) continue;
    for (const other of bySeries.get(unit.series) ?? []) {
      const pair = once(unit, other);
      if (pair !== null) yield pair;
    }
  }
  for (const unit of units) {
    if (unit.day !== null) continue;
    // Each shared word or speaker counts for more the fewer pages have it.
    const counts = new Map<ReportUnit, number>();
    const postings = [...unit.words.map((word) => byWord.get(word)), ...[...unit.speakerKeys].map((key) => bySpeaker.get(key))];
    for (const posting of postings) {
      if (posting === undefined || posting.length > COMMON_POSTING) continue;
      for (const other of posting) if (other !== unit) counts.set(other, (counts.get(other) ?? 0) + 1 / posting.length);
    }
    const best = [...counts.entries()].sort((left, right) => right[1] - left[1] || left[0].index - right[0].index).slice(0, UNDATED_CANDIDATES);
    for (const [other] of best) {
      const pair = once(unit, other);
      if (pair !== null) yield pair;
    }
  }
}

class Clusters {
  private readonly parent: number[];
  readonly members: Map<number, ReportUnit[]>;

  constructor(units: readonly ReportUnit[]) {
    this.parent = units.map((unit) => unit.index);
    this.members = new Map(units.map((unit) => [unit.index, [unit]]));
  }

  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    for (let node = index; this.parent[node] !== root; ) {
      const next = this.parent[node] ?? root;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }

  /** Joins the two clusters unless some pair across them can never be one event (or `force`). */
  join(left: ReportUnit, right: ReportUnit, blocked: (left: ReportUnit, right: ReportUnit) => boolean, force = false): boolean {
    const leftRoot = this.find(left.index);
    const rightRoot = this.find(right.index);
    if (leftRoot === rightRoot) return true;
    const leftMembers = this.members.get(leftRoot) ?? [];
    const rightMembers = this.members.get(rightRoot) ?? [];
    if (!force && leftMembers.some((member) => rightMembers.some((other) => blocked(member, other)))) return false;
    this.parent[rightRoot] = leftRoot;
    this.members.set(leftRoot, [...leftMembers, ...rightMembers]);
    this.members.delete(rightRoot);
    return true;
  }
}

/** Groups reports into events (see the module comment for the rules). Deterministic: the same reports give the same groups. */
export function groupReports(reports: readonly TakeawayEvent[], overrides: ReportGroupingOverrides = { merge: new Map(), separate: [] }): ReportGroup[] {
  return runToEnd(groupReportsSteps(reports, overrides));
}

/** Candidate pairs weighed between two steps of a sliced build. */
const PAIRS_PER_STEP = 256;

/** `groupReports` as steps, for a build in slices (see `steps.ts`). */
export function* groupReportsSteps(reports: readonly TakeawayEvent[], overrides: ReportGroupingOverrides = { merge: new Map(), separate: [] }): Steps<ReportGroup[]> {
  const overrideIdBySource = new Map<string, string>();
  for (const [id, sources] of overrides.merge) for (const source of sources) overrideIdBySource.set(source, id);
  const units = buildUnits(reports, (report) => overrideIdBySource.get(report.source) ?? report.eventId ?? null);
  const unitBySource = new Map<string, ReportUnit>();
  for (const unit of units) for (const report of unit.reports) unitBySource.set(report.source, unit);
  const separated = new Set<string>();
  for (const [left, right] of overrides.separate) {
    const leftUnit = unitBySource.get(left);
    const rightUnit = unitBySource.get(right);
    if (leftUnit !== undefined && rightUnit !== undefined) separated.add(`${Math.min(leftUnit.index, rightUnit.index)} ${Math.max(leftUnit.index, rightUnit.index)}`);
  }
  const blocked = (left: ReportUnit, right: ReportUnit) =>
    (separated.size > 0 && separated.has(`${Math.min(left.index, right.index)} ${Math.max(left.index, right.index)}`)) ||
    (!(left.eventId !== null && left.eventId === right.eventId) && neverTogether(left, right));

  const clusters = new Clusters(units);
  // Overrides first: one event id, one event.
  const byEventId = new Map<string, ReportUnit>();
  for (const unit of units) {
    if (unit.eventId === null) continue;
    const first = byEventId.get(unit.eventId);
    if (first === undefined) byEventId.set(unit.eventId, unit);
    else clusters.join(first, unit, blocked, true);
  }
  yield;
  const weighed: Array<{ pair: [ReportUnit, ReportUnit]; strength: number }> = [];
  let weighedSinceStep = 0;
  for (const pair of candidatePairs(units)) {
    if (++weighedSinceStep === PAIRS_PER_STEP) {
      weighedSinceStep = 0;
      yield;
    }
    const { verdict, strength } = evaluate(...pair);
    if (verdict === 'same') weighed.push({ pair, strength });
  }
  yield;
  const pairs = weighed
    .sort((left, right) => right.strength - left.strength || left.pair[0].index - right.pair[0].index || left.pair[1].index - right.pair[1].index)
    .map(({ pair }) => pair);
  // Dated pages first, then undated pages among themselves; then an undated group joins the one dated event it fits.
  for (const [left, right] of pairs) if (left.day !== null && right.day !== null) clusters.join(left, right, blocked);
  for (const [left, right] of pairs) if (left.day === null && right.day === null) clusters.join(left, right, blocked);
  const isDated = (root: number) => (clusters.members.get(root) ?? []).some((unit) => unit.day !== null);
  const fits = new Map<number, Set<number>>();
  for (const [left, right] of pairs) {
    const leftRoot = clusters.find(left.index);
    const rightRoot = clusters.find(right.index);
    if (leftRoot === rightRoot) continue;
    if (!isDated(leftRoot) && isDated(rightRoot)) fits.set(leftRoot, (fits.get(leftRoot) ?? new Set<number>()).add(rightRoot));
    if (!isDated(rightRoot) && isDated(leftRoot)) fits.set(rightRoot, (fits.get(rightRoot) ?? new Set<number>()).add(leftRoot));
  }
  const compatible = (leftRoot: number, rightRoot: number) => {
    const rightMembers = clusters.members.get(rightRoot) ?? [];
    return !(clusters.members.get(leftRoot) ?? []).some((member) => rightMembers.some((other) => blocked(member, other)));
  };
  // How well an undated group fits a dated event: the same series and number decides; else shared speakers and words.
  const fitOf = (undatedRoot: number, datedRoot: number) => {
    let fit = 0;
    for (const member of clusters.members.get(undatedRoot) ?? []) {
      for (const other of clusters.members.get(datedRoot) ?? []) {
        const sameSeries = member.series !== null && member.series === other.series;
        fit = Math.max(fit, (sameSeries ? 100 : 0) + sharedSpeakers(member, other) + 5 * namesOverlap(member, other).overlap);
      }
    }
    return fit;
  };
  for (const [undatedRoot, candidates] of fits) {
    const ranked = [...candidates]
      .filter((root) => compatible(undatedRoot, root))
      .map((root) => ({ root, fit: fitOf(undatedRoot, root) }))
      .sort((left, right) => right.fit - left.fit);
    const [best, second] = ranked;
    // Only a clear fit: twice as good as the next (a speaker who spoke at several events is not enough to choose).
    if (best === undefined || (second !== undefined && best.fit < 2 * second.fit)) continue;
    const undated = clusters.members.get(undatedRoot)?.[0];
    const dated = clusters.members.get(best.root)?.[0];
    if (undated !== undefined && dated !== undefined) clusters.join(dated, undated, blocked);
  }

  return [...clusters.members.values()]
    .map((members) => ({
      reports: members.flatMap((unit) => unit.reports).sort((left, right) => left.source.localeCompare(right.source)),
      eventId: mostCommon(members.map((unit) => unit.eventId).filter((id): id is string => id !== null)),
    }))
    .sort((left, right) => (left.reports[0]?.source ?? '').localeCompare(right.reports[0]?.source ?? ''));
}


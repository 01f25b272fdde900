/**
 * One person, many spellings. Reports of the same event name their speakers differently: with or without
 * diacritics ("Trần Đức Anh" / "Tran Duc Anh"), in another order or with a middle name left out ("Kha Van",
 * "Van Hoang Kha", "Nguyen Van Hoang Kha"), with an honorific ("Anh Trần Đức Anh") or a nickname in parentheses
 * ("Mendel Grabski (Long)"), or with a one-letter typo. Two names are one person when:
 * - their words are the same, in any order; or
 * - the words of the shorter (two at least) are all in the longer, and the shorter fits no other person; or
 * - they differ by one letter in one word ("Truongh" for "Truong"): of five letters or more in a name of three words
 *   or more, of four or more in a name of two when the roles agree ("Tam" and "Tan" stay two people).
 * A name of one word ("Kiet") is only ever the same as that word, and two names one page lists apart are two people. People who only share a given name ("Thinh Lam",
 * "Nguyen Tuan Thinh") are never merged: neither name's words are all in the other.
 */
import type { Speaker } from '../content/model.js';
import { foldText } from '../content/text.js';
import { runToEnd, type Steps } from './steps.js';

/** Titles and kinship words written before a name; never part of it. */
const HONORIFICS = new Set(['anh', 'chi', 'em', 'co', 'thay', 'ba', 'ong', 'mr', 'ms', 'mrs', 'dr', 'prof', 'ts', 'ths', 'gs', 'pgs']);

/** A name's words, folded, without a leading honorific or a trailing nickname in parentheses. */
export function nameWords(name: string): string[] {
  const words = foldText(name.replace(/\s*\([^()]*\)\s*$/, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  // "Anh Pham" is a name (Anh is a given name too): an honorific is dropped only before two more words.
  while (words.length > 2 && HONORIFICS.has(words[0] ?? '')) words.shift();
  return words;
}

/** The same words in any order: "Tran Duc Anh" and "Anh Tran Duc" give one key. */
export function nameKey(name: string): string {
  return [...nameWords(name)].sort().join(' ');
}

/** A speaker's name and role, read once: what matching compares. */
export interface NameForm {
  words: readonly string[];
  /** The words sorted: the same for "Tran Duc Anh" and "Anh Tran Duc". */
  key: string;
  sorted: readonly string[];
  roleWords: ReadonlySet<string>;
}

let forms = new WeakMap<Speaker, NameForm>();

/**
 * Forgets the name forms read so far: they serve one build of the knowledge base, and kept as long as the reports
 * they were read from (the whole time the bot runs) they held about 5 MB for 1,000 reports.
 */
export function forgetNameForms(): void {
  forms = new WeakMap<Speaker, NameForm>();
}

/** The speaker's name form, computed once per speaker object. */
export function nameFormOf(speaker: Speaker): NameForm {
  let form = forms.get(speaker);
  if (form === undefined) {
    const words = nameWords(speaker.name);
    const sorted = [...words].sort();
    form = {
      words,
      key: sorted.join(' '),
      sorted,
      roleWords: new Set(nameWords(`${speaker.role ?? ''} ${speaker.org ?? ''}`).filter((word) => word.length > 2)),
    };
    forms.set(speaker, form);
  }
  return form;
}

function containsAll(longer: readonly string[], shorter: readonly string[]): boolean {
  const pool = [...longer];
  for (const word of shorter) {
    const at = pool.indexOf(word);
    if (at === -1) return false;
    pool.splice(at, 1);
  }
  return true;
}

/** Levenshtein distance, stopping early once it passes `limit`. */
function editDistance(left: string, right: string, limit: number): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      const value = Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, (previous[column - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[right.length] ?? limit + 1;
}

const FOUR_LETTERS_OR_MORE = /^\p{L}{4,}$/u;
const FIVE_LETTERS_OR_MORE = /^\p{L}{5,}$/u;

/** Whether a one-letter difference in this word counts as a typo: all letters, five or more in a name of three words or more, else four. */
function isTypoSizedWord(word: string, wordCount: number): boolean {
  return (wordCount >= 3 ? FIVE_LETTERS_OR_MORE : FOUR_LETTERS_OR_MORE).test(word);
}

/** The same words but one, and that one a word long enough (`isTypoSizedWord`) written one letter differently ("Lonq" for "Long"). */
function isOneLetterTypo(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length || left.length < 2) return false;
  let differingAt = -1;
  for (let index = 0; index < left.length; index++) {
    if (left[index] === right[index]) continue;
    if (differingAt !== -1) return false;
    differingAt = index;
  }
  if (differingAt === -1) return false;
  const leftWord = left[differingAt] ?? '';
  const rightWord = right[differingAt] ?? '';
  return isTypoSizedWord(leftWord, left.length) && isTypoSizedWord(rightWord, right.length) && editDistance(leftWord, rightWord, 1) <= 1;
}

function rolesAgree(left: NameForm, right: NameForm): boolean {
  if (left.roleWords.size === 0 || right.roleWords.size === 0) return false;
  let shared = 0;
  for (const word of left.roleWords) if (right.roleWords.has(word)) shared++;
  return shared >= Math.min(2, left.roleWords.size, right.roleWords.size);
}

export type NameMatch = 'same-words' | 'part-of' | 'typo' | null;

/** How two name forms match, if they do (the "shorter fits no other person" check is the caller's). */
export function matchForms(left: NameForm, right: NameForm): NameMatch {
  if (left.words.length === 0 || right.words.length === 0) return null;
  if (left.key === right.key) return 'same-words';
  const [shorter, longer] = left.words.length <= right.words.length ? [left.words, right.words] : [right.words, left.words];
  if (shorter.length >= 2 && shorter.length < longer.length && containsAll(longer, shorter)) return 'part-of';
  // A one-letter typo: in a name of three words or more ("Quang Tinh Truongh"), or of two when the roles agree.
  if (left.words.length === right.words.length && isOneLetterTypo(left.sorted, right.sorted) && (left.words.length >= 3 || rolesAgree(left, right))) return 'typo';
  return null;
}

/** How two speakers' names match, if they do. */
export function matchNames(left: Speaker, right: Speaker): NameMatch {
  return matchForms(nameFormOf(left), nameFormOf(right));
}

/** Family names too common to tell a person by: "Anh Pham" is a given name and a family name, not "brother Pham". */
const COMMON_FAMILY_NAMES = new Set(['nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly']);

/** The one word a short mention goes by: "Kiet", "Mr. Truong", "Anh Trường", "Chị Bảo"; null for a fuller name. */
function shortNameWord(name: string): string | null {
  const words = nameWords(name);
  if (words.length === 1) return words[0] ?? null;
  // "Anh Trường": an honorific before one word, unless that word is a family name ("Anh Pham" is a name).
  if (words.length === 2 && HONORIFICS.has(words[0] ?? '') && !COMMON_FAMILY_NAMES.has(words[1] ?? '')) return words[1] ?? null;
  return null;
}

/**
 * Within one event, a speaker one report names by one word ("Anh Trường", "Kiet") and another report in full
 * ("Truong Tran") is one person, when exactly one full name of the event holds that word and the short mention's
 * own report does not list that full name too (then they are two people). Returns, for each such mention, the
 * speaker it stands for; with no full name, "Chị Bảo" stands for "Bảo". Across events a lone given name says nothing:
 * there are many Kiets.
 */
export function resolveShortNames<Mention>(eventMentions: readonly Mention[], speakerOf: (mention: Mention) => Speaker, reportOf: (mention: Mention) => string): Map<Mention, Speaker> {
  const resolved = new Map<Mention, Speaker>();
  const fullByWord = new Map<string, Map<string, Mention>>();
  const keysByReport = new Map<string, Set<string>>();
  for (const mention of eventMentions) {
    const speaker = speakerOf(mention);
    const form = nameFormOf(speaker);
    const report = reportOf(mention);
    keysByReport.set(report, (keysByReport.get(report) ?? new Set<string>()).add(form.key));
    if (form.words.length < 2 || shortNameWord(speaker.name) !== null) continue;
    for (const word of new Set(form.words)) {
      const byKey = fullByWord.get(word) ?? new Map<string, Mention>();
      if (!byKey.has(form.key)) byKey.set(form.key, mention);
      fullByWord.set(word, byKey);
    }
  }
  for (const mention of eventMentions) {
    const word = shortNameWord(speakerOf(mention).name);
    if (word === null) continue;
    const fulls = fullByWord.get(word);
    const speaker = speakerOf(mention);
    if (fulls === undefined && nameWords(speaker.name).length === 2) {
      // No full name to stand for: "Chị Bảo" is Bảo, as the English twin writes it.
      resolved.set(mention, { ...speaker, name: speaker.name.trim().replace(/^\S+\s+/, '') });
      continue;
    }
    if (fulls === undefined || fulls.size !== 1) continue;
    const [[key, full]] = [...fulls] as [[string, Mention]];
    if (keysByReport.get(reportOf(mention))?.has(key) === true) continue;
    resolved.set(mention, { ...speaker, name: speakerOf(full).name });
  }
  return resolved;
}

/** A person found in one or more reports, under every spelling they were given. */
export interface Person<Mention> {
  /** The fullest spelling: most words, then the most used, then the one with diacritics. */
  name: string;
  aliases: string[];
  mentions: Mention[];
}

function hasDiacritics(text: string): boolean {
  return foldText(text) !== text.toLowerCase();
}

function canonicalName(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return (
    [...counts.entries()].sort(
      ([left, leftCount], [right, rightCount]) =>
        nameWords(right).length - nameWords(left).length ||
        rightCount - leftCount ||
        Number(hasDiacritics(right)) - Number(hasDiacritics(left)) ||
        left.localeCompare(right),
    )[0]?.[0] ?? ''
  );
}

/**
 * Groups mentions into people. Exact spellings (same words) join first; then a shorter name joins the one longer
 * person whose name holds all its words, or a one-letter typo with an agreeing role. A shorter name that fits two
 * different people ("Nguyen Anh" with "Nguyen Van Anh" and "Nguyen Duc Anh") stays on its own.
 * People are found by their words (a match shares at least all but one of them), so this stays near linear.
 */
/** A word shared by at most this many people is enough on its own to look someone up by. */
const RARE_WORD_PEOPLE = 50;

export function groupPeople<Mention>(mentions: readonly Mention[], speakerOf: (mention: Mention) => Speaker, reportOf: (mention: Mention) => string | null = () => null): Array<Person<Mention>> {
  return runToEnd(groupPeopleSteps(mentions, speakerOf, reportOf));
}

/** Names grouped between two steps of a sliced build. */
const NAMES_PER_STEP = 256;

/** `groupPeople` as steps, for a build in slices (see `steps.ts`). */
export function* groupPeopleSteps<Mention>(mentions: readonly Mention[], speakerOf: (mention: Mention) => Speaker, reportOf: (mention: Mention) => string | null = () => null): Steps<Array<Person<Mention>>> {
  const byKey = new Map<string, Mention[]>();
  for (const mention of mentions) {
    const key = nameFormOf(speakerOf(mention)).key;
    if (key === '') continue;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [mention]);
    else group.push(mention);
  }
  // Longest names first, so each shorter one looks for the people already formed around fuller names.
  const groups = [...byKey.values()].map((group) => ({ group, form: nameFormOf(speakerOf(group[0] as Mention)) }));
  groups.sort((left, right) => right.form.words.length - left.form.words.length);
  // Each person's name keys per report, so "listed apart" is a lookup, not a pass over every mention so far.
  const people: Array<{ mentions: Mention[]; forms: NameForm[]; keysByReport: Map<string, Set<string>> }> = [];
  const peopleByWord = new Map<string, Set<number>>();
  for (const [step, { group, form }] of groups.entries()) {
    if (step % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
    // A match shares every word (same words, part of) or all but one (a typo): two of its words find it, and the
    // rarest two are taken ("Nguyen" starts half the names).
    // A word no person has yet rules out every match but a typo in that word; two such words rule out all.
    const candidates = new Set<number>();
    const unseen = form.words.filter((word) => !peopleByWord.has(word)).length;
    const seen = form.words.filter((word) => peopleByWord.has(word)).sort((left, right) => (peopleByWord.get(left)?.size ?? 0) - (peopleByWord.get(right)?.size ?? 0));
    // Everyone a full or partial name fits has all its words, and a typo all but one: those with its two rarest seen
    // words. A two-word name with a new word has one word to go by: used only while few people share it.
    const first = peopleByWord.get(seen[0] ?? '');
    const second = peopleByWord.get(seen[1] ?? '');
    // With a new word, only a typo in that word can match: a word too short to be a typo ("17", "Le") rules it out.
    const newWord = form.words.find((word) => !peopleByWord.has(word));
    const typoPossible = newWord === undefined || isTypoSizedWord(newWord, form.words.length);
    if (unseen <= 1 && typoPossible && first !== undefined && (second !== undefined || first.size <= RARE_WORD_PEOPLE)) {
      for (const index of first) if (second === undefined || second.has(index)) candidates.add(index);
    }
    // A shorter name that one report lists beside the longer one is someone else ("Tran Minh Quan" speaking, "Nguyen
    // Tran Minh Quan" in a team, on one page).
    const reports = new Set(group.map(reportOf).filter((report): report is string => report !== null));
    const listedApart = (index: number) => {
      const keysByReport = people[index]?.keysByReport;
      if (keysByReport === undefined) return false;
      for (const report of reports) {
        for (const key of keysByReport.get(report) ?? []) if (key !== form.key) return true;
      }
      return false;
    };
    const fits = [...candidates].filter((index) => people[index]?.forms.some((other) => matchForms(form, other) !== null) && !listedApart(index));
    let index: number;
    if (fits.length === 1) {
      index = fits[0] as number;
      people[index]?.mentions.push(...group);
      people[index]?.forms.push(form);
    } else {
      index = people.length;
      people.push({ mentions: [...group], forms: [form], keysByReport: new Map() });
    }
    const keysByReport = people[index]?.keysByReport;
    for (const report of reports) keysByReport?.set(report, (keysByReport.get(report) ?? new Set<string>()).add(form.key));
    for (const word of form.words) {
      const indexes = peopleByWord.get(word);
      if (indexes === undefined) peopleByWord.set(word, new Set([index]));
      else indexes.add(index);
    }
  }
  return people.map((person) => {
    const names = person.mentions.map((mention) => speakerOf(mention).name);
    const name = canonicalName(names);
    const aliases = [...new Set(names)].filter((alias) => alias !== name);
    return { name, aliases, mentions: person.mentions };
  });
}

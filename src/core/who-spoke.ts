/**
 * "Who spoke about X?": questions in plain words, in English and Vietnamese, and the speakers whose talks match X.
 * X may be a service ("GuardDuty"), a pillar in any of its names or languages ("bảo vệ dữ liệu"), or words of a
 * talk's title ("Cloud Quest"). Pure functions of the library.
 */
import { classifyHeadingPillar } from '../content/pillars.js';
import { foldText, wordKey } from '../content/text.js';
import type { Library, LibraryEvent, TalkEntry } from './library.js';

/**
 * "who spoke about X", "who talked about / presented / covered / gave the talk on X", "which speaker(s) …",
 * "ai nói về X", "ai trình bày về X", "diễn giả nào …": the folded topic, or null when the text asks no such thing.
 */
const QUESTIONS: readonly RegExp[] = [
  /^(?:so\s+)?who\s+(?:(?:else\s+)?(?:spoke|speaks|talked|talks|was\s+talking|presented|presents|covered|covers|discussed|discusses|shared|explained|taught)|gave\s+(?:the|a)\s+(?:talk|session|presentation)s?|did\s+(?:the|a)\s+(?:talk|session)s?|(?:is|was)\s+(?:the\s+)?(?:speaker|presenter)s?)\s*(?:about|on|of|for)?(?:\s+(.*))?$/,
  /^which\s+(?:speakers?|presenters?|people|person)\s+(?:\w+\s+)?(?:about|on|of|for)(?:\s+(.*))?$/,
  /^which\s+(?:speakers?|presenters?)\s+(?:spoke|talked|presented|covered|discussed)(?:\s+(.*))?$/,
  /^(?:ai|nguoi nao)\s+(?:la nguoi\s+|da\s+)?(?:noi|trinh bay|thuyet trinh|chia se|giang|phu trach|dien thuyet)\s*(?:ve|chu de)?(?:\s+(.*))?$/,
  /^dien gia\s+nao\s+(?:da\s+)?(?:noi|trinh bay|thuyet trinh|chia se|phu trach)?\s*(?:ve|chu de)?\s*(.*)$/,
];

/** Words a question wraps its topic in, in either language. */
const FILLER = new Set(['the', 'a', 'an', 'about', 'on', 'of', 'topic', 'session', 'talk', 've', 'chu', 'de', 'phan', 'gi', 'nao', 'vay', 'the', 'a', 'nhi', 'nhe', 'please', 'in', 'at', 'event', 'workshop', 'su', 'kien']);

/** The topic of a "who spoke about" question (folded, without its question words), or null. */
export function topicOfQuestion(text: string): string | null {
  const folded = foldText(text).replace(/[?!.,;:"“”'’]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const pattern of QUESTIONS) {
    const match = pattern.exec(folded);
    if (match !== null) return topicWords(match[1] ?? '').join(' ');
  }
  return null;
}

/**
 * A topic's words, without the question's filler around it ("the", "chủ đề", "nào") in either language; inside the
 * topic every word counts ("bảo vệ dữ liệu", "ứng phó sự cố" keep "vệ" and "sự").
 */
export function topicWords(topic: string): string[] {
  const words = foldText(topic)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  let start = 0;
  let end = words.length;
  while (start < end && FILLER.has(words[start] ?? '')) start++;
  while (end > start && FILLER.has(words[end - 1] ?? '')) end--;
  return words.slice(start, end);
}

/** All but one of a long topic's words ("AI-Driven Development" of "AI-Driven Development Lifecycle"). */
function mostWordsIn(text: string, words: readonly string[]): boolean {
  const content = words.filter((word) => !FUNCTION_WORDS.has(word));
  if (content.length < 3) return false;
  return content.filter((word) => containsWords(text, [word])).length >= content.length - 1;
}

export interface SpeakerAnswer {
  name: string;
  /** The talks of theirs that match, each with its event. */
  talks: Array<{ title: string; event: LibraryEvent }>;
  score: number;
}

export interface WhoSpokeAnswer {
  topic: string;
  /** The pillar the topic names or belongs to, if any. */
  pillar: { id: string; name: string } | null;
  /** Speakers whose talks match, best first. */
  speakers: SpeakerAnswer[];
  /** When no talk matches: speakers whose role or area mentions the topic (said as such). */
  byRole: SpeakerAnswer[];
}

/** Small words a topic may hold that need not be found ("Amazon Q cho quản lý nhân sự", "SLA and monitoring"). */
const FUNCTION_WORDS = new Set(['the', 'of', 'and', 'for', 'with', 'in', 'on', 'a', 'an', 'to', 'cho', 'cua', 'va', 'voi', 'trong', 'cac', 'nhung', 'la', 'mot']);

/** Talk titles, points and roles, folded to words once: a question scans thousands of them. Bounded, emptied when full. */
const HAYSTACK_CACHE_SIZE = 50_000;
const haystacks = new Map<string, string>();

function haystackOf(text: string): string {
  let haystack = haystacks.get(text);
  if (haystack === undefined) {
    if (haystacks.size >= HAYSTACK_CACHE_SIZE) haystacks.clear();
    haystack = ` ${wordKey(text)} `;
    haystacks.set(text, haystack);
  }
  return haystack;
}

function containsWords(text: string, words: readonly string[]): boolean {
  const haystack = haystackOf(text);
  const content = words.filter((word) => !FUNCTION_WORDS.has(word));
  // A word may end differently ("monitor" → "monitoring", "role" → "roles"), but not become another ("quest" is not "questions").
  return (content.length > 0 ? content : words).every((word) => {
    if (haystack.includes(` ${word} `)) return true;
    if (word.length < 4) return false;
    for (let at = haystack.indexOf(` ${word}`); at !== -1; at = haystack.indexOf(` ${word}`, at + 1)) {
      const end = haystack.indexOf(' ', at + 1 + word.length);
      if (end - (at + 1 + word.length) <= 3) return true;
    }
    return false;
  });
}

const roles = new WeakMap<Library, Array<{ speaker: Library['speakers'][number]['speaker']; event: LibraryEvent; role: string }>>();

/** Every speaker with their role and organisation as one text, made once per library. */
function rolesOf(library: Library) {
  let list = roles.get(library);
  if (list === undefined) {
    list = library.speakers.map(({ speaker, event }) => ({ speaker, event, role: [speaker.role, speaker.org].filter(Boolean).join(' ') }));
    roles.set(library, list);
  }
  return list;
}

/** The talks by word (of their titles and points) and by pillar, built once per library on its first question. */
interface TalkIndex {
  byWord: Map<string, Set<TalkEntry>>;
  /** The indexed words, sorted, to find a word's longer forms ("monitor" → "monitoring"). */
  words: string[];
  byPillar: Map<string, TalkEntry[]>;
}

const indexes = new WeakMap<Library, TalkIndex>();

function talkIndexOf(library: Library): TalkIndex {
  let index = indexes.get(library);
  if (index === undefined) {
    const byWord = new Map<string, Set<TalkEntry>>();
    const byPillar = new Map<string, TalkEntry[]>();
    for (const entry of library.talks) {
      for (const text of [entry.talk.title, ...entry.talk.points]) {
        for (const word of haystackOf(text).split(' ')) {
          if (word === '') continue;
          const set = byWord.get(word);
          if (set === undefined) byWord.set(word, new Set([entry]));
          else set.add(entry);
        }
      }
      for (const pillar of entry.talk.pillars) byPillar.set(pillar, [...(byPillar.get(pillar) ?? []), entry]);
    }
    index = { byWord, words: [...byWord.keys()].sort(), byPillar };
    indexes.set(library, index);
  }
  return index;
}

/** The talks whose title or points hold `word`, or a form of it ending in up to three more letters. */
function talksWithWord(index: TalkIndex, word: string): Set<TalkEntry> {
  const found = new Set<TalkEntry>(index.byWord.get(word) ?? []);
  if (word.length < 4) return found;
  let low = 0;
  let high = index.words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((index.words[middle] ?? '') < word) low = middle + 1;
    else high = middle;
  }
  for (let at = low; at < index.words.length; at++) {
    const candidate = index.words[at] ?? '';
    if (!candidate.startsWith(word)) break;
    if (candidate.length - word.length <= 3) for (const entry of index.byWord.get(candidate) ?? []) found.add(entry);
  }
  return found;
}

/**
 * Who spoke about `topic`: a talk matches when its title holds every word of the topic (the strongest), or its
 * points do, or it covers the pillar the topic names ("bảo vệ dữ liệu") or belongs to ("KMS" is data protection).
 */
export { talkIndexOf, talksWithWord };

export function whoSpokeAbout(library: Library, topic: string): WhoSpokeAnswer {
  const words = topicWords(topic);
  // The topic's pillar: one it names ("bảo vệ dữ liệu"), or the one every word of it belongs to ("KMS", "secrets
  // manager"); "GuardDuty 1234" has a word of no pillar, and no pillar.
  const content = words.filter((word) => !FUNCTION_WORDS.has(word));
  const wordPillars = new Set(content.map((word) => classifyHeadingPillar(word, library.taxonomy)));
  // Or the pillar whose term the topic is, the vendor's name aside ("AWS Secrets Manager" is "secrets manager").
  const phrase = content.filter((word) => word !== 'aws' && word !== 'amazon').join(' ');
  const termPillar = library.taxonomy.pillars.find((entry) => [entry.name, ...entry.aliases, ...entry.keywords].some((term) => foldText(term) === phrase))?.id ?? null;
  // A pillar the topic names as a whole ("bảo vệ dữ liệu", "iam"); not one whose term merely opens it ("GuardDuty 1234"
  // has a word of no pillar: it is about something else, and every session on detection is not its answer).
  const named = words.length === 0 ? null : library.findPillar(words.join(' '));
  const namedWhole = named !== null && (!wordPillars.has(null) || [named.id, named.name, named.vi?.name ?? '', ...named.aliases].some((term) => foldText(term).trim() === words.join(' ')));
  const pillarId = words.length === 0 ? null : ((namedWhole ? named?.id : undefined) ?? (wordPillars.size === 1 && !wordPillars.has(null) ? ([...wordPillars][0] ?? null) : termPillar));
  const pillarDefinition = library.taxonomy.pillars.find((entry) => entry.id === pillarId);
  const pillar = pillarDefinition === undefined ? null : { id: pillarDefinition.id, name: pillarDefinition.name };
  const byPerson = new Map<string, SpeakerAnswer>();
  const add = (entry: TalkEntry, score: number) => {
    const key = foldText(entry.speaker.name);
    const answer = byPerson.get(key) ?? { name: entry.speaker.name, talks: [], score: 0 };
    if (!answer.talks.some((talk) => talk.event === entry.event && foldText(talk.title) === foldText(entry.talk.title))) answer.talks.push({ title: entry.talk.title, event: entry.event });
    answer.score = Math.max(answer.score, score);
    byPerson.set(key, answer);
  };
  if (words.length > 0) {
    // Only the talks holding the topic's words are looked at closely: all of them (a title or points may hold the
    // topic), or all but one for a long topic; the talks on its pillar only when no talk names the topic itself.
    const index = talkIndexOf(library);
    const postings = (content.length > 0 ? content : words).map((word) => talksWithWord(index, word));
    const inAll = [...(postings[0] ?? [])].filter((entry) => postings.every((posting) => posting.has(entry)));
    const inMost = content.length >= 3 ? [...new Set(postings.flatMap((posting) => [...posting]))].filter((entry) => postings.filter((posting) => posting.has(entry)).length >= postings.length - 1) : [];
    const candidates = new Set<TalkEntry>([...inAll, ...inMost]);
    const ordered = library.talks.filter((entry) => candidates.has(entry));
    for (const entry of ordered) {
      if (containsWords(entry.talk.title, words)) add(entry, 3);
      else if (entry.talk.points.some((point) => containsWords(point, words))) add(entry, 2);
      else if (mostWordsIn(entry.talk.title, words)) add(entry, 1.5);
    }
    // The sessions on the topic's pillar when no talk names the topic: all of them. When only points of other sessions
    // mention it ("Secrets Manager" among IAM best practices), the same events' sessions on its pillar gave it too.
    const titled = [...byPerson.values()].some((answer) => answer.score >= 3);
    if (pillar !== null && byPerson.size === 0) for (const entry of index.byPillar.get(pillar.id) ?? []) add(entry, 1);
    else if (pillar !== null && !titled) {
      const mentioned = new Set([...byPerson.values()].flatMap((answer) => answer.talks.map((talk) => talk.event)));
      for (const entry of index.byPillar.get(pillar.id) ?? []) if (mentioned.has(entry.event)) add(entry, 1);
    }
    // Nothing holds every word ("the iceberg model"): the talks whose titles hold most of them, and a long one.
    if (byPerson.size === 0 && words.length >= 2) {
      for (const entry of new Set(postings.flatMap((posting) => [...posting]))) {
        const held = words.filter((word) => containsWords(entry.talk.title, [word]));
        if (held.length * 2 >= words.length && held.some((word) => word.length >= 4)) add(entry, 0.5);
      }
    }
  }
  const speakers = [...byPerson.values()].sort((left, right) => right.score - left.score || left.name.localeCompare(right.name));
  const byRole: SpeakerAnswer[] = [];
  if (speakers.length === 0 && words.length > 0) {
    const seen = new Set<string>();
    for (const { speaker, event, role } of rolesOf(library)) {
      const key = foldText(speaker.name);
      if (role === '' || seen.has(key) || !containsWords(role, words)) continue;
      seen.add(key);
      byRole.push({ name: speaker.name, talks: [{ title: speaker.role ?? speaker.org ?? '', event }], score: 0 });
    }
  }
  return { topic: words.join(' '), pillar, speakers, byRole };
}

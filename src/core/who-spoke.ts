/**
 * "Who spoke about X?": questions in plain words, in English and Vietnamese, and the speakers whose talks match X.
 * X may be a service ("GuardDuty"), a pillar in any of its names or languages ("bảo vệ dữ liệu"), or words of a
 * talk's title ("Cloud Quest"). Pure functions of the library.
 */
import { classifyHeadingPillar } from '../content/pillars.js';
import { foldText } from '../content/text.js';
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

function containsWords(text: string, words: readonly string[]): boolean {
  const haystack = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
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

/**
 * Who spoke about `topic`: a talk matches when its title holds every word of the topic (the strongest), or its
 * points do, or it covers the pillar the topic names ("bảo vệ dữ liệu") or belongs to ("KMS" is data protection).
 */
export function whoSpokeAbout(library: Library, topic: string): WhoSpokeAnswer {
  const words = topicWords(topic);
  const pillarId = words.length === 0 ? null : (library.findPillar(words.join(' '))?.id ?? classifyHeadingPillar(words.join(' '), library.taxonomy));
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
    for (const entry of library.talks) {
      if (containsWords(entry.talk.title, words)) add(entry, 3);
      else if (entry.talk.points.some((point) => containsWords(point, words))) add(entry, 2);
      else if (mostWordsIn(entry.talk.title, words)) add(entry, 1.5);
      else if (pillar !== null && entry.talk.pillars.includes(pillar.id)) add(entry, 1);
    }
    // Nothing holds every word ("the iceberg model"): the talks whose titles hold most of them, and a long one.
    if (byPerson.size === 0 && words.length >= 2) {
      for (const entry of library.talks) {
        const held = words.filter((word) => containsWords(entry.talk.title, [word]));
        if (held.length * 2 >= words.length && held.some((word) => word.length >= 4)) add(entry, 0.5);
      }
    }
  }
  const speakers = [...byPerson.values()].sort((left, right) => right.score - left.score || left.name.localeCompare(right.name));
  const byRole: SpeakerAnswer[] = [];
  if (speakers.length === 0 && words.length > 0) {
    const seen = new Set<string>();
    for (const { speaker, event } of library.speakers) {
      const key = foldText(speaker.name);
      if (seen.has(key) || !containsWords(`${speaker.role ?? ''} ${speaker.org ?? ''}`, words)) continue;
      seen.add(key);
      byRole.push({ name: speaker.name, talks: [{ title: speaker.role ?? speaker.org ?? '', event }], score: 0 });
    }
  }
  return { topic: words.join(' '), pillar, speakers, byRole };
}

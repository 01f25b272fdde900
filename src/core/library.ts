import MiniSearch from 'minisearch';
import type { ContentModel, Highlight, PillarDefinition, Speaker, TakeawayEvent, Taxonomy } from '../content/model.js';
import { foldText, wordKey } from '../content/text.js';
import { buildKnowledgeBase, type KnowledgeBase, type KnowledgeEvent, type ReportRef, type SourcedText, type SpeakerTalk } from '../knowledge/knowledge-base.js';
import { collectTips, type Tip, type TipSource } from './tips.js';

/**
 * An event as the commands answer about it: one per real event, merged from every report of it (see
 * src/knowledge). It reads like one report (name, speakers once, pillars, lessons), and knows its reports.
 */
export interface LibraryEvent extends TakeawayEvent {
  aliases: readonly string[];
  /** Every report of the event: site, author, language. */
  reports: readonly ReportRef[];
  /** The author of each text of the event (points, lessons, takeaways), for "— from <author>". */
  authorOf: ReadonlyMap<string, string>;
}

export interface SpeakerEntry {
  speaker: Speaker;
  event: LibraryEvent;
}

/** A talk a person gave at an event, from one of its reports. */
export interface TalkEntry {
  /** The person's name as the knowledge base knows them (their fullest spelling). */
  speaker: Speaker;
  /** Every spelling of the person, for matching a question. */
  names: readonly string[];
  talk: SpeakerTalk;
  event: LibraryEvent;
}

export type SearchHitKind = 'talk' | 'speaker' | 'highlight' | 'lesson' | 'learned' | 'purpose';

export interface SearchHit {
  kind: SearchHitKind;
  text: string;
  /** The highlight's heading, or the speaker's role. */
  detail: string;
  event: LibraryEvent;
  /** Whose report the text comes from, when the event has several. */
  author: string | null;
  score: number;
}

export interface SpeakerLookup {
  matches: SpeakerEntry[];
  /** Close names when nothing matched ("did you mean …"). */
  suggestions: string[];
}

export interface LibraryOptions {
  /** Which language twin answers when a report exists in several (default `en`). */
  lang?: string;
  tipSources?: readonly TipSource[];
  /** The model's knowledge base when it is already built (`knowledgeOptionsOf` gives the options it must be built with). */
  knowledge?: KnowledgeBase | undefined;
}

/** How `createLibrary` builds a model's knowledge base: what a knowledge base given to it must be built with. */
export function knowledgeOptionsOf(taxonomy: Taxonomy, options: LibraryOptions = {}): { lang: string; pillarOrder: string[] } {
  return { lang: options.lang ?? 'en', pillarOrder: taxonomy.pillars.map((pillar) => pillar.id) };
}

/**
 * The loaded content, indexed for answering: one event per report (the preferred language twin),
 * name lookups, full-text search and the tip pool. Immutable: a reload builds a new one.
 */
export interface Library {
  readonly model: ContentModel;
  readonly taxonomy: Taxonomy;
  readonly lang: string;
  /** Every event once, merged across its reports, by date. */
  readonly events: readonly LibraryEvent[];
  readonly knowledge: KnowledgeBase;
  readonly speakers: readonly SpeakerEntry[];
  /** Who gave which talk at which event, from every report: what "who spoke about …" is answered from. */
  readonly talks: readonly TalkEntry[];
  readonly tips: readonly Tip[];
  findSpeakers(query: string, limit?: number): SpeakerLookup;
  findEvents(query: string, limit?: number): LibraryEvent[];
  findPillar(query: string): PillarDefinition | null;
  search(query: string, limit?: number): SearchHit[];
}

interface IndexedText {
  id: number;
  text: string;
  detail: string;
}

/** How much a hit of each kind weighs: a talk's title says what it is about more than a bullet does. */
const KIND_BOOST: Readonly<Record<SearchHitKind, number>> = { talk: 2, speaker: 1.5, highlight: 1, lesson: 1, learned: 1, purpose: 0.8 };

/** Words a question wraps its subject in, in English and Vietnamese: dropped when other words remain. */
const QUESTION_WORDS = new Set(
  'what whats is are was were how why when where which who do does did tell me about explain the a an of to please show find search la gi nhu the nao tai sao khi nao o dau cho toi biet ve hay giai thich'.split(' '),
);

function withoutQuestionWords(query: string): string {
  const words = query.split(/\s+/).filter((word) => word !== '');
  const kept = words.filter((word) => !QUESTION_WORDS.has(foldText(word).replace(/[^\p{L}\p{N}]+/gu, '')));
  return kept.length > 0 && kept.length < words.length ? kept.join(' ') : query;
}

/** A word found in more than this share of the searchable texts is treated as a stop word. */
const COMMON_TERM_SHARE = 0.1;

/**
 * Words in most documents ("security" in a security workshop) say little and cost much to rank:
 * the returned function drops them from a query when other words remain.
 */
function createInformativeQuery(texts: readonly string[]): (query: string) => string {
  const documentFrequency = new Map<string, number>();
  for (const text of texts) for (const term of new Set(tokenize(text))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const commonAbove = Math.max(50, texts.length * COMMON_TERM_SHARE);
  return (query) => {
    const terms = tokenize(query);
    const informative = terms.filter((term) => (documentFrequency.get(term) ?? 0) <= commonAbove);
    return informative.length > 0 && informative.length < terms.length ? informative.join(' ') : query;
  };
}

const tokenize = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const processTerm = (term: string) => term || null;
/** As-you-type matching: only the last word may be unfinished ("nguyen th" finds "Nguyen Thinh"). */
const lastTermPrefix = (term: string, index: number, terms: string[]) => index === terms.length - 1 && term.length > 0;

function newIndex() {
  return new MiniSearch<IndexedText>({ fields: ['text', 'detail'], tokenize, processTerm });
}

const texts = (sourced: readonly SourcedText[]) => sourced.map((entry) => entry.text);

/** A merged event, read like one report: its texts in the library's language first, each text's author known. */
function toLibraryEvent(event: KnowledgeEvent, reports: ReadonlyMap<string, TakeawayEvent>): LibraryEvent {
  const ofEvent = event.reports.map((ref) => reports.get(ref.source)).filter((report): report is TakeawayEvent => report !== undefined);
  const first = ofEvent[0];
  const authorOf = new Map<string, string>();
  const authorBySource = new Map(event.reports.map((ref) => [ref.source, ref.author]));
  const note = (sourced: readonly SourcedText[]) => {
    for (const entry of sourced) if (!authorOf.has(entry.text)) authorOf.set(entry.text, authorBySource.get(entry.report) ?? '');
  };
  note(event.purpose);
  note(event.learned);
  note(event.lessons);
  for (const pillar of event.pillars) {
    note(pillar.points);
    note(pillar.related);
  }
  const highlights: Highlight[] = [];
  const seenHighlights = new Set<string>();
  const tips: string[] = [];
  const seenTips = new Set<string>();
  for (const report of ofEvent) {
    for (const highlight of report.highlights) {
      const key = `${foldText(highlight.heading)}\n${highlight.points.map(foldText).join('\n')}`;
      if (seenHighlights.has(key)) continue;
      seenHighlights.add(key);
      highlights.push(highlight);
      for (const point of highlight.points) if (!authorOf.has(point)) authorOf.set(point, report.author);
    }
    for (const tip of report.tips) {
      const key = wordKey(tip);
      if (seenTips.has(key)) continue;
      seenTips.add(key);
      tips.push(tip);
      if (!authorOf.has(tip)) authorOf.set(tip, report.author);
    }
  }
  const lessonsFrom = ofEvent.some((report) => report.lessonsFrom === 'lessons') ? 'lessons' : ofEvent.some((report) => report.lessonsFrom === 'takeaways') ? 'takeaways' : null;
  return {
    id: event.id,
    key: event.id,
    source: first?.source ?? '',
    site: first?.site ?? '',
    author: first?.author ?? '',
    eventId: event.id,
    lang: first?.lang ?? 'en',
    title: event.name,
    name: event.name,
    date: event.date,
    purpose: texts(event.purpose),
    speakers: event.speakers.map(({ name, role, org }) => ({ name, role, org })),
    highlights,
    pillars: event.pillars.map((pillar) => ({ id: pillar.id, title: pillar.title, points: texts(pillar.points), related: texts(pillar.related) })),
    learned: texts(event.learned),
    lessons: texts(event.lessons),
    lessonsFrom,
    tips,
    talks: ofEvent.flatMap((report) => report.talks),
    aliases: event.aliases,
    reports: event.reports,
    authorOf,
  };
}

export function createLibrary(model: ContentModel, taxonomy: Taxonomy, options: LibraryOptions = {}): Library {
  const lang = options.lang ?? 'en';
  const knowledge = options.knowledge ?? buildKnowledgeBase(model, knowledgeOptionsOf(taxonomy, options));
  const reportsBySource = new Map(model.events.map((report) => [report.source, report]));
  const events = knowledge.events.map((event) => toLibraryEvent(event, reportsBySource));
  const speakers: SpeakerEntry[] = events.flatMap((event) => event.speakers.map((speaker) => ({ speaker, event })));
  const talks: TalkEntry[] = knowledge.events.flatMap((event, index) =>
    event.speakers.flatMap((speaker) =>
      speaker.talks.map((talk) => ({ speaker: { name: speaker.name, role: speaker.role, org: speaker.org }, names: [speaker.name, ...speaker.aliases], talk, event: events[index] as LibraryEvent })),
    ),
  );
  const tips = collectTips(events, taxonomy, options.tipSources ?? ['lessons']);

  const speakerIndex = newIndex();
  speakerIndex.addAll(speakers.map((entry, id) => ({ id, text: entry.speaker.name, detail: '' })));

  /** Key, id or full name, folded: answered without searching. */
  const eventsByExactName = new Map<string, LibraryEvent[]>();
  for (const event of events) {
    // An event answers to its id, its name and every name its reports give it, and to each report's page key.
    const keys = [event.id, foldText(event.name).trim(), ...event.aliases.map((alias) => foldText(alias).trim()), ...event.reports.map((report) => reportsBySource.get(report.source)?.key ?? '')];
    for (const name of new Set(keys.filter((key) => key !== ''))) {
      const known = eventsByExactName.get(name) ?? [];
      if (!known.includes(event)) eventsByExactName.set(name, [...known, event]);
    }
  }
  const eventIndex = newIndex();
  eventIndex.addAll(events.map((event, id) => ({ id, text: [event.name, ...event.aliases].join(' '), detail: event.key })));
  const informativeEventQuery = createInformativeQuery(events.map((event) => `${[event.name, ...event.aliases].join(' ')} ${event.key}`));

  /** The full-text index is the costliest part of a library: built on the first search, not at start-up or reload. */
  let searchIndexes: { entries: Omit<SearchHit, 'score'>[]; index: MiniSearch<IndexedText>; informativeQuery: (query: string) => string } | undefined;
  const buildSearchIndexes = () => {
    const entries: Omit<SearchHit, 'score'>[] = [];
    const seenTalks = new Set<string>();
    for (const { speaker, talk, event } of talks) {
      const key = `${event.id}\n${foldText(speaker.name)}\n${foldText(talk.title)}`;
      if (seenTalks.has(key)) continue;
      seenTalks.add(key);
      entries.push({ kind: 'talk', text: talk.title, detail: speaker.name, event, author: null });
    }
    for (const event of events) {
      const authored = (text: string) => (event.reports.length > 1 ? (event.authorOf.get(text) ?? null) : null);
      for (const speaker of event.speakers) {
        entries.push({ kind: 'speaker', text: speaker.name, detail: [speaker.role, speaker.org].filter(Boolean).join(', '), event, author: null });
      }
      for (const highlight of event.highlights) {
        for (const point of highlight.points) entries.push({ kind: 'highlight', text: point, detail: highlight.heading, event, author: authored(point) });
      }
      for (const lesson of event.lessons) entries.push({ kind: 'lesson', text: lesson, detail: 'Lesson learned', event, author: authored(lesson) });
      for (const learned of event.learned) entries.push({ kind: 'learned', text: learned, detail: 'What was learned', event, author: authored(learned) });
      for (const purpose of event.purpose) entries.push({ kind: 'purpose', text: purpose, detail: 'Purpose', event, author: authored(purpose) });
    }
    const index = newIndex();
    index.addAll(entries.map((entry, id) => ({ id, text: entry.text, detail: entry.detail })));
    return { entries, index, informativeQuery: createInformativeQuery(entries.map((entry) => `${entry.text} ${entry.detail}`)) };
  };

  const pillarsByWord = new Map<string, PillarDefinition>();
  for (const pillar of taxonomy.pillars) {
    for (const word of [pillar.id, String(pillar.number), pillar.name, ...pillar.aliases]) pillarsByWord.set(foldText(word).trim(), pillar);
  }

  return {
    model,
    taxonomy,
    lang,
    events,
    knowledge,
    speakers,
    talks,
    tips,
    findSpeakers(query, limit = 25) {
      const exact = speakerIndex.search(query, { prefix: lastTermPrefix, combineWith: 'AND', fields: ['text'] });
      if (exact.length > 0) {
        return { matches: exact.slice(0, limit).map((hit) => speakers[hit.id as number] as SpeakerEntry), suggestions: [] };
      }
      const near = speakerIndex.search(query, { fuzzy: 0.34, prefix: true, combineWith: 'OR', fields: ['text'] });
      const names = [...new Set(near.map((hit) => (speakers[hit.id as number] as SpeakerEntry).speaker.name))];
      return { matches: [], suggestions: names.slice(0, 3) };
    },
    findEvents(query, limit = 25) {
      const folded = foldText(query).trim();
      const direct = eventsByExactName.get(folded);
      if (direct) return direct;
      const position = /^\d{1,4}$/.test(folded) ? events[Number(folded) - 1] : undefined;
      if (position) return [position];
      let hits = eventIndex.search(informativeEventQuery(query), { prefix: lastTermPrefix, combineWith: 'AND' });
      if (hits.length === 0) hits = eventIndex.search(query, { fuzzy: 0.2, combineWith: 'AND' });
      return hits
        .slice(0, limit)
        .map((hit) => events[hit.id as number] as LibraryEvent);
    },
    findPillar(query) {
      const folded = foldText(query).trim();
      const known = pillarsByWord.get(folded);
      if (known) return known;
      if (folded.length < 3) return null;
      return (
        taxonomy.pillars.find((pillar) =>
          [pillar.name, ...pillar.aliases, ...pillar.keywords].some((word) => {
            const candidate = foldText(word);
            return candidate.startsWith(folded) || folded.startsWith(candidate) || candidate.includes(folded);
          }),
        ) ?? null
      );
    },
    search(query, limit = 10) {
      searchIndexes ??= buildSearchIndexes();
      const { entries, index, informativeQuery } = searchIndexes;
      // Fuzzy matching walks the whole term tree, so it is the fallback for typos, not the first try.
      // Question and filler words ("what is", "tell me about", "là gì") are not searched as content; a pillar named
      // in any language searches that pillar's own name; talk titles and speakers weigh more than body text.
      const asked = withoutQuestionWords(query);
      const pillar = pillarsByWord.get(foldText(asked).trim());
      const terms = informativeQuery(pillar === undefined ? asked : `${asked} ${pillar.name}`);
      const boostDocument = (id: unknown) => KIND_BOOST[(entries[id as number] as Omit<SearchHit, 'score'>).kind];
      let hits = index.search(terms, { prefix: (term) => term.length > 2, boost: { text: 2 }, boostDocument, combineWith: 'OR' });
      if (hits.length === 0) hits = index.search(terms, { fuzzy: (term) => (term.length > 3 ? 0.25 : false), boost: { text: 2 }, boostDocument, combineWith: 'OR' });
      return hits
        .slice(0, limit)
        .map((hit) => ({ ...(entries[hit.id as number] as Omit<SearchHit, 'score'>), score: hit.score }));
    },
  };
}

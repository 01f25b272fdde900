import type { ContentModel, Highlight, PillarDefinition, Speaker, TakeawayEvent, Taxonomy } from '../content/model.js';
import { foldText, wordKey } from '../content/text.js';
import { buildKnowledgeBase, buildKnowledgeBaseInSlices, type KnowledgeBase, type KnowledgeEvent, type ReportRef, type SourcedText, type SpeakerTalk } from '../knowledge/knowledge-base.js';
import { mostCommon } from '../knowledge/group-reports.js';
import { runInSlices, runToEnd, type Steps } from '../knowledge/steps.js';
import { LANGUAGES } from './i18n.js';
import { ROTATION_KEY } from './tip-rotation.js';
import { buildTextIndex, textIndexSteps, type TextIndex, type TextIndexSettings } from './text-index.js';
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
  /**
   * The base language (`BOT_LANG`, default `en`): events are named and given ids in it, and of a page's twins the
   * one in it answers in a language that has none of its own. `inLanguage` gives the content in any other.
   */
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
 * The same library as `createLibrary`, prepared (see `prepareLibrary`) and built in slices that leave the event loop free to answer:
 * what a reload of a big site uses while the bot goes on answering from the last library.
 */
export async function createLibraryInSlices(model: ContentModel, taxonomy: Taxonomy, options: LibraryOptions = {}): Promise<Library> {
  const knowledge = options.knowledge ?? (await buildKnowledgeBaseInSlices(model, knowledgeOptionsOf(taxonomy, options)));
  const parts = libraryParts(model, taxonomy, { ...options, knowledge });
  // Every view and the full-text index too: the library is ready to answer anything when it is swapped in.
  await runInSlices(parts.prepare());
  return parts.inLanguage(options.lang ?? 'en');
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
  /**
   * Where the day's tip is recorded: every language shares the base language's rotation while its tips are the
   * same; a language whose twins give tips of their own keeps its own rotation, so its days do not repeat a tip.
   */
  readonly rotationKey: string;
  /** The same content answered in `lang`: its twins in that language, texts in it first (made once per language). */
  inLanguage(lang: string): Library;
  /** Whether the report (by source) answers in this library's language, rather than its twin in another. */
  answers(source: string): boolean;
  findSpeakers(query: string, limit?: number): SpeakerLookup;
  findEvents(query: string, limit?: number): LibraryEvent[];
  findPillar(query: string): PillarDefinition | null;
  search(query: string, limit?: number): SearchHit[];
}

/** What the full-text indexes read of an entry: its text, and its detail (a heading, a role, a label). */
type IndexField = 'text' | 'detail';

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

const INDEX: TextIndexSettings<IndexField> = { fields: ['text', 'detail'], tokenize, processTerm };

const texts = (sourced: readonly SourcedText[]) => sourced.map((entry) => entry.text);

/** Twins of one page (one folder, several languages) are one report said again: the same site and page key. */
const twinKey = (report: TakeawayEvent) => `${report.site}\n${report.key}`;

/**
 * The reports of an event that answer in `lang`: of each page's twins, the one in `lang`, else the one in the
 * library's base language, else the first; other reports (other authors) all answer, those in `lang` first.
 */
function answeringReports(ofEvent: readonly TakeawayEvent[], lang: string, baseLang: string): TakeawayEvent[] {
  const byPage = new Map<string, TakeawayEvent[]>();
  for (const report of ofEvent) byPage.set(twinKey(report), [...(byPage.get(twinKey(report)) ?? []), report]);
  const kept = new Set<TakeawayEvent>();
  for (const twins of byPage.values()) {
    kept.add(twins.find((report) => report.lang === lang) ?? twins.find((report) => report.lang === baseLang) ?? (twins[0] as TakeawayEvent));
  }
  return ofEvent.filter((report) => kept.has(report)).sort((left, right) => Number(right.lang === lang) - Number(left.lang === lang));
}

/** The event's name in `lang`: the one its reports in `lang` give most, unless the name is the author's own (events.yaml). */
function nameIn(event: KnowledgeEvent, answering: readonly TakeawayEvent[], all: readonly TakeawayEvent[], lang: string): { name: string; aliases: string[] } {
  const inLang = answering.filter((report) => report.lang === lang).map((report) => report.name.trim()).filter((name) => name !== '');
  const nameIsReports = all.some((report) => report.name.trim() === event.name);
  const ownName = all.some((report) => report.name.trim() === event.name && report.lang === lang);
  const name = inLang.length === 0 || !nameIsReports || ownName ? event.name : (mostCommon(inLang) ?? event.name);
  if (name === event.name) return { name, aliases: event.aliases };
  // Every other name still finds the event: the one the base language chose becomes an alias.
  return { name, aliases: [event.name, ...event.aliases].filter((alias) => foldText(alias) !== foldText(name)) };
}

/** The reports of an event that answer in a language, and the name it goes by there: all a view of it depends on. */
interface Answering {
  /** Every report of the event that the model has. */
  all: TakeawayEvent[];
  /** Those answering, in their order. */
  ofEvent: TakeawayEvent[];
  named: { name: string; aliases: string[] };
}

/** `lang` null keeps every twin (what search reads). */
function answeringOf(event: KnowledgeEvent, reports: ReadonlyMap<string, TakeawayEvent>, lang: string | null, baseLang: string): Answering {
  const all = event.reports.map((ref) => reports.get(ref.source)).filter((report): report is TakeawayEvent => report !== undefined);
  const ofEvent = lang === null ? all : answeringReports(all, lang, baseLang);
  const named = lang === null ? { name: event.name, aliases: event.aliases } : nameIn(event, ofEvent, all, lang);
  return { all, ofEvent, named };
}

/** Whether two languages read an event alike: the same reports answer, in the same order, under the same names. */
function sameAnswering(left: Answering, right: Answering): boolean {
  return (
    left.named.name === right.named.name &&
    sameItems(left.named.aliases, right.named.aliases) &&
    sameItems(left.ofEvent, right.ofEvent)
  );
}

function sameItems<Item>(left: readonly Item[], right: readonly Item[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * A merged event, read like one report in a language (see `answeringOf`): of language twins, the one in the
 * language answers (else the other); texts of reports in it come first; each text's author known. `speakers` is the
 * event's speakers as a report names them (the same in every language).
 */
function toLibraryEvent(event: KnowledgeEvent, { ofEvent, named }: Answering, speakers: Speaker[]): LibraryEvent {
  const rank = new Map(ofEvent.map((report, index) => [report.source, index]));
  /** The texts of the answering reports, in their order (a stable sort keeps each report's own order). */
  const answering = (sourced: readonly SourcedText[]) =>
    sourced.filter((entry) => rank.has(entry.report)).sort((left, right) => (rank.get(left.report) ?? 0) - (rank.get(right.report) ?? 0));
  const purpose = answering(event.purpose);
  const learned = answering(event.learned);
  const lessons = answering(event.lessons);
  // A pillar only the other twin covers is left out; one no report gives points for stays as the reports have it.
  const pillars = event.pillars
    .filter((pillar) => pillar.points.length + pillar.related.length === 0 || [...pillar.points, ...pillar.related].some((entry) => rank.has(entry.report)))
    .map((pillar) => ({ id: pillar.id, title: pillar.title, points: answering(pillar.points), related: answering(pillar.related) }));
  const first = ofEvent[0];
  const authorOf = new Map<string, string>();
  const authorBySource = new Map(event.reports.map((ref) => [ref.source, ref.author]));
  const note = (sourced: readonly SourcedText[]) => {
    for (const entry of sourced) if (!authorOf.has(entry.text)) authorOf.set(entry.text, authorBySource.get(entry.report) ?? '');
  };
  note(purpose);
  note(learned);
  note(lessons);
  for (const pillar of pillars) {
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
  const answeringSources = new Set(ofEvent.map((report) => report.source));
  return {
    id: event.id,
    key: event.id,
    source: first?.source ?? '',
    site: first?.site ?? '',
    author: first?.author ?? '',
    eventId: event.id,
    lang: first?.lang ?? 'en',
    title: named.name,
    name: named.name,
    date: event.date,
    purpose: texts(purpose),
    speakers,
    highlights,
    pillars: pillars.map((pillar) => ({ id: pillar.id, title: pillar.title, points: texts(pillar.points), related: texts(pillar.related) })),
    learned: texts(learned),
    lessons: texts(lessons),
    lessonsFrom,
    tips,
    talks: ofEvent.flatMap((report) => report.talks),
    aliases: named.aliases,
    reports: event.reports.filter((ref) => answeringSources.has(ref.source)).sort((left, right) => (rank.get(left.source) ?? 0) - (rank.get(right.source) ?? 0)),
    authorOf,
  };
}

export function createLibrary(model: ContentModel, taxonomy: Taxonomy, options: LibraryOptions = {}): Library {
  return libraryParts(model, taxonomy, options).inLanguage(options.lang ?? 'en');
}

/** Events (or index entries) handled between two steps of a sliced build. */
const ITEMS_PER_STEP = 64;

/** The kinds of hit, by the number the index keeps for each entry. */
const KINDS: readonly SearchHitKind[] = ['talk', 'speaker', 'highlight', 'lesson', 'learned', 'purpose'];
const KIND_NUMBER = new Map(KINDS.map((kind, number) => [kind, number]));

/**
 * The entries of the full-text index, one column per field (entry `id` is row `id` of each): a row object per entry
 * would cost more than the texts it points to, and the event each entry is about is kept as its place in the
 * knowledge base, so the index holds no event of its own. Every view finds its event at that place.
 */
interface SearchEntries {
  kinds: number[];
  texts: string[];
  details: string[];
  /** The entry's event: its index in `knowledge.events`. */
  events: number[];
  authors: (string | null)[];
}

/**
 * A library's parts, each built on first use: a view per language and the full-text index. `prepare` builds them all
 * as steps, so a reload can build them in slices (see `createLibraryInSlices`).
 */
function libraryParts(model: ContentModel, taxonomy: Taxonomy, options: LibraryOptions): { inLanguage: (lang: string) => Library; prepare: () => Steps<void> } {
  const baseLang = options.lang ?? 'en';
  const knowledge = options.knowledge ?? buildKnowledgeBase(model, knowledgeOptionsOf(taxonomy, options));
  const reportsBySource = new Map(model.events.map((report) => [report.source, report]));
  const knowledgeEventById = new Map(knowledge.events.map((event) => [event.id, event]));

  /** Each event's speakers as a report names them: the same in every language, so every view shares them. */
  const speakersOfEvent: (Speaker[] | undefined)[] = [];
  const speakersOf = (index: number): Speaker[] => {
    let speakers = speakersOfEvent[index];
    if (speakers === undefined) {
      speakers = (knowledge.events[index] as KnowledgeEvent).speakers.map(({ name, role, org }) => ({ name, role, org }));
      speakersOfEvent[index] = speakers;
    }
    return speakers;
  };

  /**
   * The speakers' names, indexed once for every view: a view lists its speakers event by event in the knowledge
   * base's order, and the speakers are the same in every language, so entry `id` is the view's `speakers[id]`.
   */
  let speakerIndex: TextIndex<IndexField> | undefined;
  const speakerIndexOf = (): TextIndex<IndexField> => {
    if (speakerIndex === undefined) {
      const names = knowledge.events.flatMap((_, index) => speakersOf(index).map((speaker) => speaker.name));
      speakerIndex = buildTextIndex(INDEX, { count: names.length, document: (id) => ({ text: names[id] as string, detail: '' }) });
    }
    return speakerIndex;
  };

  /**
   * The full-text index is the costliest part of a library: built once for every language (search matches the
   * words of every twin, whatever the asker's language), on the first search or by `prepareLibrary`.
   */
  let searchIndexes: { entries: SearchEntries; index: TextIndex<IndexField>; informativeQuery: (query: string) => string } | undefined;
  function* searchIndexSteps(): Steps<NonNullable<typeof searchIndexes>> {
    const entries: SearchEntries = { kinds: [], texts: [], details: [], events: [], authors: [] };
    const add = (kind: SearchHitKind, text: string, detail: string, event: number, author: string | null) => {
      entries.kinds.push(KIND_NUMBER.get(kind) ?? 0);
      entries.texts.push(text);
      entries.details.push(detail);
      entries.events.push(event);
      entries.authors.push(author);
    };
    const seenTalks = new Set<string>();
    for (const [index, event] of knowledge.events.entries()) {
      for (const speaker of event.speakers) {
        for (const talk of speaker.talks) {
          const key = `${event.id}\n${foldText(speaker.name)}\n${foldText(talk.title)}`;
          if (seenTalks.has(key)) continue;
          seenTalks.add(key);
          add('talk', talk.title, speaker.name, index, null);
        }
      }
    }
    // A speaker's role and company, written once however many events name them.
    const roles = new Map<string, string>();
    for (const [index, knowledgeEvent] of knowledge.events.entries()) {
      if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
      // Every twin's texts (what search reads), made for this event's entries and let go.
      const event = toLibraryEvent(knowledgeEvent, answeringOf(knowledgeEvent, reportsBySource, null, baseLang), speakersOf(index));
      const authored = (text: string) => (event.reports.length > 1 ? (event.authorOf.get(text) ?? null) : null);
      for (const speaker of event.speakers) {
        const role = [speaker.role, speaker.org].filter(Boolean).join(', ');
        if (!roles.has(role)) roles.set(role, role);
        add('speaker', speaker.name, roles.get(role) ?? role, index, null);
      }
      for (const highlight of event.highlights) {
        for (const point of highlight.points) add('highlight', point, highlight.heading, index, authored(point));
      }
      for (const lesson of event.lessons) add('lesson', lesson, 'Lesson learned', index, authored(lesson));
      for (const learned of event.learned) add('learned', learned, 'What was learned', index, authored(learned));
      for (const purpose of event.purpose) add('purpose', purpose, 'Purpose', index, authored(purpose));
    }
    yield;
    // Entry `id` is document `id`.
    const index = yield* textIndexSteps(INDEX, { count: entries.texts.length, document: (id) => ({ text: entries.texts[id] as string, detail: entries.details[id] as string }) });
    return { entries, index, informativeQuery: createInformativeQuery(entries.texts.map((text, id) => `${text} ${entries.details[id] as string}`)) };
  }

  const pillarsByWord = new Map<string, PillarDefinition>();
  for (const pillar of taxonomy.pillars) {
    for (const word of [pillar.id, String(pillar.number), pillar.name, pillar.vi?.name ?? '', ...pillar.aliases].filter(Boolean)) pillarsByWord.set(foldText(word).trim(), pillar);
  }

  const views = new Map<string, Library>();
  /** What each view is made of, for the views of other languages to share what reads the same in them. */
  const viewData = new Map<string, ViewData>();
  const inLanguage = (lang: string): Library => {
    let view = views.get(lang);
    if (view === undefined) {
      view = runToEnd(viewSteps(lang));
      views.set(lang, view);
    }
    return view;
  };

  /** A view's content: its events and what is looked up in them. */
  interface ViewData {
    events: LibraryEvent[];
    eventById: Map<string, LibraryEvent>;
    answering: Set<string>;
    speakers: SpeakerEntry[];
    talks: TalkEntry[];
    tips: Tip[];
    rotationKey: string;
    eventsByExactName: Map<string, LibraryEvent[]>;
    eventIndex: TextIndex<IndexField>;
    informativeEventQuery: (query: string) => string;
  }

  /** What an event is found by in the event index: its names, and its key. */
  const eventText = (event: LibraryEvent) => [event.name, ...event.aliases].join(' ');

  function* viewSteps(lang: string): Steps<Library> {
    // Another language's view reuses the base language's events its reports read alike in (most, on most sites).
    const base = lang === baseLang ? undefined : (inLanguage(baseLang), viewData.get(baseLang));
    const events: LibraryEvent[] = [];
    for (const [index, event] of knowledge.events.entries()) {
      if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
      const answering = answeringOf(event, reportsBySource, lang, baseLang);
      const same = base?.events[index];
      if (same !== undefined && sameAnswering(answering, answeringOf(event, reportsBySource, baseLang, baseLang))) events.push(same);
      else events.push(toLibraryEvent(event, answering, speakersOf(index)));
    }
    const data = base !== undefined && sameItems(events, base.events) ? base : yield* viewDataSteps(lang, events, base);
    viewData.set(lang, data);
    return libraryOf(lang, data);
  }

  function* viewDataSteps(lang: string, events: LibraryEvent[], base: ViewData | undefined): Steps<ViewData> {
    const eventById = new Map(events.map((event) => [event.id, event]));
    const answering = new Set(events.flatMap((event) => event.reports.map((report) => report.source)));
    const speakers: SpeakerEntry[] = events.flatMap((event) => event.speakers.map((speaker) => ({ speaker, event })));
    // Every twin's talks, so a question matches words of either language; the answering reports' talks first.
    const talks: TalkEntry[] = knowledge.events.flatMap((event, index) =>
      event.speakers.flatMap((speaker) =>
        speaker.talks.map((talk) => ({ speaker: { name: speaker.name, role: speaker.role, org: speaker.org }, names: [speaker.name, ...speaker.aliases], talk, event: events[index] as LibraryEvent })),
      ).sort((left, right) => Number(answering.has(right.talk.report)) - Number(answering.has(left.talk.report))),
    );
    yield;
    const tips = collectTips(events, taxonomy, options.tipSources ?? ['lessons']);
    yield;
    // A language whose tips are the base language's shares its rotation; one with tips of its own keeps its own.
    const sameTips = base === undefined || (base.tips.length === tips.length && tips.every((tip, index) => tip.id === base.tips[index]?.id));
    const rotationKey = sameTips ? ROTATION_KEY : `${ROTATION_KEY}:${lang}`;
    speakerIndexOf();

    /** Key, id or full name, folded: answered without searching. */
    const eventsByExactName = new Map<string, LibraryEvent[]>();
    for (const event of events) {
      // An event answers to its id, its name and every name its reports give it, and to each report's page key.
      const knowledgeEvent = knowledgeEventById.get(event.id);
      const keys = [event.id, foldText(event.name).trim(), ...event.aliases.map((alias) => foldText(alias).trim()), ...(knowledgeEvent?.reports ?? []).map((report) => reportsBySource.get(report.source)?.key ?? '')];
      for (const name of new Set(keys.filter((key) => key !== ''))) {
        const known = eventsByExactName.get(name) ?? [];
        if (!known.includes(event)) eventsByExactName.set(name, [...known, event]);
      }
    }
    yield;
    // The event index reads names and keys only: when every event goes by the same names as in the base language,
    // the base language's index is this one.
    const sameNames = base !== undefined && events.every((event, index) => {
      const other = base.events[index];
      return other !== undefined && other.key === event.key && eventText(other) === eventText(event);
    });
    let eventIndex: TextIndex<IndexField>;
    let informativeEventQuery: (query: string) => string;
    if (sameNames && base !== undefined) {
      ({ eventIndex, informativeEventQuery } = base);
    } else {
      const names = events.map(eventText);
      eventIndex = buildTextIndex(INDEX, { count: events.length, document: (id) => ({ text: names[id] as string, detail: (events[id] as LibraryEvent).key }) });
      informativeEventQuery = createInformativeQuery(events.map((event) => `${eventText(event)} ${event.key}`));
    }
    return { events, eventById, answering, speakers, talks, tips, rotationKey, eventsByExactName, eventIndex, informativeEventQuery };
  }

  function libraryOf(lang: string, data: ViewData): Library {
    const { events, eventById, answering, speakers, talks, tips, rotationKey, eventsByExactName, eventIndex, informativeEventQuery } = data;
    return {
      model,
      taxonomy,
      lang,
      events,
      knowledge,
      speakers,
      talks,
      tips,
      rotationKey,
      inLanguage,
      answers: (source) => answering.has(source),
      findSpeakers(query, limit = 25) {
        const speakerIndex = speakerIndexOf();
        const exact = speakerIndex.search(query, { prefix: lastTermPrefix, combineWith: 'AND', fields: ['text'] });
        if (exact.length > 0) {
          return { matches: exact.slice(0, limit).map((hit) => speakers[hit.id] as SpeakerEntry), suggestions: [] };
        }
        const near = speakerIndex.search(query, { fuzzy: 0.34, prefix: true, combineWith: 'OR', fields: ['text'] });
        const names = [...new Set(near.map((hit) => (speakers[hit.id] as SpeakerEntry).speaker.name))];
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
          .map((hit) => events[hit.id] as LibraryEvent);
      },
      findPillar(query) {
        const folded = foldText(query).trim();
        const known = pillarsByWord.get(folded);
        if (known) return known;
        if (folded.length < 3) return null;
        return (
          taxonomy.pillars.find((pillar) =>
            [pillar.name, pillar.vi?.name ?? '', ...pillar.aliases, ...pillar.keywords].filter(Boolean).some((word) => {
              const candidate = foldText(word);
              return candidate.startsWith(folded) || folded.startsWith(candidate) || candidate.includes(folded);
            }),
          ) ?? null
        );
      },
      search(query, limit = 10) {
        searchIndexes ??= runToEnd(searchIndexSteps());
        const { entries, index, informativeQuery } = searchIndexes;
        // Fuzzy matching walks the whole term tree, so it is the fallback for typos, not the first try.
        // Question and filler words ("what is", "tell me about", "là gì") are not searched as content; a pillar named
        // in any language searches that pillar's own name; talk titles and speakers weigh more than body text.
        const asked = withoutQuestionWords(query);
        const pillar = pillarsByWord.get(foldText(asked).trim());
        const terms = informativeQuery(pillar === undefined ? asked : `${asked} ${pillar.name}`);
        const boostDocument = (id: number) => KIND_BOOST[KINDS[entries.kinds[id] as number] as SearchHitKind];
        let hits = index.search(terms, { prefix: (term) => term.length > 2, boost: { text: 2 }, boostDocument, combineWith: 'OR' });
        if (hits.length === 0) hits = index.search(terms, { fuzzy: (term) => (term.length > 3 ? 0.25 : false), boost: { text: 2 }, boostDocument, combineWith: 'OR' });
        return hits.slice(0, limit).map((hit) => {
          const id = hit.id;
          const at = entries.events[id] as number;
          return {
            kind: KINDS[entries.kinds[id] as number] as SearchHitKind,
            text: entries.texts[id] as string,
            detail: entries.details[id] as string,
            // The hit names the event as this language's view has it (its name in the asker's language).
            event: eventById.get((knowledge.events[at] as KnowledgeEvent).id) ?? (events[at] as LibraryEvent),
            author: entries.authors[id] ?? null,
            score: hit.score,
          };
        });
      },
    };
  }

  /** Every part: the base language's view first (the others compare their tips with it), the index, the other views. */
  function* prepare(): Steps<void> {
    for (const lang of [baseLang, ...LANGUAGES.filter((language) => language !== baseLang)]) {
      if (!views.has(lang)) views.set(lang, yield* viewSteps(lang));
      if (lang === baseLang) searchIndexes ??= yield* searchIndexSteps();
    }
  }

  return { inLanguage, prepare };
}

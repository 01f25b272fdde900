/**
 * Many reports → one knowledge base: each event once, with every report of it; each person once, under every
 * spelling, with every event they spoke at. Pure: a function of the reports and the overrides, rebuilt on reload.
 */
import type { ContentModel, ContentProblem, EventOverrides, Speaker, TakeawayEvent } from '../content/model.js';
import { foldText, wordKey } from '../content/text.js';
import { nameOverlap, nameWordsOf, seriesOf } from './event-names.js';
import { groupReportsSteps, mostCommon, type ReportGroupingOverrides } from './group-reports.js';
import { forgetNameForms, groupPeopleSteps, nameFormOf, nameKey, resolveShortNames } from './people.js';
import { runInSlices, runToEnd, type Steps } from './steps.js';

/** A report as the knowledge base lists it under its event. */
export interface ReportRef {
  source: string;
  site: string;
  author: string;
  lang: string;
}

/** A text and the report (by source) it comes from. */
export interface SourcedText {
  text: string;
  report: string;
}

/** A session or talk a speaker gave, as one report gives it. */
export interface SpeakerTalk {
  title: string;
  pillars: string[];
  /** What the session covered, when the report gives its points. */
  points: string[];
  report: string;
}

export interface EventSpeaker {
  /** The person's id across the knowledge base. */
  person: string;
  name: string;
  aliases: string[];
  role: string | null;
  org: string | null;
  /** Sources of the reports naming them at this event. */
  reports: string[];
  /** The sessions or talks they gave, from every report that says so. */
  talks: SpeakerTalk[];
}

export interface EventPillarPoints {
  id: string;
  title: string;
  points: SourcedText[];
  related: SourcedText[];
}

export interface KnowledgeEvent {
  id: string;
  name: string;
  /** The other names its reports use. */
  aliases: string[];
  date: string | null;
  reports: ReportRef[];
  speakers: EventSpeaker[];
  pillars: EventPillarPoints[];
  purpose: SourcedText[];
  learned: SourcedText[];
  lessons: SourcedText[];
}

export interface KnowledgePerson {
  id: string;
  name: string;
  aliases: string[];
  role: string | null;
  org: string | null;
  /** Ids of the events they spoke at. */
  events: string[];
}

export interface KnowledgeBase {
  /** Every report, each with the id of the event it belongs to. */
  reports: Array<TakeawayEvent & { event: string }>;
  events: KnowledgeEvent[];
  people: KnowledgePerson[];
  /** What could not be applied (an events.yaml entry naming no report). */
  problems: ContentProblem[];
}

/** Lowercase words joined by dashes: `2025-11-29-aws-cloud-mastery-series-3`. */
function slug(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}


function isShouting(text: string): boolean {
  return !/\p{Ll}/u.test(text) && /\p{Lu}.*\p{Lu}/u.test(text);
}

/**
 * The clearest of the names the reports use: the one sharing most words with the others (what the authors agree
 * on), preferring a name in the preferred language, one that gives the series and number with its topic, then the longer.
 */
function canonicalName(reports: readonly TakeawayEvent[], lang: string): { name: string; aliases: string[] } {
  const names = [...new Set(reports.map((report) => report.name.trim()).filter((name) => name !== ''))];
  if (names.length === 0) return { name: reports[0]?.title ?? '', aliases: [] };
  const words = new Map(names.map((name) => [name, nameWordsOf(name)]));
  const reportWords = reports.map((report) => words.get(report.name.trim()) ?? nameWordsOf(report.name));
  const score = (name: string) => {
    let agreement = 0;
    for (const other of reportWords) agreement += nameOverlap(words.get(name) ?? [], other);
    const preferred = reports.some((report) => report.name.trim() === name && report.lang === lang) ? 2 : 0;
    const series = seriesOf(name) !== null && (words.get(name)?.length ?? 0) >= 3 ? 1 : 0;
    // "(Track 1: GenAI & Data)" that no other report gives is one author's part of the event, not its name.
    const aside = /\(([^()]+)\)\s*$/.exec(name)?.[1];
    const ownAside = aside !== undefined && !reports.some((report) => report.name.trim() !== name && report.name.includes(aside)) ? 1.5 : 0;
    return agreement + preferred + series - ownAside - (isShouting(name) ? 1 : 0) - (name.length > 100 ? 1 : 0);
  };
  // Each name scored once, not at every comparison of the sort.
  const scores = new Map(names.map((name) => [name, score(name)]));
  const scoreOf = (name: string) => scores.get(name) ?? 0;
  const ranked = [...names].sort((left, right) => scoreOf(right) - scoreOf(left) || right.length - left.length || left.localeCompare(right));
  const name = ranked[0] ?? '';
  const folded = new Set([foldText(name)]);
  const aliases = ranked.slice(1).filter((alias) => {
    const key = foldText(alias);
    if (folded.has(key)) return false;
    folded.add(key);
    return true;
  });
  return { name, aliases };
}


function sourcedUnion(reports: readonly TakeawayEvent[], textsOf: (report: TakeawayEvent) => readonly string[]): SourcedText[] {
  const seen = new Set<string>();
  const union: SourcedText[] = [];
  for (const report of reports) {
    for (const text of textsOf(report)) {
      const key = wordKey(text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      union.push({ text, report: report.source });
    }
  }
  return union;
}

function mergePillars(reports: readonly TakeawayEvent[], order: readonly string[]): EventPillarPoints[] {
  const ids = [...new Set(reports.flatMap((report) => report.pillars.map((pillar) => pillar.id)))];
  ids.sort((left, right) => (order.indexOf(left) === -1 ? 999 : order.indexOf(left)) - (order.indexOf(right) === -1 ? 999 : order.indexOf(right)));
  return ids.map((id) => {
    const of = (report: TakeawayEvent) => report.pillars.find((pillar) => pillar.id === id);
    return {
      id,
      title: mostCommon(reports.map(of).filter((pillar) => pillar !== undefined).map((pillar) => pillar.title)) ?? id,
      points: sourcedUnion(reports, (report) => of(report)?.points ?? []),
      related: sourcedUnion(reports, (report) => of(report)?.related ?? []),
    };
  });
}

type TalkIndex = Map<string, Array<{ order: number; report: TakeawayEvent; talk: TakeawayEvent['talks'][number] }>>;

/** An event's talks by the name key of each speaker they name: each person's talks are looked up, not searched for. */
function indexTalks(reports: readonly TakeawayEvent[]): TalkIndex {
  const index: TalkIndex = new Map();
  let order = 0;
  for (const report of reports) {
    for (const talk of report.talks) {
      const entry = { order: order++, report, talk };
      for (const key of new Set(talk.speakers.map(nameKey))) {
        const entries = index.get(key);
        if (entries === undefined) index.set(key, [entry]);
        else entries.push(entry);
      }
    }
  }
  return index;
}

/** The talks the reports of an event give to a person (known by the spellings `speakers` give them). */
function talksOf(speakers: readonly Speaker[], index: TalkIndex): SpeakerTalk[] {
  // The same words as a name the reports give this person here: "Trần Minh Quân" is not "Nguyễn Trần Minh Quân".
  const found = new Map<number, { report: TakeawayEvent; talk: TakeawayEvent['talks'][number] }>();
  for (const key of new Set(speakers.map((speaker) => nameFormOf(speaker).key))) for (const entry of index.get(key) ?? []) found.set(entry.order, entry);
  const talks: SpeakerTalk[] = [];
  const seen = new Set<string>();
  // In the order the reports give them.
  for (const [, { report, talk }] of [...found].sort(([left], [right]) => left - right)) {
    const key = `${report.source}\n${foldText(talk.title)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    talks.push({ title: talk.title, pillars: talk.pillars, points: talk.points, report: report.source });
  }
  return talks;
}

interface SpeakerMention {
  speaker: Speaker;
  report: TakeawayEvent;
  event: number;
}

export interface BuildOptions {
  /** Whose texts come first in a merged event: reports in this language (default `en`). */
  lang?: string;
  /** Overrides besides the model's own (tests, a caller's). */
  overrides?: EventOverrides;
  /** Pillar ids in the taxonomy's order. */
  pillarOrder?: readonly string[];
}

/** Builds the knowledge base from the loaded reports. Reports in the preferred order: English twins first. */
/**
 * The sources an events.yaml reference names: a report's path, or a folder (every report below it, every language).
 * A reference naming nothing is a problem.
 */
function resolveOverrides(reports: readonly TakeawayEvent[], overrides: EventOverrides, problems: ContentProblem[]): ReportGroupingOverrides {
  const resolve = (reference: string): string[] => {
    const folder = `${reference.replace(/\/+$/, '')}/`;
    const found = reports.filter((report) => report.source === reference || report.source.startsWith(folder)).map((report) => report.source);
    if (found.length === 0) problems.push({ source: 'events.yaml', line: null, severity: 'warning', message: `"${reference}" names no report that was loaded; check the path (as \`takeaways check\` lists it)` });
    return found;
  };
  const separate: Array<readonly [string, string]> = [];
  for (const [left, right] of overrides.separate) {
    const rightSources = resolve(right);
    for (const leftSource of resolve(left)) for (const rightSource of rightSources) separate.push([leftSource, rightSource]);
  }
  return { merge: new Map(overrides.events.map((entry) => [entry.id, entry.reports.flatMap(resolve)])), separate };
}

export function buildKnowledgeBase(model: Pick<ContentModel, 'events' | 'overrides'>, options: BuildOptions = {}): KnowledgeBase {
  return runToEnd(knowledgeBaseSteps(model, options));
}

/** The same knowledge base, built in slices that leave the event loop free to answer (a reload of a big site). */
export function buildKnowledgeBaseInSlices(model: Pick<ContentModel, 'events' | 'overrides'>, options: BuildOptions = {}): Promise<KnowledgeBase> {
  return runInSlices(knowledgeBaseSteps(model, options));
}

/** Items handled between two steps of a loop over events or people. */
const ITEMS_PER_STEP = 64;

function* knowledgeBaseSteps(model: Pick<ContentModel, 'events' | 'overrides'>, options: BuildOptions): Steps<KnowledgeBase> {
  const overrides: EventOverrides = {
    events: [...(model.overrides?.events ?? []), ...(options.overrides?.events ?? [])],
    separate: [...(model.overrides?.separate ?? []), ...(options.overrides?.separate ?? [])],
  };
  const problems: ContentProblem[] = [];
  const grouping = resolveOverrides(model.events, overrides, problems);
  const groups = yield* groupReportsSteps(model.events, grouping);
  yield;
  const overrideById = new Map(overrides.events.map((entry) => [entry.id, entry]));

  // People across every event: one person, one id, every spelling.
  const mentions: SpeakerMention[] = groups.flatMap((group, event) => group.reports.flatMap((report) => report.speakers.map((speaker) => ({ speaker, report, event }))));
  // A one-word mention ("Anh Trường") is grouped as the full name it stands for in its event, and keeps its spelling.
  const standsFor = new Map<SpeakerMention, Speaker>();
  const mentionsOfEvent: SpeakerMention[][] = groups.map(() => []);
  for (const mention of mentions) mentionsOfEvent[mention.event]?.push(mention);
  for (const here of mentionsOfEvent) {
    for (const [mention, speaker] of resolveShortNames(here, (each) => each.speaker, (each) => each.report.source)) standsFor.set(mention, speaker);
  }
  yield;
  const people = yield* groupPeopleSteps(mentions, (mention) => standsFor.get(mention) ?? mention.speaker, (mention) => mention.report.source);
  yield;
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base || 'event';
    for (let counter = 2; usedIds.has(id); counter++) id = `${base}-${counter}`;
    usedIds.add(id);
    return id;
  };

  const events: KnowledgeEvent[] = [];
  for (const [index, group] of groups.entries()) {
    if (index % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    const lang = options.lang ?? 'en';
    const reports = [...group.reports].sort((left, right) => Number(right.lang === lang) - Number(left.lang === lang) || left.source.localeCompare(right.source));
    const override = group.eventId === null ? undefined : overrideById.get(group.eventId);
    const named = canonicalName(reports, lang);
    const name = override?.name ?? named.name;
    const aliases = override?.name === undefined ? named.aliases : [named.name, ...named.aliases].filter((alias) => foldText(alias) !== foldText(name));
    const date = override?.date ?? mostCommon(reports.map((report) => report.date).filter((value): value is string => value !== null));
    events.push({
      id: group.eventId ?? '',
      name,
      aliases,
      date,
      reports: reports.map((report) => ({ source: report.source, site: report.site, author: report.author, lang: report.lang })),
      speakers: [],
      pillars: mergePillars(reports, options.pillarOrder ?? []),
      purpose: sourcedUnion(reports, (report) => report.purpose),
      learned: sourcedUnion(reports, (report) => report.learned),
      lessons: sourcedUnion(reports, (report) => report.lessons),
    });
  }
  // Ids: an override's as given, else the date and name, made unique.
  for (const event of events) if (event.id !== '') usedIds.add(event.id);
  for (const event of events) if (event.id === '') event.id = uniqueId(slug(`${event.date ?? 'undated'} ${event.name}`));

  const knowledgePeople: KnowledgePerson[] = [];
  const personIds = new Set<string>();
  const talkIndexes = new Map<number, TalkIndex>();
  const talkIndexOf = (event: number): TalkIndex => {
    let index = talkIndexes.get(event);
    if (index === undefined) talkIndexes.set(event, (index = indexTalks(groups[event]?.reports ?? [])));
    return index;
  };
  for (const [step, person] of people.entries()) {
    if (step % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    let id = slug(person.name) || 'person';
    for (let counter = 2; personIds.has(id); counter++) id = `${slug(person.name)}-${counter}`;
    personIds.add(id);
    const eventIndexes = [...new Set(person.mentions.map((mention) => mention.event))].sort((left, right) => left - right);
    const roles = person.mentions.map((mention) => mention.speaker.role).filter((role): role is string => role !== null);
    const orgs = person.mentions.map((mention) => mention.speaker.org).filter((org): org is string => org !== null);
    const aliases = [...new Set([...person.aliases, ...person.mentions.map((mention) => mention.speaker.name)])].filter((alias) => alias !== person.name);
    knowledgePeople.push({ id, name: person.name, aliases, role: mostCommon(roles), org: mostCommon(orgs), events: eventIndexes.map((index) => events[index]?.id ?? '') });
    const mentionsByEvent = new Map<number, SpeakerMention[]>();
    for (const mention of person.mentions) {
      const here = mentionsByEvent.get(mention.event);
      if (here === undefined) mentionsByEvent.set(mention.event, [mention]);
      else here.push(mention);
    }
    for (const [index, here] of mentionsByEvent) {
      const event = events[index];
      if (event === undefined) continue;
      const names = [...new Set(here.map((mention) => mention.speaker.name))];
      event.speakers.push({
        person: id,
        name: person.name,
        aliases: names.filter((alias) => alias !== person.name),
        role: mostCommon(here.map((mention) => mention.speaker.role).filter((role): role is string => role !== null)),
        org: mostCommon(here.map((mention) => mention.speaker.org).filter((org): org is string => org !== null)),
        reports: [...new Set(here.map((mention) => mention.report.source))],
        talks: talksOf(here.map((mention) => mention.speaker), talkIndexOf(index)),
      });
    }
  }
  yield;
  // Speakers in the order the reports name them.
  const orderByEvent = new Map<number, Map<string, number>>();
  for (const mention of mentions) {
    let order = orderByEvent.get(mention.event);
    if (order === undefined) orderByEvent.set(mention.event, (order = new Map()));
    const name = foldText(mention.speaker.name);
    if (!order.has(name)) order.set(name, order.size);
  }
  for (const [index, event] of events.entries()) {
    const order = orderByEvent.get(index) ?? new Map<string, number>();
    // Each speaker ranked once, not at every comparison of the sort.
    const ranks = new Map(event.speakers.map((speaker) => [speaker, Math.min(...[speaker.name, ...speaker.aliases].map((name) => order.get(foldText(name)) ?? Number.MAX_SAFE_INTEGER))]));
    event.speakers.sort((left, right) => (ranks.get(left) ?? 0) - (ranks.get(right) ?? 0));
  }

  forgetNameForms();
  const eventIdByReport = new Map<TakeawayEvent, string>();
  groups.forEach((group, index) => {
    for (const report of group.reports) eventIdByReport.set(report, events[index]?.id ?? '');
  });
  return {
    reports: model.events.map((report) => ({ ...report, event: eventIdByReport.get(report) ?? '' })),
    events: events.sort((left, right) => (left.date ?? '9999').localeCompare(right.date ?? '9999') || left.name.localeCompare(right.name)),
    people: knowledgePeople,
    problems,
  };
}

/** The JSON `takeaways export` prints: every report with its event, the merged events, and what was skipped or wrong. */
export function exportKnowledge(model: ContentModel, base: KnowledgeBase) {
  return {
    reports: base.reports,
    events: base.events.map((event) => ({
      id: event.id,
      name: event.name,
      aliases: event.aliases,
      date: event.date,
      reports: event.reports.map((report) => report.source),
      speakers: event.speakers.map(({ person, name, aliases, role, org, reports, talks }) => ({
        person,
        name,
        aliases,
        role,
        org,
        reports,
        talks: talks.map(({ title, pillars, report }) => ({ title, pillars, report })),
      })),
      pillars: event.pillars,
      purpose: event.purpose,
      learned: event.learned,
      lessons: event.lessons,
    })),
    people: base.people,
    skipped: model.skipped,
    problems: [...model.problems, ...base.problems],
  };
}

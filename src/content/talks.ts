/**
 * Who spoke about what: a report's sessions and talks with their speakers, the pillars they cover and their points.
 * Found where reports say it:
 * - a session heading followed by `**Speakers:** A, B` (or `Diễn giả:`), or carrying a name (`Talk (Name)`,
 *   `2. **Name** — Talk`): the heading is the talk, what follows it its points;
 * - a speaker bullet with a talk after the name (`- **Name** - *Talk*`, `Đề tài: …`, `Speaker on …`);
 * - a grouped line (`**Chuyên gia Detection & Monitoring:** A, B`): the label is the area they covered;
 * - a schedule table's Speaker column beside its Topic or Session column.
 */
import type { MarkdownBlock } from './markdown-blocks.js';
import { plainTextOf } from './markdown-blocks.js';
import type { Speaker, Talk, Taxonomy } from './model.js';
import type { PillarSection } from './pillar-sections.js';
import { classifyPointPillar, namedPillars } from './pillars.js';
import { pointsOf, type ReportOutline } from './sections.js';
import { isBoldHeadingLine, MAY_NAME_SPEAKER, namesInCell, parseSpeakerField, parseSpeakerLine, resolveShortName, speakersFromHeading, talkOfSpeakerLine } from './speakers.js';
import { flattenInline, foldText } from './text.js';

const TOPIC_COLUMN = /topic|session|title|talk|chu de|de tai|noi dung|phien/;
const SPEAKER_COLUMN = /speaker|presenter|dien gia|nguoi trinh bay|nguoi chia se/;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A talk's pillars: those its title names, else its section's, else the one most of its points clearly belong to. */
function pillarsOf(title: string, points: readonly string[], section: PillarSection | undefined, taxonomy: Taxonomy): string[] {
  const named = namedPillars(title, taxonomy).ids;
  if (named.length > 0) return named;
  if (section !== undefined) return section.pillarIds;
  const counts = new Map<string, number>();
  for (const point of points) {
    const id = classifyPointPillar(point, taxonomy);
    if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts.entries()].filter(([, count]) => count >= 2 && count * 2 >= points.length).map(([id]) => id);
}

/** "Keynote: Cloud Market & Career Trends (Nguyễn Gia Hưng)" → "Keynote: Cloud Market & Career Trends". */
function titleWithoutNames(title: string, names: readonly string[]): string {
  let result = title;
  for (const name of names) result = result.replace(name, '');
  return (
    result
      // What held the names: "( & )", "(, )", "(chị , anh )".
      .replace(/\((?:[^\p{L}\p{N}()]|\b(?:anh|chị|mr|ms|mrs|dr|và|and)\b)*\)/giu, '')
      // A time slot opening it: "09:00 – 09:45 ·", "8:50 AM |", "9:40 - 10:40 Sáng:".
      .replace(/^\s*\d{1,2}[:h.]\d{2}(?:\s*(?:AM|PM|sáng|trưa|chiều|tối))?(?:\s*[-–—]\s*\d{1,2}[:h.]\d{2}(?:\s*(?:AM|PM|sáng|trưa|chiều|tối))?)?\s*[·|:\-–—]?\s*/iu, '')
      // Its numbering ("2.", "3)", "4 -"), not a number of the title ("36 hrs with …").
      .replace(/^\s*\d+(?:\.\d+)*(?:[.)]|\s*[-–—:|·])\s*/, '')
      .replace(/^[\s.)]*[-–—:|·]?\s*|\s*[-–—:|·]\s*$/g, '')
      .replace(/\s{2,}/g, ' ')
      .trim() || title
  );
}

/** "Julian Ju delivered a deep dive into …", "Anh Long đã trình bày …": a page's own speaker, giving the session. */
const GAVE = /^(?:delivered|presented|gave|spoke|talked|walked|shared|introduced|demonstrated|explained|covered|led|đã trình bày|trình bày|chia sẻ|giới thiệu|hướng dẫn)\b/iu;

/** Cheap test on raw markdown before a block is searched for a speaker's name. */
const MAY_GIVE = /deliver|present|gave|spoke|talked|walked|shared|introduc|demonstrat|explain|covered|led\b|trình bày|chia sẻ|giới thiệu|hướng dẫn/iu;

function proseSpeakers(blocks: readonly MarkdownBlock[], knownSpeakers: readonly string[]): string[] {
  const names: string[] = [];
  if (knownSpeakers.length === 0) return names;
  for (const block of blocks) {
    if ((block.kind !== 'paragraph' && block.kind !== 'item') || !MAY_GIVE.test(block.raw)) continue;
    const text = plainTextOf(block);
    for (const name of knownSpeakers) {
      const at = text.indexOf(name);
      if (at !== -1 && GAVE.test(text.slice(at + name.length).trim())) names.push(name);
    }
  }
  return names;
}

/** `Date:`, `Location:`, `Thời gian:` lines: a heading over them gives the event's facts, not a session. */
const FACT_LINE = /^\s*[-*]?\s*(?:\*\*|__)?\s*(?:date|time|date (?:&|and) time|location|venue|where|when|ngày|thời gian|địa điểm)\s*(?:\*\*|__)?\s*:/imu;

export interface PageOfTalks {
  /** The event's name: the talk of a speaker named in the page's facts ("Instructor: …" beside "Date: …"). */
  eventName: string;
  /** What `speakersFromHeading` finds in each heading and bold heading line, read once for the page. */
  headingSpeakers: ReadonlyMap<MarkdownBlock, readonly Speaker[]>;
  /** The speaker each session's opening names, by its heading or bold heading line (`speakersFromSessionOpenings`). */
  openings: ReadonlyMap<MarkdownBlock, Speaker>;
  securityPage: boolean;
  /** The page's speakers, found by name in prose ("Julian Ju delivered …"). */
  knownSpeakers: readonly string[];
}

export function findTalks(blocks: readonly MarkdownBlock[], outline: ReportOutline, pillarSections: readonly PillarSection[], taxonomy: Taxonomy, page: PageOfTalks): Talk[] {
  const { eventName, securityPage, knownSpeakers, headingSpeakers, openings } = page;
  const talks: Talk[] = [];
  const factTalks: Talk[] = [];
  // Each block's pillar section, found once (a heading starts its own section).
  const sectionByBlock = new Map<MarkdownBlock, PillarSection>();
  if (securityPage) for (const section of pillarSections) for (const block of section.blocks) sectionByBlock.set(block, section);
  const sectionByLine = new Map(pillarSections.map((section) => [section.line, section]));
  const sectionOf = (block: MarkdownBlock) => sectionByLine.get(block.line) ?? sectionByBlock.get(block);
  const pillarsFor = (title: string, points: readonly string[], block: MarkdownBlock) => (securityPage ? pillarsOf(title, points, sectionOf(block), taxonomy) : []);

  // Session headings, and bold lines standing as headings: the blocks up to the next heading of the same or a higher
  // level (for a bold line, to the next bold line or heading).
  let headingLevel = 0;
  for (const [index, block] of blocks.entries()) {
    if (block.kind === 'heading') headingLevel = block.level;
    else if (block.kind !== 'paragraph' || !isBoldHeadingLine(block) || parseSpeakerField(plainTextOf(block)) !== null) continue;
    const boldLine = block.kind === 'paragraph';
    const level = block.kind === 'heading' ? block.level : headingLevel + 0.5;
    const ends = (candidate: MarkdownBlock) => (candidate.kind === 'heading' && candidate.level <= level) || (boldLine && isBoldHeadingLine(candidate));
    // What sits directly under the heading (before any deeper heading) says whether it is someone's session.
    const direct: MarkdownBlock[] = [];
    for (let next = index + 1; next < blocks.length; next++) {
      const candidate = blocks[next] as MarkdownBlock;
      // Under a heading, bold lines are its parts ("**Overview**", "**Speakers: …**"); under a bold line, the next one ends it.
      if (candidate.kind === 'heading' || (boldLine && isBoldHeadingLine(candidate))) break;
      direct.push(candidate);
    }
    const written = (headingSpeakers.get(block) ?? speakersFromHeading(block.raw)).map((speaker) => speaker.name);
    const opening = written.length === 0 ? openings.get(block) : undefined;
    if (opening !== undefined) written.push(opening.name);
    const names = written.map((name) => resolveShortName(name, knownSpeakers));
    for (const candidate of direct) {
      if ((candidate.kind !== 'paragraph' && candidate.kind !== 'item') || !MAY_NAME_SPEAKER.test(candidate.raw)) continue;
      for (const line of candidate.raw.split('\n')) {
        if (MAY_NAME_SPEAKER.test(line)) names.push(...(parseSpeakerField(flattenInline(line)) ?? []).map((speaker) => speaker.name));
      }
    }
    if (names.length === 0) names.push(...proseSpeakers(direct, knownSpeakers));
    if (names.length === 0) continue;
    const under: MarkdownBlock[] = [];
    for (let next = index + 1; next < blocks.length; next++) {
      const candidate = blocks[next] as MarkdownBlock;
      if (ends(candidate)) break;
      under.push(candidate);
    }
    // "### Event information" with `Date:` and `Instructor:` lines: the speaker gave the event itself.
    const facts = direct.some((candidate) => (candidate.kind === 'paragraph' || candidate.kind === 'item') && FACT_LINE.test(candidate.raw));
    const heading = facts ? eventName : plainTextOf(block);
    const points = facts ? [] : pointsOf(under.filter((candidate) => candidate.kind !== 'paragraph' || !MAY_NAME_SPEAKER.test(candidate.raw)));
    const title = titleWithoutNames(heading, [...new Set([...names, ...written])]);
    const talk = { title, speakers: unique(names), pillars: pillarsFor(title, points, block), points };
    if (facts) factTalks.push(talk);
    else talks.push(talk);
  }

  // Speaker bullets that give a talk, and grouped lines that give an area.
  for (const section of outline.sections) {
    if (section.kind !== 'speakers') continue;
    for (const block of section.blocks) {
      if ((block.kind !== 'item' || block.depth !== 0) && block.kind !== 'paragraph') continue;
      const lines = block.kind === 'item' ? [block.raw] : block.raw.split('\n').filter((line) => /^\s*(\*\*|__)/.test(line));
      for (const line of lines) {
        // The talk first: most speaker lines give a role, and need no second reading of their names.
        const grouped = /^\s*(?:\*\*|__)([^*_]+?):\s*(?:\*\*|__)/.exec(line)?.[1];
        const title = grouped !== undefined ? flattenInline(grouped).trim() : talkOfSpeakerLine(line);
        if (title === null || title === '') continue;
        const names = parseSpeakerLine(line).map((speaker) => speaker.name);
        if (names.length === 0) continue;
        talks.push({ title, speakers: unique(names), pillars: pillarsFor(title, [], block), points: [] });
      }
    }
  }

  // Schedule tables: the Speaker column beside a Topic or Session column.
  let speakerColumn = -1;
  let topicColumn = -1;
  for (const block of blocks) {
    if (block.kind !== 'row') {
      speakerColumn = -1;
      topicColumn = -1;
      continue;
    }
    if (block.header) {
      const headers = block.cells.map((cell) => foldText(flattenInline(cell)));
      speakerColumn = headers.findIndex((header) => SPEAKER_COLUMN.test(header));
      topicColumn = headers.findIndex((header, column) => column !== speakerColumn && TOPIC_COLUMN.test(header));
      continue;
    }
    if (speakerColumn === -1 || topicColumn === -1) continue;
    const names = namesInCell(flattenInline(block.cells[speakerColumn] ?? '')).map((speaker) => speaker.name);
    const title = flattenInline(block.cells[topicColumn] ?? '');
    if (names.length > 0 && title !== '') talks.push({ title, speakers: unique(names), pillars: pillarsFor(title, [], block), points: [] });
  }
  // Whoever the facts name gave the event itself only when the page tells of no session of its own: "Led by: A & B"
  // over sessions by A and by B says who led the day, not that each gave all of it.
  return talks.length > 0 ? talks : factTalks;
}

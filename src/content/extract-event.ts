/**
 * One page's text → one event of the content model (or a reason to skip it). Pure: no I/O, never throws
 * for content (the loader still guards it), every finding a reader should fix is a problem with a line.
 */
import type { EventPillar, Highlight, Speaker, TakeawayEvent, Taxonomy } from './model.js';
import { parseDateText, readFrontMatterDate } from './dates.js';
import { readFrontMatter, frontMatterLine, type FrontMatter, type FrontMatterPillar, type FrontMatterSpeaker } from './front-matter.js';
import { plainTextOf, readMarkdownBlocks, type HeadingBlock, type MarkdownBlock } from './markdown-blocks.js';
import { findPillarSections, isSecurityPage, type PillarSection } from './pillar-sections.js';
import { classifyPointPillar, namedPillars, pillarsOfPoint, resolvePillarReference } from './pillars.js';
import { classifySectionHeading, outlineReport, pointsOf, type ReportOutline, type SectionKind } from './sections.js';
import { dedupeSpeakers, deriveOrg, isBoldHeadingLine, MAY_NAME_SPEAKER, parseSpeakerField, parseSpeakerLine, parseSpeakerTable, resolveShortName, speakersFromHeading, speakersFromListingSentences, speakersFromProse, speakersFromTalkSentences, speakersFromTeamLines, speakersFromRoleBullets, speakersFromSessionOpenings, speakersFromTitledLines, speakersFromTables } from './speakers.js';
import { definitionListsAsFields, htmlBlocksAsMarkdown } from './html-lines.js';
import { stripHugoMarkup } from './strip-hugo.js';
import { findTalks } from './talks.js';
import { flattenInline, foldText, isVietnameseText, wordKey } from './text.js';
import type { PageIdentity } from './page-identity.js';

export interface PageProblem {
  line: number | null;
  severity: 'error' | 'warning';
  message: string;
}

/** What a chapter page says about the events it links to: the only place some sites give the dates. */
export interface ChapterEntry {
  /** The link target as written, e.g. `4.1-Event1/`. */
  target: string;
  date: string | null;
}

export type PageOutcome =
  | {
      kind: 'event';
      event: TakeawayEvent;
      problems: PageProblem[];
      /** The event's date when it came from front matter alone: the loader checks it against the site's other pages. */
      frontMatterDate: string | null;
      /** Whether the page's text is Vietnamese, whatever its file name says (the loader uses it for `x.md` beside `x.en.md`). */
      vietnamese: boolean;
    }
  | { kind: 'skipped'; reason: string; problems: PageProblem[]; chapterEntries: ChapterEntry[] }
  | { kind: 'failed'; problems: PageProblem[] };

const LINK_ONLY = /^\s*\[([^[\]]+)\]\(([^)\s]+)(?:\s[^)]*)?\)\s*$/;
const REPORT_PREFIX =
  /^(?:(?:report on|takeaways from|recap of|notes from|summary of)\s+|(?:(?:workshop |event |learning |summary |harvest |takeaway |hackathon |meetup )*(?:summary report|event report|harvest report|learning report|report|recap|takeaways|diary|journal)|nhật ký(?: hackathon| sự kiện| workshop)?|nhat ky|bài thu hoạch|bào thu hoạch|bai thu hoach|báo cáo sự kiện|báo cáo tổng hợp|báo cáo tóm tắt|báo cáo thu hoạch|báo cáo học tập|báo cáo thực hành|bao cao su kien|bao cao|báo cáo|khóa học thực hành|khoá học thực hành|khoa hoc thuc hanh|ghi chép khóa học|ghi chép|ghi chep|course notes|notes on|course report|tổng kết|tóm tắt sự kiện|sự kiện|event)(?:\s+(?:sự kiện|event|workshop))?\s*(?:[:\-–—]\s*|(?=["“])|(?<=\S\s\S+)\s+(?=\S)))/iu;
/** `Event 1 - …`, `Sự kiện 2: …`: the chapter's numbering in a front-matter title, not part of the name. */
const EVENT_NUMBER_PREFIX = /^(?:event|sự kiện|su kien)\s*#?\d+\s*[:\-–—.]\s*/iu;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'for', 'on', 'in', 'to', 'with', 'at', 'by', 'from', 'và', 'của', 'cho', 'với']);

/** "THE AWS WELL-ARCHITECTED SECURITY PILLAR" → "The AWS Well-Architected Security Pillar": short words stay capitals. */
export function titleCaseIfShouting(text: string): string {
  if (/\p{Ll}/u.test(text) || !/\p{Lu}.*\p{Lu}/u.test(text)) return text;
  return text
    .split(/(\s+)/)
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (index > 0 && SMALL_WORDS.has(lower)) return lower;
      const letters = word.replace(/[^\p{L}]/gu, '');
      if (letters.length <= 3 && !SMALL_WORDS.has(lower)) return word;
      return lower.replace(/(^|[-/(“"'])(\p{Ll})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
    })
    .join('');
}

/** A post's title rather than an event's name: a lower-case subtitle after a colon, or the author's notes ("– my notes"). */
const POST_TITLE = /:\s+\p{Ll}|\s[-–—]\s+(?:my|some|a few|notes?|what)\b|\b(?:my notes|what (?:stuck|stayed) with me|what i learned)\b/iu;
/** A description written as a sentence or by the author ("My notes on …"), not as a name. */
const NOT_A_NAME = /[.!?]\s|[.!?]$|\b(?:i|my|me|we|our|mình|tôi|em)\b/iu;

/**
 * Front matter `description:` as the event's name, when the title is a post's ("ACD VN 2029: hai ngày ở Sao Mai")
 * and the description reads as a name ("AWS Community Day Vietnam 2029"): a dozen words at most, no sentence, no "I".
 */
function descriptionAsName(description: string | undefined, title: string): string | null {
  if (description === undefined || !POST_TITLE.test(title)) return null;
  const text = description.trim();
  if (text === '' || text.split(/\s+/).length > 12 || NOT_A_NAME.test(text) || !/^[\p{Lu}\p{N}]/u.test(text)) return null;
  return cleanName(text) || null;
}

/** Pictographs and symbols decorating a title ("🔴 AWS Secure by Design Day 🚀"), not part of the name. */
const DECORATION = /^(?:[\p{Extended_Pictographic}\p{So}\s]|\u200d|\ufe0f)+|(?:[\p{Extended_Pictographic}\p{So}\s]|\u200d|\ufe0f)+$/gu;

function cleanName(text: string): string {
  // The numbering may come first ("Event 1 - Summary Report: …") or after a kind ("Sự kiện: Event 1 - …").
  const withoutPrefix = text.replace(DECORATION, '').replace(EVENT_NUMBER_PREFIX, '').replace(REPORT_PREFIX, '').replace(EVENT_NUMBER_PREFIX, '').replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  const unquoted = /^["“]([^"”]+)["”]\s*(?:report)?$/iu.exec(withoutPrefix.trim())?.[1] ?? withoutPrefix;
  // "AWS Community Day Vietnam 2031 — hallway interviews": a lower-case subtitle after a dash is the post's, not the event's.
  const subtitled = /^(\S.*\S)\s+[-–—]\s+(\p{Ll}[\p{Ll}\p{M}\s]*)$/u.exec(unquoted.trim());
  const named = subtitled !== null && /\p{Lu}.*\s\S/u.test(subtitled[1] ?? '') ? (subtitled[1] ?? '') : unquoted;
  return titleCaseIfShouting(named.trim());
}
const QUOTED = /["“]([^"“”]{3,})["”]/;
/** Cheap pre-check on raw markdown before flattening a line to read it as `key: value`. */
const MAY_STATE_FACT = /date|time|when|ng[aà]y|th[oờ]i gian|event|s[uự] ki[eệ]n/i;
const DATE_KEY = /^(?:date|date (?:&|and) time|time|event date|when|ngay|thoi gian|ngay to chuc|ngay gio|thoi gian to chuc)$/;
const NAME_KEY = /^(?:event name|event|ten su kien|su kien)$/;

/** Lines a block holds as `key: value` (a bold label line, a bullet, a two-column table row). */
function* keyValues(blocks: readonly MarkdownBlock[]): Generator<{ key: string; value: string }> {
  for (const block of blocks) {
    if (block.kind === 'row') {
      if (block.cells.length >= 2) yield { key: foldText(flattenInline(block.cells[0] ?? '')), value: flattenInline(block.cells[1] ?? '') };
      continue;
    }
    if (block.kind === 'heading' || !block.raw.includes(':') || !MAY_STATE_FACT.test(block.raw)) continue;
    for (const line of block.raw.split('\n')) {
      const colonAt = line.indexOf(':');
      if (colonAt === -1 || !MAY_STATE_FACT.test(line.slice(0, Math.min(colonAt, 80)))) continue;
      const plain = flattenInline(line);
      const colon = plain.indexOf(':');
      if (colon < 2 || colon > 40) continue;
      yield { key: foldText(plain.slice(0, colon)).trim(), value: plain.slice(colon + 1).trim() };
    }
  }
}

function findStatedFacts(blocks: readonly MarkdownBlock[]): { date: string | null; name: string | null } {
  let date: string | null = null;
  let name: string | null = null;
  for (const { key, value } of keyValues(blocks)) {
    if (date === null && DATE_KEY.test(key)) date = parseDateText(value);
    else if (name === null && NAME_KEY.test(key) && value !== '') name = value;
    if (date !== null && name !== null) break;
  }
  return { date, name };
}

/** What a template leaves where the points will go: "(to be updated)", "TBD", "Đang cập nhật…". */
const PLACEHOLDER_POINT = /^\(.*\)$|^(?:tbd|todo|to be (?:updated|added)|updating|coming soon|đang cập nhật|cập nhật sau)\W*$/iu;

/** Words of text, outside headings, below which a page whose sections are all empty holds nothing to share. */
const TEMPLATE_WORDS = 40;

/**
 * A template copied and not filled in: report sections (`### Speakers`, `### Key Highlights`) with nothing under them
 * but an empty bullet or "(to be updated)", and hardly any text elsewhere (the template's notice).
 */
function isUnfilledTemplate(blocks: readonly MarkdownBlock[], outline: ReportOutline): boolean {
  // A few hundred characters hold a template's notice; a page far longer has been written.
  let characters = 0;
  for (const block of blocks) if (block.kind !== 'heading') characters += block.kind === 'row' ? block.cells.join(' ').length : block.raw.length;
  if (characters > TEMPLATE_WORDS * 50) return false;
  if (outline.sections.length === 0 || outline.sections.some((section) => pointsOf(section.blocks).some((point) => !PLACEHOLDER_POINT.test(point)))) return false;
  let words = 0;
  for (const block of blocks) {
    if (block.kind === 'heading') continue;
    const text = block.kind === 'row' ? block.cells.join(' ') : plainTextOf(block);
    words += text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    if (words >= TEMPLATE_WORDS) return false;
  }
  return true;
}

/** Paragraphs read at the top of a page for its date: a subtitle line, an opening sentence. */
const OPENING_PARAGRAPHS = 3;

/**
 * The date a page's opening states when it has no `Date:` line: "*Saturday 24 October 2026 · 8:30 – 12:30*",
 * "On 24/10/2026 I joined …". Only the first paragraphs before the first section: further in, a date is a deadline
 * or a story's, not the event's.
 */
function openingDate(blocks: readonly MarkdownBlock[], outline: ReportOutline): string | null {
  const firstSection = outline.sections[0]?.line ?? Number.POSITIVE_INFINITY;
  let read = 0;
  for (const block of blocks) {
    if (block.line >= firstSection || read >= OPENING_PARAGRAPHS) break;
    // A quoted line under the title is the page's standfirst (`> Sat, 14 Sep 2030 · SECC`), not a quote.
    if (block.kind !== 'paragraph' || (block.quoted && read > 0)) continue;
    read++;
    const date = parseDateText(plainTextOf(block));
    if (date !== null) return date;
  }
  // A series written up on one page dates each part in its heading (`## Session 1 – Sat, 04 May 2030: …`): the first.
  for (const heading of outline.headings) {
    if (heading.level < 2) continue;
    const date = parseDateText(plainTextOf(heading));
    if (date !== null) return date;
  }
  return null;
}

/**
 * The page's title heading: the last H1 before the first section (a template's leftover H1 comes first, the
 * author's own after it), else a first H2 or H3 that opens the page and names no section.
 */
function nameFromTitleHeading(outline: ReportOutline): { quoted: string | null; stripped: string | null; level: number } {
  // An empty section (a template's heading left without content) does not end the page's opening.
  const firstSection = outline.sections.find((section) => section.blocks.length > 0)?.line ?? Number.POSITIVE_INFINITY;
  const beforeSections = outline.headings.filter((heading) => heading.line < firstSection);
  // An H1 that reads like a weak section ("… Agenda …") is still the page's title: agendas are not written as H1s.
  const h1s = beforeSections.filter((heading) => heading.level === 1 && classifySectionHeading(plainTextOf(heading))?.weak !== false);
  const opening = outline.headings[0];
  const title = h1s.at(-1) ?? (opening !== undefined && opening.level <= 3 && opening.line < firstSection ? opening : undefined);
  if (title === undefined) return { quoted: null, stripped: null, level: 0 };
  const plain = flattenInline(title.raw);
  const quoted = QUOTED.exec(plain)?.[1]?.trim() ?? null;
  const stripped = cleanName(plain);
  return { quoted: quoted === null ? null : cleanName(quoted), stripped: stripped === '' ? null : stripped, level: title.level };
}

/** A name that is only the chapter's numbering: "Event 3", "Sự kiện 2". */
const PLACEHOLDER_NAME = /^(?:event|sự kiện|su kien)\s*#?\d+$/iu;
/** "Attending the **AWS: Enterprise Cloud Architectures** study tour", "Tham gia sự kiện **…**". */
const ATTENDED = /(?:attend(?:ed|ing)?|participat(?:ed|ing) in|joined|joining|tham gia|tham dự)\s+(?:the\s+)?(?:sự kiện\s+|event\s+)?(?:\*\*|__)([^*_\n]{4,120})(?:\*\*|__)/iu;

function nameFromAttendance(blocks: readonly MarkdownBlock[]): string | null {
  for (const block of blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'item') continue;
    const found = ATTENDED.exec(block.raw)?.[1];
    if (found !== undefined) return cleanName(flattenInline(found)) || null;
  }
  return null;
}

function speakersFromSections(outline: ReportOutline): Speaker[] {
  const speakers: Speaker[] = [];
  for (const section of outline.sections) {
    if (section.kind !== 'speakers') continue;
    const rows = section.blocks.filter((block) => block.kind === 'row');
    if (rows.length > 0) speakers.push(...parseSpeakerTable(rows));
    for (const block of section.blocks) {
      // A heading per speaker below the section's: `#### Anh Huỳnh Thanh Phong – AWS Hero, CTO tại Gạo Labs`.
      if (block.kind === 'heading') speakers.push(...parseSpeakerLine(block.raw.replace(/^#+\s*/, '')));
      else if (block.kind === 'item' && block.depth === 0) speakers.push(...parseSpeakerLine(block.raw));
      else if (block.kind === 'paragraph') {
        // Quoted too: a speaker section may set its list in a blockquote (`> 🎤 DANIEL OKAFOR — Senior SA, AWS`).
        const lines = block.raw.split(/\n|<br\s*\/?>/i);
        for (let index = 0; index < lines.length; index++) {
          const line = lines[index] ?? '';
          const role = /^\s*([*_])([^*_]+)\1\s*$/.exec(lines[index + 1] ?? '')?.[2];
          // A bold name, its role in italics on the next line: `**Nguyễn Văn Tài**` / `*Solutions Architect – AWS*`.
          if (role !== undefined && /^\s*(\*\*|__)[^*_]+\1\s*$/.test(line)) {
            speakers.push(...parseSpeakerLine(`${line.trim()} – ${role.trim()}`));
            index++;
            continue;
          }
          speakers.push(...speakerOfListedLine(line));
        }
      }
    }
  }
  return speakers;
}

/** The page's blocks that are not in a section of this kind. */
function blocksOutside(outline: ReportOutline, kind: SectionKind, blocks: readonly MarkdownBlock[]): MarkdownBlock[] {
  const inside = new Set(outline.sections.filter((section) => section.kind === kind).flatMap((section) => section.blocks));
  return inside.size === 0 ? [...blocks] : blocks.filter((block) => !inside.has(block));
}

/** Cheap test on raw markdown before a line is flattened and read as `Speaker: …`. */

/** `**Speakers:** A, B` under each session. */
/** A listed line without its `<br>` and the symbols opening it ("👤 ", "• "). */
function withoutLineMarks(line: string): string {
  return line.replace(/<br\s*\/?>/gi, '').replace(/^[^\p{L}\p{N}*_[]+/u, '');
}

/**
 * A line of a speakers section's paragraph: a bold name (`**Name** – Role`), a caption in italics under a speaker's
 * photo (`*Chị Châu Ngọc Hà – Captain AWS Cloud Club UIT*`), or a plain `Name – Role`, maybe ending in `<br>` or
 * opening with a symbol.
 */
function speakerOfListedLine(rawLine: string): Speaker[] {
  const line = withoutLineMarks(rawLine);
  if (/^\s*(\*\*|__)/.test(line)) return parseSpeakerLine(line);
  const caption = /^\s*([*_])([^*_]+)\1\s*$/.exec(line)?.[2];
  // A plain "Name – Role" line under a label (`**Panelists:**<br>`); prose has no name before its dash.
  return parseSpeakerLine(caption ?? line);
}

/** "Speakers", "Panelists", "Diễn giả" alone as a paragraph's first line: the lines after it list the speakers. */
const SPEAKERS_LABEL_LINE = /^(?:speakers?|presenters?|panelists?|diễn giả|dien gia|khách mời|khach moi)\s*:?\s*$/iu;

function speakersFromSessionLines(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const block of blocks) {
    // An info table's row: `| Người hướng dẫn | anh Hứa Văn Đạt (mentor FCJ) |`.
    if (block.kind === 'row' && block.cells.length === 2 && MAY_NAME_SPEAKER.test(block.cells[0] ?? '')) {
      speakers.push(...(parseSpeakerField(`${flattenInline(block.cells[0] ?? '')}: ${flattenInline(block.cells[1] ?? '')}`) ?? []));
      continue;
    }
    if ((block.kind !== 'paragraph' && block.kind !== 'item') || !MAY_NAME_SPEAKER.test(block.raw)) continue;
    const [first, ...rest] = block.raw.split('\n');
    if (rest.length > 0 && SPEAKERS_LABEL_LINE.test(flattenInline((first ?? '').replace(/<br\s*\/?>/gi, '')))) {
      for (const line of rest) speakers.push(...parseSpeakerLine(withoutLineMarks(line)));
      continue;
    }
    for (const line of block.raw.split('\n')) {
      if (!MAY_NAME_SPEAKER.test(line)) continue;
      const found = parseSpeakerField(flattenInline(line));
      if (found !== null) speakers.push(...found);
    }
  }
  return speakers;
}

/**
 * Headings that may be a session's, below the page's title: any H3 or deeper, and an H2 among other H2s (sessions
 * as the page's sections under an H1). The page's first heading, or one alone at its level, is the title: its
 * parentheses hold a series or a place, not a speaker.
 */
function sessionHeadings(headings: readonly HeadingBlock[]): HeadingBlock[] {
  const perLevel = new Map<number, number>();
  for (const heading of headings) perLevel.set(heading.level, (perLevel.get(heading.level) ?? 0) + 1);
  return headings.filter((heading, index) => heading.level >= 3 || (index > 0 && (perLevel.get(heading.level) ?? 0) >= 2));
}

function speakersFromFrontMatter(entries: readonly FrontMatterSpeaker[]): Speaker[] {
  return entries.flatMap((entry): Speaker[] => {
    if (typeof entry === 'string') return parseSpeakerLine(entry);
    const role = entry.role ?? null;
    return [{ name: entry.name, role, org: entry.org ?? (role === null ? null : deriveOrg(role)) }];
  });
}

/**
 * Points as the author split them, for lessons and takeaways: one per top-level bullet, its nested bullets kept
 * with it ("Parent: child; child"); one per line of prose when the author wrote lines without bullets.
 */
export function splitPoints(blocks: readonly MarkdownBlock[]): string[] {
  const points: string[] = [];
  let parent: { text: string; children: string[] } | null = null;
  const flush = () => {
    if (parent === null) return;
    const head = parent.text.replace(/\s*:$/, '');
    points.push(parent.children.length === 0 ? parent.text : `${head}: ${parent.children.join('; ')}`);
    parent = null;
  };
  let sawItem = false;
  for (const block of blocks) {
    if (block.kind !== 'item') continue;
    sawItem = true;
    const text = plainTextOf(block);
    if (text === '') continue;
    if (block.depth === 0 || parent === null) {
      flush();
      parent = { text, children: [] };
    } else parent.children.push(text);
  }
  flush();
  if (sawItem) return points;
  for (const block of blocks) {
    if (block.kind === 'row' && !block.header) {
      const cells = block.cells.map(flattenInline).filter((cell) => cell !== '');
      if (cells.length > 0) points.push(cells.join(': '));
    }
    if (block.kind !== 'paragraph' || block.quoted) continue;
    for (const line of block.raw.split('\n')) {
      const text = flattenInline(line);
      if (text !== '' && !text.endsWith(':')) points.push(text);
    }
  }
  return points;
}

/** `**Key lessons:**`, `**Takeaways:**`, `**Bài học:**` opening a paragraph: a session's own lessons. */
const LESSON_LABEL = /^\s*(?:\*\*|__)?\s*(?:key\s+|main\s+|my\s+)?(?:lessons?(?:\s+learned)?|takeaways?|what i learned|bai hoc(?:\s+rut ra)?|dieu rut ra|nhung gi hoc duoc)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?/;

/** Cheap test on raw markdown before a paragraph is folded and read for a lesson label. */
const MAY_LABEL_LESSONS = /lesson|takeaway|learn|b[aà]i h[oọ]c|r[uú]t ra|h[oọ]c đ[uư][oợ]c|đi[eề]u|mang v[eề]/i;

/** A sentence introducing a list of lessons: "Key takeaways included:", "Những bài học rút ra:". */
const INTRODUCES_LESSONS = /(?:takeaways?|lessons?|learned|learnt|bai hoc|rut ra|hoc duoc|mang ve)[^.!?]{0,40}:\s*(?:\*\*|__)?\s*$/;

/**
 * Points under lesson labels anywhere in the page: a bold "Key lessons:" line (the rest of its line, then the
 * bullets after it), or a paragraph ending in "Key takeaways included:" (the bullets after it).
 */
function labelledLessons(blocks: readonly MarkdownBlock[]): string[] {
  const points: string[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (block === undefined || block.kind !== 'paragraph' || block.quoted || !MAY_LABEL_LESSONS.test(block.raw)) continue;
    const lines = block.raw.split('\n');
    const firstLine = lines[0] ?? '';
    const labelled = LESSON_LABEL.test(foldText(firstLine));
    // A later line of the paragraph may be the label (`Takeaway: finish my portfolio project`): that line alone.
    const laterLabel = labelled ? undefined : lines.slice(1).find((line) => LESSON_LABEL.test(foldText(line)));
    if (laterLabel !== undefined) {
      const text = flattenInline(laterLabel);
      const rest = text.slice(text.indexOf(':') + 1).trim();
      if (rest !== '') points.push(rest);
      continue;
    }
    if (!labelled && !INTRODUCES_LESSONS.test(foldText(block.raw))) continue;
    // What follows the label's colon (folding can change a text's length, so the flattened text is cut, not the raw).
    const plain = plainTextOf(block);
    const rest = labelled ? plain.slice(plain.indexOf(':') + 1).trim() : '';
    if (rest !== '') points.push(rest);
    const following: MarkdownBlock[] = [];
    for (let next = index + 1; next < blocks.length && blocks[next]?.kind === 'item'; next++) following.push(blocks[next] as MarkdownBlock);
    points.push(...splitPoints(following));
  }
  return points;
}

function splitPointsOfKind(outline: ReportOutline, kind: SectionKind): string[] {
  return outline.sections.filter((section) => section.kind === kind).flatMap((section) => splitPoints(section.blocks));
}

/**
 * Lessons: front matter's, else the lessons sections', else the page's takeaways ("Key Takeaways", "What I
 * learned", "Những gì học được", a bold "Key lessons:" line inside a session), marked as such.
 */
function readLessons(outline: ReportOutline, blocks: readonly MarkdownBlock[], declared: readonly string[] | undefined): Pick<TakeawayEvent, 'lessons' | 'lessonsFrom'> {
  if (declared !== undefined) return { lessons: plainList(declared), lessonsFrom: 'lessons' };
  const lessons = splitPointsOfKind(outline, 'lessons');
  if (lessons.length > 0) return { lessons, lessonsFrom: 'lessons' };
  const takeaways = unique([...splitPointsOfKind(outline, 'learned'), ...labelledLessons(blocks), ...closingReflection(outline, blocks)]);
  return takeaways.length > 0 ? { lessons: takeaways, lessonsFrom: 'takeaways' } : { lessons: [], lessonsFrom: null };
}

/** A closing paragraph that sums up what the author keeps: "Looking back, what stays with me is …", "Nhìn lại, …". */
const REFLECTION_OPENING =
  /^(?:looking back|in the end|all in all|to sum up|in short|overall|my (?:main |biggest |key )?takeaway|if i (?:remember|keep|take) (?:one|a single) thing|what (?:stays|stayed|sticks|stuck|i will remember|i'll remember)|the (?:thing|lesson|idea|point) i (?:will|'ll|want to) (?:remember|keep|take)|nhin lai|tom lai|dieu (?:minh|toi|em) (?:nho|tam dac|mang ve)|dieu dong lai)/;

/**
 * The page's last paragraph, when it opens as a reflection and the page gives its takeaways under no heading: its
 * sentences, as takeaways. Only on a page without any takeaway section (it is called only then).
 */
function closingReflection(outline: ReportOutline, blocks: readonly MarkdownBlock[]): string[] {
  if (outline.sections.some((section) => section.kind === 'learned' || section.kind === 'lessons')) return [];
  // A photo after it is not the page's last word.
  const last = [...blocks].reverse().find((block) => !(block.kind === 'paragraph' && /^\s*!\[[^\]]*\]\([^)]*\)\s*$/.test(block.raw)));
  // A closing quote of the author's own words counts too (`> If I remember one thing from this day: …`).
  if (last === undefined || last.kind !== 'paragraph') return [];
  const plain = plainTextOf(last).replace(/\s+/g, ' ').trim();
  if (!REFLECTION_OPENING.test(foldText(plain))) return [];
  return plain
    .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 20);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function pointsOfKind(outline: ReportOutline, kind: SectionKind): string[] {
  return outline.sections.filter((section) => section.kind === kind).flatMap((section) => pointsOf(section.blocks));
}

function plainList(values: readonly string[]): string[] {
  return values.map(flattenInline).filter((value) => value !== '');
}

function buildPillars(sections: readonly PillarSection[], outline: ReportOutline, taxonomy: Taxonomy, declared: readonly FrontMatterPillar[] | undefined): EventPillar[] {
  const byId = new Map<string, { pillar: EventPillar; points: Set<string>; related: Set<string> }>();
  const pillarOf = (id: string) => {
    let entry = byId.get(id);
    if (entry === undefined) {
      const pillar = { id, title: taxonomy.pillars.find((definition) => definition.id === id)?.name ?? id, points: [], related: [] };
      entry = { pillar, points: new Set<string>(), related: new Set<string>() };
      byId.set(id, entry);
    }
    return entry;
  };
  const ownPoints = new Set<string>();
  for (const section of sections) {
    for (const point of pointsOf(section.blocks)) {
      ownPoints.add(point);
      for (const id of pillarsOfPoint(point, section.pillarIds, taxonomy)) pillarOf(id).points.add(point);
    }
  }

  const classifyRelated = (point: string) => {
    if (ownPoints.has(point)) return;
    const id = classifyPointPillar(point, taxonomy);
    if (id !== null) pillarOf(id).related.add(point);
  };
  for (const section of outline.sections) {
    if (section.kind === 'speakers') continue;
    for (const block of section.blocks) if (block.kind === 'item') classifyRelated(plainTextOf(block));
  }
  for (const block of outline.unsectioned) if (block.kind === 'item') classifyRelated(plainTextOf(block));
  for (const { pillar, points, related } of byId.values()) {
    pillar.points = [...points];
    pillar.related = [...related];
  }

  if (declared !== undefined) {
    const kept = new Map<string, EventPillar>();
    for (const entry of declared) {
      const reference = typeof entry === 'string' ? entry : entry.id;
      const id = resolvePillarReference(reference, taxonomy) ?? reference;
      const pillar = pillarOf(id).pillar;
      if (typeof entry !== 'string') {
        if (entry.title !== undefined) pillar.title = entry.title;
        if (entry.points !== undefined) pillar.points = plainList(entry.points);
        if (entry.related !== undefined) pillar.related = plainList(entry.related);
      }
      kept.set(id, pillar);
    }
    return orderPillars([...kept.values()], taxonomy);
  }
  const found = [...byId.values()].map((entry) => entry.pillar);
  return orderPillars(found.filter((pillar) => pillar.points.length > 0 || pillar.related.length > 0), taxonomy);
}

function orderPillars(pillars: EventPillar[], taxonomy: Taxonomy): EventPillar[] {
  const rank = (id: string) => taxonomy.pillars.find((pillar) => pillar.id === id)?.number ?? Number.MAX_SAFE_INTEGER;
  return pillars.sort((left, right) => rank(left.id) - rank(right.id));
}

function chapterEntries(blocks: readonly MarkdownBlock[]): ChapterEntry[] {
  const entries: ChapterEntry[] = [];
  let current: { target: string; blocks: MarkdownBlock[] } | null = null;
  const flush = () => {
    if (current !== null) entries.push({ target: current.target, date: findStatedFacts(current.blocks).date });
  };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      flush();
      const link = LINK_ONLY.exec(block.raw);
      current = link?.[2] !== undefined ? { target: link[2], blocks: [] } : null;
    } else if (current !== null) {
      current.blocks.push(block);
    }
  }
  flush();
  return entries;
}

function missingParts(event: TakeawayEvent): string[] {
  const missing: string[] = [];
  if (event.speakers.length === 0) missing.push('speakers');
  if (event.highlights.length === 0) missing.push('highlights');
  if (event.lessons.length === 0) missing.push('lessons');
  return missing;
}

/**
 * Reads one page. `text` is the whole file, already checked to be UTF-8 without NUL bytes, with `\n` line ends.
 * Front matter `speakers:`, `lessons:`, `tips:` and `pillars:` win over what the body says.
 */
export interface PagePlace {
  /** An `_index` page whose folder holds pages in folders of their own: a chapter, whatever its text says. */
  listsChildPages?: boolean;
}

export function extractPage(text: string, identity: PageIdentity, taxonomy: Taxonomy, place: PagePlace = {}): PageOutcome {
  const front = readFrontMatter(text);
  if (!front.ok) return { kind: 'failed', problems: [{ ...front.problem, severity: 'error' }] };
  const problems: PageProblem[] = front.problems.map((problem) => ({ ...problem, severity: front.refused ? 'error' : 'warning' }));
  const data: FrontMatter = front.data;

  if (data.draft === true) return { kind: 'skipped', reason: 'draft: true (Hugo does not publish it)', problems, chapterEntries: [] };
  const body = definitionListsAsFields(htmlBlocksAsMarkdown(stripHugoMarkup(front.body)));
  if (body.trim() === '') return { kind: 'skipped', reason: 'stub: front matter only, no body', problems, chapterEntries: [] };

  const blocks = readMarkdownBlocks(body, front.bodyFirstLine);
  const outline = outlineReport(blocks);
  const linkHeadings = outline.headings.filter((heading) => LINK_ONLY.test(heading.raw)).length;
  const reportSectionKinds = new Set(outline.sections.filter((section) => !section.weak && section.kind !== 'purpose').map((section) => section.kind));
  // A page that lists child pages is a chapter unless it reads as a report (two kinds of report section).
  const listsChildren = place.listsChildPages === true && reportSectionKinds.size < 2;
  if (data.chapter === true || listsChildren || (linkHeadings >= 2 && reportSectionKinds.size === 0)) {
    const entries = chapterEntries(blocks);
    const listed = Math.max(linkHeadings, entries.length);
    const reason = listsChildren && listed === 0 ? 'chapter page: its folder holds the event pages, not a report' : `chapter page: lists ${listed} ${listed === 1 ? 'page' : 'pages'}, not a report`;
    return { kind: 'skipped', reason, problems, chapterEntries: entries };
  }

  // A file with neither front matter nor any section a report has is a repository's README or notes, not a page.
  if (front.rawMatter.trim() === '' && outline.sections.length === 0 && outline.highlights.length === 0) {
    return { kind: 'skipped', reason: 'no front matter and no report section: not a Hugo page (a README or notes?)', problems, chapterEntries: [] };
  }
  if (isUnfilledTemplate(blocks, outline)) {
    return { kind: 'skipped', reason: 'template not filled in yet: its sections are empty', problems, chapterEntries: [] };
  }

  const stated = findStatedFacts(blocks);
  stated.date ??= openingDate(blocks, outline);
  let fromHeading = nameFromTitleHeading(outline);
  // With no H1, a real front-matter title names the event better than a heading opening the body that does not
  // spell it out ("Why this workshop"); a numbering title ("Event 3") does not.
  const frontTitle = data.title !== undefined && !PLACEHOLDER_NAME.test(data.title.trim()) ? wordKey(cleanName(data.title)) : '';
  if (fromHeading.level > 1 && frontTitle !== '' && fromHeading.quoted === null && !wordKey(fromHeading.stripped ?? '').includes(frontTitle)) {
    fromHeading = { quoted: null, stripped: null, level: 0 };
  }
  const title = data.title !== undefined && data.title !== '' ? data.title : (fromHeading.quoted ?? stated.name ?? fromHeading.stripped ?? identity.key);
  const named = data.event || data.name || fromHeading.quoted || (stated.name === null ? null : cleanName(stated.name)) || fromHeading.stripped || descriptionAsName(data.description, title) || cleanName(title) || title;
  // "Event 3" is the chapter's numbering, not a name: the body may still say what the event was.
  const name = PLACEHOLDER_NAME.test(named) ? (nameFromAttendance(blocks) ?? named) : named;

  const frontDate = readFrontMatterDate(data.date);
  if (frontDate.kind === 'untrusted') problems.push({ line: frontMatterLine(front.rawMatter, 'date'), severity: 'warning', message: `${frontDate.reason}; not used` });
  const trustedFrontDate = frontDate.kind === 'trusted' ? frontDate.iso : null;
  if (stated.date !== null && trustedFrontDate !== null && stated.date !== trustedFrontDate) {
    problems.push({ line: frontMatterLine(front.rawMatter, 'date'), severity: 'warning', message: `front matter date ${trustedFrontDate} disagrees with the date the page states (${stated.date}); the page's is used` });
  }
  const date = stated.date ?? trustedFrontDate;

  // Wherever the page names them: a speaker section, per-session lines, schedule tables, session headings.
  const listed = [
    ...speakersFromSections(outline),
    ...speakersFromSessionLines(blocks),
    ...speakersFromTables(blocks),
    // Bullets of a speaker section were read above; role bullets elsewhere (a panel's list) are read here, and
    // lines giving a talk and then its speaker.
    ...speakersFromRoleBullets(blocksOutside(outline, 'speakers', blocks)),
    ...speakersFromTitledLines(blocksOutside(outline, 'speakers', blocks)),
    ...speakersFromListingSentences(blocks),
    ...speakersFromTeamLines(blocks),
  ];
  const listedNames = listed.map((speaker) => speaker.name);
  // Session headings sit below the title, whose parentheses hold a series or a place, not a speaker.
  const headingSpeakers = new Map<MarkdownBlock, Speaker[]>(outline.headings.map((heading) => [heading, speakersFromHeading(heading.raw)]));
  const fromHeadings = [
    ...sessionHeadings(outline.headings).flatMap((heading) => headingSpeakers.get(heading) ?? []),
    // A bold line standing as a session's heading, its speaker in parentheses: `**Detection** (Do Khanh Linh, KiteLabs)`.
    ...blocks.filter(isBoldHeadingLine).flatMap((block) => (block.kind === 'paragraph' ? speakersFromHeading(block.raw) : [])),
  ];
  const openings = speakersFromSessionOpenings(blocks);
  let speakers = [
    ...listed,
    // A short name in a heading or in prose ("chị Bảo Ngọc") is the listed speaker it ends ("Ngô Bảo Ngọc").
    ...[
      ...fromHeadings,
      // A session's byline or opening sentence ("*Daniel Osei, Developer Advocate*", "Phuc Le, an SA at AWS, opened …").
      ...openings.values(),
      // A talk "by" someone, or someone with their title who "gave" one, anywhere in the page's prose.
      ...speakersFromTalkSentences(blocks),
      // A page that lists no speaker may tell them all in prose ("Mr. Tran Minh Khoi, Solutions Architect, presented …").
      ...(listed.length === 0 && fromHeadings.length === 0 ? speakersFromProse(blocks) : []),
    ].map((speaker) => ({ ...speaker, name: resolveShortName(speaker.name, listedNames) })),
  ];
  if (data.speakers !== undefined) speakers = speakersFromFrontMatter(data.speakers);

  const pillarSections = findPillarSections(blocks, taxonomy);
  const securityPage = isSecurityPage(pillarSections, [name, title], taxonomy);
  const highlights: Highlight[] = [];
  for (const part of outline.highlights) {
    const points = pointsOf(part.blocks);
    if (points.length === 0) continue;
    highlights.push({ heading: part.heading, pillar: securityPage ? (namedPillars(part.heading, taxonomy).ids[0] ?? null) : null, points });
  }

  const lessons = readLessons(outline, blocks, data.lessons);
  const uniqueSpeakers = dedupeSpeakers(speakers);
  const pillars = securityPage || data.pillars !== undefined ? buildPillars(securityPage ? pillarSections : [], outline, taxonomy, data.pillars) : [];
  const talks = findTalks(blocks, outline, pillarSections, taxonomy, { eventName: name, headingSpeakers, openings, securityPage, knownSpeakers: uniqueSpeakers.map((speaker) => speaker.name) });
  const event: TakeawayEvent = {
    id: identity.id,
    key: identity.key,
    source: '',
    site: '',
    author: data.author ?? '',
    eventId: data.event_id ?? null,
    lang: identity.lang,
    title,
    name,
    date,
    purpose: pointsOfKind(outline, 'purpose'),
    speakers: uniqueSpeakers,
    highlights,
    pillars,
    learned: pointsOfKind(outline, 'learned'),
    ...lessons,
    tips: unique([...(data.tips !== undefined ? plainList(data.tips) : []), ...lessons.lessons]),
    talks,
  };

  if (outline.sections.length === 0) {
    problems.push({ line: front.bodyFirstLine, severity: 'warning', message: 'no section this bot reads (purpose, speakers, highlights, what I learned, lessons): nothing to share from this page' });
  } else {
    const missing = missingParts(event);
    if (missing.length > 0) problems.push({ line: null, severity: 'warning', message: `found no ${missing.join(', ')}` });
  }
  return { kind: 'event', event, problems, frontMatterDate: stated.date === null ? trustedFrontDate : null, vietnamese: isVietnameseText(body) };
}

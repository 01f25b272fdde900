/**
 * Finding a report's sections by heading text, in English and Vietnamese, at any heading depth, whether
 * numbered ("### 2. Speaker List"), bold, or with a suffix in parentheses ("Danh sách diễn giả (theo …)").
 */
import { plainTextOf, type HeadingBlock, type MarkdownBlock } from './markdown-blocks.js';
import { flattenInline, foldText } from './text.js';

export type SectionKind = 'purpose' | 'speakers' | 'highlights' | 'learned' | 'lessons';

interface SectionRule {
  kind: SectionKind;
  pattern: RegExp;
  /** A weak match ("Agenda") counts only when the report has no stronger section of that kind. */
  weak: boolean;
}

const SECTION_RULES: readonly SectionRule[] = [
  { kind: 'lessons', pattern: /\blessons?\b|\bbai hoc\b/, weak: false },
  {
    kind: 'speakers',
    // "Distinguished Speakers", "Our Keynote Speakers": up to two describing words, none that makes the speakers a
    // source ("Insights from Speakers").
    pattern: /^(?:(?:the|our|guest|featured|event|list of|meet the|danh sach|gioi thieu|cac)\s+)*(?:(?!(?:from|of|by|with|about|for|to|and|by|notes|insights|quotes|tips)\b)[a-z]+\s+){0,2}(?:speakers?|dien gia|presenters?|panelists?|khach moi)(?:\s+(?:tieu bieu|noi bat|chinh|khach moi))?(?:\s+(?:i|we)\s+(?:heard|met|saw|listened to|followed)|\s+(?:minh|toi|em)\s+(?:da\s+)?(?:nghe|gap)|\s+(?:of|at|on)\s+(?:the\s+)?(?:day|event|stage|workshop|session))?(?:\s*(?:&|\/|and\b|va\b|list\b).*)?$/,
    weak: false,
  },
  // "Who spoke", "Sessions and speakers", "Chương trình và người chia sẻ": who was on stage, with or without their talks.
  { kind: 'speakers', pattern: /^who (?:spoke|presented|was on stage|shared)\b|^(?:sessions?|talks?|agenda|program(?:me)?|schedule) (?:and|&) (?:speakers?|presenters?)$|^(?:chuong trinh|phien|noi dung) (?:va|&) (?:nguoi chia se|dien gia)$|^(?:nguoi chia se|nguoi trinh bay)$/, weak: false },
  { kind: 'highlights', pattern: /^(?:(?:key|main|event|content|session|speaker|workshop)\s+)?highlight|^(?:noi dung|diem nhan|key content|main content|content summary|session summar|key topics|tom tat|chi tiet)/, weak: false },
  { kind: 'learned', pattern: /what (?:i|we|you) (?:have )?(?:learned|learnt|took away|take away)|what (?:stuck|stayed) with (?:me|us)|what i(?:'m| am) taking (?:away|home)|\btaking (?:away|home)$|take-?home (?:messages?|points?)|things i (?:want|plan|will|would like) to (?:try|do|apply)|mang ve\b|dong lai\b|tam dac\b|^tl;? ?dr\b|takeaway|learnings|\binsights?\b|reflections?\b|hoc duoc|rut ra|skills gained|^action items?$|^next steps$|^ghi nho$|^viec can lam|^ke hoach hanh dong|^wrap-? ?up$|what i(?:'d| would) tell (?:a friend|my friends|others)|^cam nghi\b|\bthings i(?:'ll| will| am going to) (?:do|try|apply|change)\b|\bviec (?:toi|minh|em) se lam\b|\boutcomes?\b|ket qua (?:dat|thu) duoc|kien thuc thu|dieu hoc|suy ngam|chiem nghiem|nhung diem chinh|diem chinh rut ra/, weak: false },
  { kind: 'purpose', pattern: /purpose|objective|\bgoals?\b|muc dich|muc tieu|why i attended|ly do tham gia/, weak: false },
  // How the author will apply it, their own view, a closing summary: takeaways when the page has no other.
  { kind: 'learned', pattern: /^(?:ung dung vao cong viec|applying (?:it )?to (?:my )?work|applying to work|goc nhin ca nhan|tong ket|ket luan|conclusion)$/, weak: true },
  // "Chương trình" opening a heading is its agenda; further in, it is a programme's name ("Lễ Kick-off chương trình FCJ").
  { kind: 'highlights', pattern: /\bagenda\b|^chuong trinh\b/, weak: true },
];

/** Heading text reduced to what identifies it: folded, without numbering, emoji, a "(…)" suffix or a colon. */
export function normalizeHeading(plainHeading: string): string {
  return foldText(plainHeading)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:(?:phan|part|section|chapter|muc)\s+)?\d+(?:\.\d+)*\s*[.):\-–—]?\s+/, '')
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/[\s:.\-–—]+$/, '')
    .trim();
}

/** `Takeaways from "…"`, `Summary Report: “…”`, `Bài thu hoạch …`: the page's title, never a section. */
const TITLE_HEADING = /["“”]|^(?:takeaways from|summary report|event report|report on|bai thu hoach|bao cao)\b/;

export function classifySectionHeading(plainHeading: string): { kind: SectionKind; weak: boolean } | null {
  const normalized = normalizeHeading(plainHeading);
  if (normalized === '' || TITLE_HEADING.test(normalized)) return null;
  for (const rule of SECTION_RULES) if (rule.pattern.test(normalized)) return { kind: rule.kind, weak: rule.weak };
  return null;
}

export interface SectionPart {
  kind: SectionKind;
  heading: string;
  line: number;
  weak: boolean;
  blocks: MarkdownBlock[];
}

export interface HighlightPart {
  heading: string;
  line: number;
  weak: boolean;
  blocks: MarkdownBlock[];
}

export interface ReportOutline {
  headings: HeadingBlock[];
  sections: SectionPart[];
  highlights: HighlightPart[];
  /** Blocks outside any recognised section (experience, applying to work, …). */
  unsectioned: MarkdownBlock[];
}

interface OpenHeading {
  level: number;
  section: SectionPart | null;
}

/**
 * Splits the blocks into sections. A section runs until the next heading of the same or a higher level;
 * a recognised heading nested in another section ("Lessons learned" under "Event Experience") starts its own.
 * Inside a highlights section, the first heading level below it starts subsections, each one highlight.
 */
export function outlineReport(blocks: readonly MarkdownBlock[]): ReportOutline {
  const outline: ReportOutline = { headings: [], sections: [], highlights: [], unsectioned: [] };
  const stack: OpenHeading[] = [];
  let highlightsRoot: SectionPart | null = null;
  let highlightsLevel = 0;
  let currentHighlight: HighlightPart | null = null;
  let currentHighlightLevel = 0;

  for (const block of blocks) {
    if (block.kind === 'heading') {
      outline.headings.push(block);
      const plain = plainTextOf(block);
      if (highlightsRoot !== null && block.level > highlightsLevel) {
        if (currentHighlight === null || block.level <= currentHighlightLevel) {
          currentHighlight = { heading: plain, line: block.line, weak: highlightsRoot.weak, blocks: [] };
          currentHighlightLevel = block.level;
          outline.highlights.push(currentHighlight);
        }
        continue;
      }
      highlightsRoot = null;
      currentHighlight = null;
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= block.level) stack.pop();
      const around = [...stack].reverse().find((open) => open.section !== null)?.section;
      // A weak takeaway heading ("### Ứng dụng vào Công việc") inside a section is part of it, not a section of its own.
      const heading = classifySectionHeading(plain);
      const classified = heading?.weak === true && heading.kind === 'learned' && around !== undefined ? null : heading;
      // A heading inside a speakers section that is no section itself names one speaker (`#### Anh Huỳnh Thanh Phong – CTO`).
      if (classified === null && around?.kind === 'speakers') around.blocks.push(block);
      let section: SectionPart | null = null;
      if (classified !== null) {
        section = { kind: classified.kind, heading: plain, line: block.line, weak: classified.weak, blocks: [] };
        outline.sections.push(section);
        if (classified.kind === 'highlights') {
          highlightsRoot = section;
          highlightsLevel = block.level;
        }
      }
      stack.push({ level: block.level, section });
      continue;
    }
    if (highlightsRoot !== null) {
      if (currentHighlight === null) {
        currentHighlight = { heading: highlightsRoot.heading, line: highlightsRoot.line, weak: highlightsRoot.weak, blocks: [] };
        currentHighlightLevel = highlightsLevel;
        outline.highlights.push(currentHighlight);
      }
      currentHighlight.blocks.push(block);
      highlightsRoot.blocks.push(block);
      continue;
    }
    let target: SectionPart | null = null;
    for (let index = stack.length - 1; index >= 0 && target === null; index--) target = stack[index]?.section ?? null;
    if (target === null) outline.unsectioned.push(block);
    else target.blocks.push(block);
  }

  // A weak takeaway section ("Applying to Work", "Tổng kết") counts only on a page with no other.
  if (outline.sections.some((section) => (section.kind === 'learned' || section.kind === 'lessons') && !section.weak)) {
    outline.sections = outline.sections.filter((section) => !(section.kind === 'learned' && section.weak));
  }
  const hasStrongHighlights = outline.sections.some((section) => section.kind === 'highlights' && !section.weak);
  if (hasStrongHighlights) {
    outline.highlights = outline.highlights.filter((highlight) => !highlight.weak);
    outline.sections = outline.sections.filter((section) => !(section.kind === 'highlights' && section.weak));
  }
  return outline;
}

function rowText(cells: readonly string[]): string {
  const plain = cells.map(flattenInline).filter((cell) => cell !== '' && !/^\d+$/.test(cell));
  if (plain.length <= 1) return plain[0] ?? '';
  return `${plain[0]}: ${plain.slice(1).join('; ')}`;
}

/**
 * The points a run of blocks makes: its bullets and table rows; prose paragraphs only when there are none
 * (a takeaway written as one paragraph is still a takeaway). Quotes and captions are not points.
 */
export function pointsOf(blocks: readonly MarkdownBlock[]): string[] {
  const points: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'item') {
      const text = plainTextOf(block);
      if (text !== '') points.push(text);
    } else if (block.kind === 'row' && !block.header) {
      const text = rowText(block.cells);
      if (text !== '') points.push(text);
    }
  }
  if (points.length > 0) return points;
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || block.quoted) continue;
    const text = plainTextOf(block);
    if (text !== '' && !/:$/.test(text)) points.push(text);
  }
  return points;
}

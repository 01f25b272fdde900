/**
 * Where a page covers a pillar in a section of its own. A heading that names a pillar starts that pillar's block
 * at any level and under any parent (an agenda, a highlights section, a time slot, "PART 3: …", "Pillar 1 — …",
 * Roman or Arabic numbering), and so does a bold line standing alone as a heading. The block runs to the next
 * heading of the same or a higher level; a heading inside it that names another pillar starts that pillar's own.
 */
import { plainTextOf, type MarkdownBlock, type ParagraphBlock } from './markdown-blocks.js';
import type { Taxonomy } from './model.js';
import { namedPillars } from './pillars.js';
import { flattenInline, foldText } from './text.js';

export interface PillarSection {
  heading: string;
  line: number;
  /** One pillar, or two for "Detection & Infrastructure Protection": both get the block's points. */
  pillarIds: string[];
  /** Pillars named by name, alias or number (not only by services): evidence that the page is about security. */
  named: boolean;
  blocks: MarkdownBlock[];
}

interface OpenSection {
  level: number;
  section: PillarSection | null;
}

/** `**Detection & Monitoring**` or `**Pillar 2: …:**` alone on its line: a heading written in bold. */
const BOLD_LINE = /^\s*(\*\*|__)([^\n]{2,120}?)\1\s*(?:\([^()\n]{1,120}\))?\s*:?\s*$/;

/** The text of a paragraph that is only a bold line, or null. */
function boldHeadingText(block: MarkdownBlock): string | null {
  if (block.kind !== 'paragraph' || block.quoted || block.raw.includes('\n')) return null;
  const match = BOLD_LINE.exec(block.raw);
  return match === null ? null : plainTextOf(block).replace(/:$/, '');
}

/**
 * Bold list items that name pillars by name, alias or number, each with its points nested below, when the page has
 * such items for at least three pillars: a list of the pillars (`1. **Trụ cột 1: …**` … `5. **Trụ cột 5: …**`). One
 * bold "**IAM**" among a page's takeaways is a takeaway, not the IAM session.
 */
function pillarListItems(blocks: readonly MarkdownBlock[], taxonomy: Taxonomy): Map<number, string> {
  const items = new Map<number, string>();
  const pillars = new Set<string>();
  for (const [index, block] of blocks.entries()) {
    const text = boldItemText(block, blocks[index + 1]);
    if (text === null) continue;
    const named = namedPillars(text, taxonomy);
    if (!named.byName || named.ids.length === 0) continue;
    items.set(index, text);
    for (const id of named.ids) pillars.add(id);
  }
  return pillars.size >= MIN_PILLARS_NAMED ? items : new Map();
}

function boldItemText(block: MarkdownBlock, next: MarkdownBlock | undefined): string | null {
  if (block.kind !== 'item' || block.depth !== 0 || block.raw.includes('\n') || next?.kind !== 'item' || next.depth === 0) return null;
  const match = BOLD_LINE.exec(block.raw);
  return match === null ? null : plainTextOf(block).replace(/:$/, '');
}

/** `**Pillar 2 – Detection:** The accounts had …`: a paragraph led by a bold label ending in a colon, and its text. */
const LEAD_IN = /^\s*(\*\*|__)([^\n*_]{2,80}?):?\1:?\s+(\S[\s\S]*)$/;
/** A label that numbers a pillar ("Pillar 2 – …", "Trụ cột 3: …"): one such paragraph is enough to be its block. */
const NUMBERED_PILLAR = /^(?:pillar|tru cot)\s*\d\b/;

/**
 * Blocks standing for a pillar's section without a heading, by index: paragraphs led by a bold label naming a pillar
 * (`**Pillar 2 – Detection:** …`), and rows of a table whose first cell names one (`| Detection | … |`), each given
 * as a paragraph of the text after its label. Labels that number a pillar count alone; labels naming an area count
 * when the page has them for at least three pillars (one "**IAM:** use roles" among takeaways is a takeaway).
 */
function pillarLeadIns(blocks: readonly MarkdownBlock[], taxonomy: Taxonomy): Map<number, { label: string; ids: string[]; body: ParagraphBlock }> {
  const found = new Map<number, { label: string; ids: string[]; body: ParagraphBlock; numbered: boolean }>();
  for (const [index, block] of blocks.entries()) {
    let label: string;
    let text: string;
    if (block.kind === 'paragraph' && !block.quoted) {
      const match = LEAD_IN.exec(block.raw);
      if (match === null || !(match[3] ?? '').trim()) continue;
      label = flattenInline(match[2] ?? '');
      text = match[3] ?? '';
    } else if (block.kind === 'row' && !block.header && block.cells.length >= 2) {
      label = flattenInline(block.cells[0] ?? '');
      text = block.cells.slice(1).join(' ');
    } else continue;
    const named = namedPillars(label, taxonomy);
    if (!named.byName || named.ids.length === 0 || label.length > 80) continue;
    found.set(index, { label, ids: named.ids, numbered: NUMBERED_PILLAR.test(foldText(label)), body: { kind: 'paragraph', raw: text.trim(), line: block.line, quoted: false, inItem: false } });
  }
  const pillars = new Set([...found.values()].flatMap((entry) => entry.ids));
  const kept = new Map<number, { label: string; ids: string[]; body: ParagraphBlock }>();
  for (const [index, entry] of found) if (entry.numbered || pillars.size >= MIN_PILLARS_NAMED) kept.set(index, entry);
  return kept;
}

/** Pillars a page must name in its headings to be read as a security page when its name does not say so. */
export const MIN_PILLARS_NAMED = 3;

/**
 * A security page names at least three pillars in its headings, or says "security" or a pillar's name in its own
 * name ("Data Encryption with AWS KMS", "Mã hóa dữ liệu …"); on any other page (a DevOps workshop's "Drift
 * Detection" and "Incident Response", an AI meetup) a heading is a topic, not a pillar.
 */
export function isSecurityPage(sections: readonly PillarSection[], pageNames: readonly string[], taxonomy: Taxonomy): boolean {
  const named = new Set(sections.filter((section) => section.named).flatMap((section) => section.pillarIds));
  if (named.size >= MIN_PILLARS_NAMED) return true;
  if (sections.length === 0) return false;
  return pageNames.some((pageName) => /\bsecurity\b|\bbao mat\b|\ban ninh\b/.test(foldText(pageName)) || namedPillars(pageName, taxonomy).byName);
}

export function findPillarSections(blocks: readonly MarkdownBlock[], taxonomy: Taxonomy): PillarSection[] {
  const sections: PillarSection[] = [];
  const stack: OpenSection[] = [];
  let headingLevel = 0;
  const open = (heading: string, line: number, level: number) => {
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
    const named = namedPillars(heading, taxonomy);
    let section: PillarSection | null = null;
    if (named.ids.length > 0) {
      section = { heading, line, pillarIds: named.ids, named: named.byName, blocks: [] };
      sections.push(section);
    }
    stack.push({ level, section });
  };
  // The page's title (an H1 opening it) names the event, even "Data Encryption with KMS": it starts no pillar's block.
  const title = blocks.find((block) => block.kind === 'heading');
  const pillarItems = pillarListItems(blocks, taxonomy);
  const leadIns = pillarLeadIns(blocks, taxonomy);
  for (const [index, block] of blocks.entries()) {
    const leadIn = leadIns.get(index);
    if (leadIn !== undefined) {
      // Its own block, ending with it: what follows belongs to the section around it.
      sections.push({ heading: leadIn.label, line: block.line, pillarIds: leadIn.ids, named: true, blocks: [leadIn.body] });
      continue;
    }
    if (block.kind === 'heading') {
      headingLevel = block.level;
      open(block === title && block.level === 1 ? '' : plainTextOf(block), block.line, block.level);
      continue;
    }
    const bold = boldHeadingText(block);
    if (bold !== null) {
      // A bold line sits below the heading it follows, and ends at the next bold line or heading.
      open(bold, block.line, headingLevel + 0.5);
      continue;
    }
    // A list item that is only a bold line naming a pillar, its points nested below it (`1. **Trụ cột 1: Quản lý danh
    // tính (IAM)**`), is that pillar's block: its nested items, up to the next item of its own level.
    const boldItem = pillarItems.get(index);
    if (boldItem !== undefined) {
      open(boldItem, block.line, headingLevel + 0.75);
      continue;
    }
    if (block.kind === 'item' && block.depth === 0) while (stack.length > 0 && (stack.at(-1)?.level ?? 0) === headingLevel + 0.75) stack.pop();
    for (let index = stack.length - 1; index >= 0; index--) {
      const section = stack[index]?.section;
      if (section !== null && section !== undefined) {
        section.blocks.push(block);
        break;
      }
    }
  }
  return sections;
}

/**
 * Block-level tokenising of a report body with markdown-it.
 *
 * Only the block structure matters to extraction (headings, list items, paragraphs, table rows), and only a
 * few of those lines are kept, so the inline parser never runs: each kept span is flattened by
 * `flattenInline`. This keeps a 6 KB page at roughly a third of markdown-it's full parse time.
 */
import MarkdownIt, { type MarkdownIt as MarkdownParser, type Token } from 'markdown-it';
import { flattenInline } from './text.js';

export interface HeadingBlock {
  kind: 'heading';
  level: number;
  /** Inline markdown as written. */
  raw: string;
  /** 1-based line in the file. */
  line: number;
  /** `raw` as plain text, set the first time `plainTextOf` reads it. */
  plain?: string | undefined;
}

export interface ItemBlock {
  kind: 'item';
  /** 0 for a top-level bullet, 1 for a bullet nested in it, … */
  depth: number;
  raw: string;
  line: number;
  plain?: string | undefined;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  raw: string;
  line: number;
  /** Inside a blockquote: a caption or a quote, not a point. */
  quoted: boolean;
  /** Inside a list item after its first paragraph. */
  inItem: boolean;
  plain?: string | undefined;
}

export interface RowBlock {
  kind: 'row';
  cells: string[];
  header: boolean;
  line: number;
}

export type MarkdownBlock = HeadingBlock | ItemBlock | ParagraphBlock | RowBlock;

/**
 * A block's text as plain text, flattened once however many extraction steps read it. The text is kept on the
 * block itself: a WeakMap cache of every block cost more than the flattening it saved (its own lookups and the
 * garbage collector's work on it).
 */
export function plainTextOf(block: HeadingBlock | ItemBlock | ParagraphBlock): string {
  return (block.plain ??= flattenInline(block.raw));
}

type TokenNesting = -1 | 0 | 1;

/**
 * markdown-it 15's bundled `Token` constructor sets its fields through a transpiler helper that dominates
 * block parsing (about 55% of it). This instance-local state pushes tokens built with plain assignments and
 * the same prototype, so the token stream is identical (a test compares it with the stock parser's).
 */
function createFastBlockParser(): MarkdownParser {
  const markdown = new MarkdownIt('default', { html: true });
  const BaseState = markdown.block.State;
  const tokenPrototype = (MarkdownIt as unknown as { Token: { prototype: Token } }).Token.prototype;
  if (typeof BaseState !== 'function' || tokenPrototype === undefined) return markdown;

  function createToken(type: string, tag: string, nesting: TokenNesting): Token {
    const token = Object.create(tokenPrototype) as Token;
    token.type = type;
    token.tag = tag;
    token.attrs = null;
    token.map = null;
    token.nesting = nesting;
    token.level = 0;
    token.children = null;
    token.content = '';
    token.markup = '';
    token.info = '';
    token.meta = null;
    token.block = true;
    token.hidden = false;
    return token;
  }

  class PlainTokenBlockState extends BaseState {
    override push(type: string, tag: string, nesting: TokenNesting): Token {
      const token = createToken(type, tag, nesting);
      if (nesting < 0) this.level--;
      token.level = this.level;
      if (nesting > 0) this.level++;
      this.tokens.push(token);
      return token;
    }
  }
  markdown.block.State = PlainTokenBlockState;
  return markdown;
}

const blockParser = createFastBlockParser();
const stockParser = new MarkdownIt('default', { html: true });

/** Block tokens of a markdown text, exactly as markdown-it's block parser produces them. */
export function tokenizeBlocks(markdown: string, options: { stock?: boolean } = {}): Token[] {
  const parser = options.stock === true ? stockParser : blockParser;
  const tokens: Token[] = [];
  parser.block.parse(markdown.includes('\0') ? markdown.replace(/\0/g, '\uFFFD') : markdown, parser, {}, tokens);
  return tokens;
}

/**
 * The body as a flat list of the blocks extraction reads, in document order. Raw HTML blocks, code and
 * fences are left out: they never carry a report's facts, and HTML can hide image alt text.
 * `firstLine` is the file line of the body's first line, so blocks carry file line numbers.
 */
export function readMarkdownBlocks(body: string, firstLine: number): MarkdownBlock[] {
  const tokens = tokenizeBlocks(body);
  const blocks: MarkdownBlock[] = [];
  let listDepth = -1;
  let quoteDepth = 0;
  let itemWaitingForText = false;
  let itemDepth = 0;
  let tableHeader = false;
  let rowCells: string[] | null = null;
  let rowLine = 0;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) continue;
    const line = (token.map?.[0] ?? 0) + firstLine;
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[index + 1];
        blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)) || 1, raw: inline?.content ?? '', line, plain: undefined });
        index += 2;
        itemWaitingForText = false;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open':
        itemWaitingForText = true;
        itemDepth = listDepth;
        break;
      case 'list_item_close':
        itemWaitingForText = false;
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'paragraph_open': {
        const content = tokens[index + 1]?.content ?? '';
        if (itemWaitingForText && quoteDepth === 0) {
          blocks.push({ kind: 'item', depth: itemDepth, raw: content, line, plain: undefined });
        } else {
          blocks.push({ kind: 'paragraph', raw: content, line, quoted: quoteDepth > 0, inItem: listDepth >= 0, plain: undefined });
        }
        itemWaitingForText = false;
        index += 2;
        break;
      }
      case 'thead_open':
        tableHeader = true;
        break;
      case 'tbody_open':
        tableHeader = false;
        break;
      case 'tr_open':
        rowCells = [];
        rowLine = line;
        break;
      case 'th_open':
      case 'td_open':
        rowCells?.push(tokens[index + 1]?.content ?? '');
        break;
      case 'tr_close':
        if (rowCells !== null) blocks.push({ kind: 'row', cells: rowCells, header: tableHeader, line: rowLine });
        rowCells = null;
        break;
      case 'html_block':
        // An HTML table is a table: its rows are read like a markdown table's (other HTML stays out).
        if (quoteDepth === 0 && /<table\b/i.test(token.content)) blocks.push(...htmlTableRows(token.content, line));
        break;
      default:
        break;
    }
  }
  return blocks;
}

const HTML_ROW_OPEN = /<tr\b[^>]*>/i;

/**
 * The rows of an HTML `<table>`: each cell's inner HTML, which `flattenInline` reads like inline markdown (tags
 * dropped, link text kept). A row of `<th>` cells is a header. Split at each opening tag and cut at the next closing
 * one, so a table without closing tags is read in one pass too.
 */
function htmlTableRows(html: string, firstLine: number): RowBlock[] {
  const rows: RowBlock[] = [];
  const pieces = html.split(HTML_ROW_OPEN);
  let line = firstLine + (pieces[0]?.split('\n').length ?? 1) - 1;
  for (const piece of pieces.slice(1)) {
    const rowLine = line;
    line += piece.split('\n').length - 1;
    const end = piece.search(/<\/tr\s*>/i);
    const row = end === -1 ? piece : piece.slice(0, end);
    const parts = row.split(/<(t[dh])\b[^>]*>/i);
    const cells: Array<{ tag: string; html: string }> = [];
    for (let index = 1; index + 1 < parts.length; index += 2) {
      const content = parts[index + 1] ?? '';
      const close = content.search(/<\/t[dh]\s*>/i);
      cells.push({ tag: (parts[index] ?? '').toLowerCase(), html: (close === -1 ? content : content.slice(0, close)).replace(/\s+/g, ' ').trim() });
    }
    if (cells.length > 0) rows.push({ kind: 'row', cells: cells.map((cell) => cell.html), header: cells.every((cell) => cell.tag === 'th'), line: rowLine });
  }
  return rows;
}

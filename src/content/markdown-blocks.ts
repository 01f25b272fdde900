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
      default:
        break;
    }
  }
  return blocks;
}

/**
 * Pages written in HTML inside markdown (`<h3>Detection</h3>`, `<p><strong>Speaker:</strong> …</p>`, `<ul><li>…`,
 * `<details><summary>…`): the markdown parser keeps such blocks as raw HTML, which the reader would not see. Each line
 * that opens or closes a block element is rewritten as the markdown it stands for, in place (a line stays a line, so
 * problems still name the file's lines): headings as `#`, list items as `- `, a summary as a bold line, the text of a
 * paragraph or a block as itself, and a block's tags alone as a blank line between blocks. Tables are left to the
 * table reader, and lines that hold no block tag (markdown with an inline `<br>`) are left as they are.
 */

const BLOCK_TAG = /^\s*<\/?(?:h[1-6]|p|ul|ol|li|div|section|article|header|footer|aside|details|summary|figure|figcaption|blockquote|dl|dt|dd|span|img|hr)\b[^>]*>/i;
const TABLE_TAG = /<\/?(?:table|thead|tbody|tfoot|tr|td|th)\b/i;

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity: string, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Inline tags as markdown: `<strong>` and `<b>` bold, `<em>` and `<i>` italics, a link as a link; others dropped. */
function inlineMarkdown(html: string): string {
  return decodeEntities(
    html
      .replace(/<\/?(?:strong|b)\b[^>]*>/gi, '**')
      .replace(/<\/?(?:em|i)\b[^>]*>/gi, '*')
      .replace(/<a\b[^>]*\bhref\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_match, href: string, text: string) => `[${text}](${href})`)
      .replace(/<br\s*\/?>/gi, '<br>')
      .replace(/<(?!br>)[^>]*>/gi, ''),
  ).replace(/\s+/g, ' ');
}

/** One line holding block tags, as markdown. */
function lineAsMarkdown(line: string): string {
  const heading = /^\s*<h([1-6])\b[^>]*>([\s\S]*?)(?:<\/h\1>\s*)?$/i.exec(line);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${inlineMarkdown(heading[2] ?? '').trim()}`;
  const item = /^\s*(?:<\/?(?:ul|ol)\b[^>]*>\s*)*<li\b[^>]*>([\s\S]*)$/i.exec(line);
  if (item) return `- ${inlineMarkdown(item[1] ?? '').trim()}`;
  const summary = /^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>([\s\S]*?)(?:<\/summary>[\s\S]*)?$/i.exec(line);
  if (summary) {
    const text = inlineMarkdown(summary[1] ?? '').replace(/\*\*/g, '').trim();
    return text === '' ? '' : `**${text}**`;
  }
  const text = inlineMarkdown(line).trim();
  // A name in a card's own element (`<p class="speaker-name">`) is bold, as a reader sees it.
  if (text !== '' && /^\s*<(?:p|div|span|h[1-6])\b[^>]*class\s*=\s*"[^"]*\bname\b/i.test(line) && !text.startsWith('**')) return `**${text}**`;
  return text;
}

/** The body with each line that opens or closes an HTML block element rewritten as markdown (see above). */
export function htmlBlocksAsMarkdown(body: string): string {
  if (!/(?:^|\n)[ \t]*<[a-z]/i.test(body)) return body;
  let inTable = 0;
  return body
    .split('\n')
    .map((line) => {
      if (TABLE_TAG.test(line)) {
        inTable += (line.match(/<table\b/gi)?.length ?? 0) - (line.match(/<\/table>/gi)?.length ?? 0);
        return line;
      }
      if (inTable > 0 || !BLOCK_TAG.test(line)) return line;
      return lineAsMarkdown(line);
    })
    .join('\n');
}

/**
 * Definition lists, which Hugo renders (`Speaker` on one line, `: Ingrid Solberg — Senior SA, AWS` on the next): each
 * definition as the field it is, `Speaker: Ingrid Solberg — Senior SA, AWS`, in place of its line, the term's line left
 * blank. A term is a short line of words; a definition line starts with a colon and a space.
 */
export function definitionListsAsFields(body: string): string {
  if (!/\n:[ \t]/.test(body)) return body;
  const lines = body.split('\n');
  let term: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const definition = /^:[ \t]+(\S.*)$/.exec(line);
    if (definition !== null && term !== null) {
      lines[index] = `${term}: ${definition[1] ?? ''}`;
      continue;
    }
    const previous = lines[index - 1];
    const next = lines[index + 1] ?? '';
    // A term: a short line of words after a blank line (or the start), a definition on the next line.
    if (/^:[ \t]/.test(next) && (previous === undefined || previous.trim() === '') && /^[\p{L}\p{N}][\p{L}\p{N} ()&/.'’-]{0,40}$/u.test(line.trim())) {
      term = line.trim();
      lines[index] = '';
      continue;
    }
    if (definition === null) term = null;
  }
  return lines.join('\n');
}

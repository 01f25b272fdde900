/**
 * Plain-text helpers shared by extraction and by the core's fuzzy matching.
 * Reports mix English and Vietnamese, bold markers and stray HTML; the content model promises plain text.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^ -~\t\n\r]/;

/**
 * Lowercases and strips Vietnamese (and other Latin) diacritics, `đ` included, so that
 * "Danh Sách Diễn Giả" and "danh sach dien gia" compare equal. Used for heading matching here
 * and for fuzzy command matching in the core.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  // Normalising is the costly part, and the same heading or bullet is folded by several readers of a page:
  // the last few thousand results are kept (emptied when full, so memory stays flat).
  let folded = foldedCache.get(lower);
  if (folded === undefined) {
    if (foldedCache.size >= FOLDED_CACHE_SIZE) foldedCache.clear();
    folded = lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').normalize('NFC');
    foldedCache.set(lower, folded);
  }
  return folded;
}

const FOLDED_CACHE_SIZE = 4096;
const foldedCache = new Map<string, string>();

/** A text's words, folded and joined by single spaces: "Enable GuardDuty!" and "enable guardduty" give one key. */
export function wordKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  emsp: ' ',
  ensp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  rarr: '→',
  larr: '←',
  hellip: '…',
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const code = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  if (body.startsWith('#')) {
    const code = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body] ?? entity;
}

/**
 * Link or image destination: balanced parentheses one level deep, as in `29.11(1).jpg`. Brackets end it, and the
 * text of a link cannot hold `[`: each scan then stops where the next link could start, so a line of a thousand
 * `[` or `](` is read in one pass instead of one pass per bracket.
 */
const DESTINATION = String.raw`\((?:[^()[\]\n]|\([^()[\]\n]*\))*\)`;
const IMAGE = new RegExp(String.raw`!\[[^[\]\n]*\](?:${DESTINATION}|\[[^[\]\n]*\])?`, 'g');
const LINK = new RegExp(String.raw`\[([^[\]\n]*)\](?:${DESTINATION}|\[[^[\]\n]*\])`, 'g');
const HTML_TAG = /<\/?[A-Za-z][^<>]*>/g;
const ENTITY = /&(#?[A-Za-z0-9]{1,10});/g;
const CODE_SPAN = /(`{1,16})([^`]*?)\1/g;
const EMPHASIS_STAR = /(^|[^\p{L}\p{N}*\\])\*(?=\S)([^*\n]*?[^\s\\])\*(?![\p{L}\p{N}*])/gu;
const EMPHASIS_UNDERSCORE = /(^|[^\p{L}\p{N}_\\])_(?=\S)([^_\n]*?[^\s\\])_(?![\p{L}\p{N}_])/gu;
const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const WHITESPACE_RUN = /\s+/g;
const MULTIPLE_SPACES = /\s\s|[\t\n\r\f\v\u00a0\u2000-\u200a\u2028\u2029\u3000]/;
const NEEDS_INLINE_WORK = /[*_[\]!<&`~\\]/;

const SPACE = /\s/;

/**
 * Drops `marker` pairs around text (`**bold**` → `bold`): an opener followed by a non-space, the nearest closer on
 * the same line after a non-space. What `/(\*\*)(?=\S)([^\n]*?\S)\1/g` replaces, in one pass: a regex retries
 * every later opener when a line has no closer (quadratic: 120 KB of `**a ` took 30 s); here an opener without a
 * closer means no later opener on that line has one either, so the scan moves to the next line.
 */
export function unwrapDelimited(text: string, marker: string): string {
  const width = marker.length;
  let result = '';
  let copiedUpTo = 0;
  let open = text.indexOf(marker);
  let lineEnd = -1;
  while (open !== -1) {
    const first = open + width;
    if (lineEnd < first) {
      lineEnd = text.indexOf('\n', first);
      if (lineEnd === -1) lineEnd = text.length;
    }
    if (first >= lineEnd || SPACE.test(text.charAt(first))) {
      open = text.indexOf(marker, open + 1);
      continue;
    }
    let close = text.indexOf(marker, first + 1);
    while (close !== -1 && close < lineEnd && SPACE.test(text.charAt(close - 1))) close = text.indexOf(marker, close + 1);
    if (close === -1 || close >= lineEnd) {
      open = lineEnd >= text.length ? -1 : text.indexOf(marker, lineEnd);
      continue;
    }
    result += text.slice(copiedUpTo, open) + text.slice(first, close);
    copiedUpTo = close + width;
    open = text.indexOf(marker, copiedUpTo);
  }
  return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

/**
 * Turns one inline markdown span (a heading, a bullet, a table cell) into plain text:
 * emphasis and code markers, links (text kept), raw HTML tags and entities resolved, images dropped.
 * Images are dropped with their alt text on purpose: alt text can hold personal data (a student ID).
 * Whitespace is collapsed, so hard-break spaces and line breaks inside a span disappear.
 */
export function flattenInline(markdown: string): string {
  let text = markdown;
  if (NEEDS_INLINE_WORK.test(text)) {
    // Each pass runs only when its marker is present: most spans need two or three of them, not eleven.
    if (text.includes('![')) text = text.replace(IMAGE, '');
    if (text.includes('`')) text = text.replace(CODE_SPAN, (_match, _ticks: string, code: string) => code.trim());
    if (text.includes('[')) text = text.replace(LINK, '$1');
    if (text.includes('<')) text = text.replace(HTML_TAG, ' ');
    if (text.includes('**')) text = unwrapDelimited(unwrapDelimited(text, '**'), '**');
    if (text.includes('__')) text = unwrapDelimited(unwrapDelimited(text, '__'), '__');
    if (text.includes('~~')) text = unwrapDelimited(text, '~~');
    if (text.includes('*')) text = text.replace(EMPHASIS_STAR, '$1$2');
    if (text.includes('_')) text = text.replace(EMPHASIS_UNDERSCORE, '$1$2');
    if (text.includes('\\')) text = text.replace(BACKSLASH_ESCAPE, '$1');
    if (text.includes('&')) text = text.replace(ENTITY, decodeEntity);
  }
  if (HAS_CONTROL_CHARACTER.test(text)) text = stripControlCharacters(text);
  return MULTIPLE_SPACES.test(text) ? text.replace(WHITESPACE_RUN, ' ').trim() : text.trim();
}

// C0/C1 control characters (except tab and newline) and bidi overrides: they can drive a terminal
// (escape sequences, hyperlinks) or hide and reorder text, and have no place in a report's words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this expression
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, without the global flag, for a cheap test first
const HAS_CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Removes control characters and bidi overrides, from report text and from user input alike. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** True when the span is nothing but emphasis (`*Talk title*`): a talk or a caption, never a name or a role. */
export function isWhollyEmphasised(markdown: string): boolean {
  const trimmed = markdown.trim();
  return /^(\*{1,3}|_{1,3})[^*_]+?\1$/.test(trimmed) || /^\*\([^)]*\)\*$/.test(trimmed);
}

const TRAILING_PARENTHETICAL = /\s*\([^()]*\)\s*$/;

/**
 * `text` without a last "(…)" ("Thinh Nguyen (DevSecOps Engineer)" → "Thinh Nguyen"). Tested for a closing
 * parenthesis first: the pattern alone is tried at every position of every name and role.
 */
export function withoutTrailingParenthetical(text: string): string {
  return text.trimEnd().endsWith(')') ? text.replace(TRAILING_PARENTHETICAL, '') : text;
}

/** `text` without the characters of `set` at either end (a trim for dashes and colons as well as spaces). */
export function trimCharacters(text: string, set: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (set.includes(text.charAt(start)) || /\s/.test(text.charAt(start)))) start++;
  while (end > start && (set.includes(text.charAt(end - 1)) || /\s/.test(text.charAt(end - 1)))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Letters only Vietnamese writes (a tone or vowel mark on a vowel, đ), which English text does not hold. */
const VIETNAMESE_LETTER = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

/**
 * Whether a text is written in Vietnamese: at least one character in sixty is a letter only Vietnamese writes (about
 * one letter in forty, spaces and marks counted in). One pass that stops as soon as it knows.
 */
export function isVietnameseText(text: string): boolean {
  const needed = Math.ceil(text.length / 60);
  if (needed === 0) return false;
  VIETNAMESE_LETTER.lastIndex = 0;
  let found = 0;
  while (VIETNAMESE_LETTER.exec(text) !== null) if (++found >= needed) return true;
  return false;
}

/**
 * Speakers as written in the corpus: `**Name** - Role (Org)`, `Name – Role, Org`, `— Role @ Org`, tables,
 * numbered lists, names only, and grouped lines such as `**Role group:** A, B, C`.
 * A role may itself contain " - " ("ex Head of Security & DevOps - Cloud Security Solution Architect"), so
 * only the first separator after the name splits; the role is kept exactly as written.
 */
import type { Speaker } from './model.js';
import { flattenInline, foldText, isWhollyEmphasised } from './text.js';

const BOLD_LEAD = /^\s*(\*\*|__)(.+?)\1(.*)$/s;
const LEADING_SEPARATOR = /^\s*(?:[-–—:|]+|\s)\s*/;
const TRAILING_TALK = /\s*[-–—]\s*(?:\*[^*]+\*|_[^_]+_)\s*$/;
const TOPIC_LABEL = /\s*(?:[-–—]\s*)?(?:đề tài|de tai|chủ đề|chu de|topic|talk|session)\s*:.*$/iu;
const SPACED_DASH = /\s+[-–—]\s+/;
const NOTE_IN_PARENS = /^(?:host|co-?host|keynote|moderator|mc|panelist|speaker|guest|guest speaker|presenter|online|remote)$/i;
const HONORIFIC = /^(?:anh|chị|chi|em|cô|thầy|mr\.?|ms\.?|mrs\.?|dr\.?)\s+/iu;
const JOB_TITLE = /\b(?:architect|engineer|builder|captain|manager|lead|leader|head|director|specialist|developer|consultant|founder|ceo|cto|officer|trainee|student|member|intern|scientist|analyst|alumni|chuyên gia|kỹ sư|trưởng)\b/iu;
const PERSON_WORD = /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}.'’&-]*$/u;

/** `org` is the part in parentheses, after " @ " / " at " / " tại ", or after the last comma; else null. */
export function deriveOrg(role: string): string | null {
  let text = role.trim();
  const parenthesised = /\(([^()]+)\)\s*\.?$/.exec(text);
  if (parenthesised?.[1] !== undefined) {
    const inner = parenthesised[1].trim();
    if (!NOTE_IN_PARENS.test(inner)) return inner;
    text = text.slice(0, parenthesised.index).trim();
  }
  const at = /\s(?:@|at|tại)\s+(?!.*\s(?:@|at|tại)\s)(.+)$/iu.exec(text);
  if (at?.[1] !== undefined) return cleanOrg(at[1]);
  const firstClause = text.split(';')[0] ?? text;
  const segments = firstClause.split(',');
  // "Platform Engineer, TymeX, AWS Community Builder": the organisation is the last segment that is not a title.
  for (let index = segments.length - 1; index >= 1; index--) {
    const segment = segments[index] ?? '';
    if (!JOB_TITLE.test(segment)) return cleanOrg(segment);
  }
  return null;
}

function cleanOrg(text: string): string | null {
  const org = text.replace(/\s*\([^()]*\)\s*$/, '').replace(/[.;,\s]+$/, '').trim();
  return org === '' ? null : org;
}

/** A person's (or team's) name: one to seven words, each starting with a capital or a digit. */
export function looksLikeName(text: string): boolean {
  const words = text.replace(/\s*\([^()]*\)\s*$/, '').split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words.length > 7) return false;
  if (/[:;!?]/.test(text) || text.length > 80) return false;
  return words.every((word) => PERSON_WORD.test(word) || /^(?:&|và|and|of|de|van|von)$/i.test(word));
}

function stripHonorific(name: string): string {
  const match = HONORIFIC.exec(name);
  if (match === null) return name;
  const rest = name.slice(match[0].length);
  // "Anh Pham" is a name; "Anh Trần Đức Anh" is the honorific "Anh" before a name.
  return rest.split(/\s+/).length >= 2 ? rest : name;
}

function roleFrom(rawRest: string): string | null {
  let rest = rawRest.replace(LEADING_SEPARATOR, '');
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(TRAILING_TALK, '').replace(TOPIC_LABEL, '');
  }
  if (rest.trim() === '' || isWhollyEmphasised(rest)) return null;
  const role = flattenInline(rest).replace(/^[-–—:|\s]+|[-–—:|\s]+$/g, '');
  return role === '' ? null : role;
}

function speakerOf(name: string, role: string | null): Speaker {
  return { name, role, org: role === null ? null : deriveOrg(role) };
}

/** Splits "A, B và C" / "A, B and C" into names, dropping honorifics, keeping only what looks like a name. */
function splitNameList(text: string): string[] {
  return text
    .split(/\s*,\s*|\s+(?:và|and|&)\s+/iu)
    .map((part) => stripHonorific(part.replace(/^[\s.]+|[\s.]+$/g, '')))
    .filter((part) => part !== '' && looksLikeName(part));
}

/** `**Chuyên gia Detection & Monitoring:** Anh Trần Đức Anh, Nguyễn Tuấn Thịnh - topic`: the label is everyone's role. */
function parseGroupedLine(label: string, restMarkdown: string): Speaker[] {
  const rest = flattenInline(restMarkdown);
  const role = label.replace(/:\s*$/, '').trim() || null;
  const groups = [...rest.matchAll(/\(([^()]*,[^()]*)\)/g)];
  const lastGroup = groups.at(-1)?.[1];
  if (lastGroup !== undefined && splitNameList(lastGroup).length >= 2) {
    return splitNameList(lastGroup).map((name) => speakerOf(name, role));
  }
  // "Anh A (note) - role, và anh B - role - topic": one chunk per person group, names before the first dash.
  const names = rest
    .split(/\s*,?\s+(?:và|and)\s+/iu)
    .flatMap((chunk) => splitNameList((chunk.split(SPACED_DASH)[0] ?? chunk).replace(/\s*\([^()]*\)/g, '')));
  return names.map((name) => ({ name, role, org: null }));
}

/** Several people in one bold span: `**Nghia Danh - Trung Vu - Kiet Tran**`. */
function splitBoldNames(name: string): string[] {
  const parts = name.split(SPACED_DASH);
  if (parts.length > 1 && parts.every((part) => looksLikeName(part) && part.split(/\s+/).length <= 4)) return parts;
  return [name];
}

/**
 * The speakers one line names (usually one). Bullets with no name (`- *A talk title*`) give none.
 * `raw` is the line's inline markdown, as tokenised.
 */
export function parseSpeakerLine(raw: string): Speaker[] {
  const line = raw.trim();
  if (line === '') return [];
  const bold = BOLD_LEAD.exec(line);
  if (bold?.[2] !== undefined) {
    const label = flattenInline(bold[2]);
    const rest = bold[3] ?? '';
    if (label.endsWith(':')) return parseGroupedLine(label, rest);
    const afterName = rest.trim();
    // A team written `**Team Khương** *(A, B, C)*`: the members belong to the name.
    const members = /^[*_]*\(([^()]+)\)[*_]*$/.exec(afterName);
    if (members?.[1] !== undefined && afterName !== '') return [{ name: `${label} (${members[1].trim()})`, role: null, org: null }];
    const role = roleFrom(rest);
    return splitBoldNames(label).map((name) => speakerOf(name, role));
  }
  if (/^[*_]/.test(line)) return [];
  const plain = flattenInline(line);
  const separator = SPACED_DASH.exec(plain) ?? /\s*:\s+/.exec(plain);
  const name = separator === null ? plain : plain.slice(0, separator.index);
  const cleanName = stripHonorific(name.trim());
  if (!looksLikeName(cleanName)) return [];
  if (separator === null) return [{ name: cleanName, role: null, org: null }];
  const role = roleFrom(plain.slice(separator.index + separator[0].length));
  return [speakerOf(cleanName, role)];
}

/**
 * `**Speakers:** A, B` lines under session headings, when a report has no speaker section.
 * Returns null when the text is not such a line.
 */
export function parseSpeakerField(plain: string): Speaker[] | null {
  const match = /^(?:speakers?|presenters?|diễn giả|dien gia)\s*:\s*(.+)$/iu.exec(plain.trim());
  if (match?.[1] === undefined) return null;
  const value = (match[1].split(/\s+·\s+/)[0] ?? match[1]).trim();
  if (SPACED_DASH.test(value) && !value.includes(',')) return parseSpeakerLine(value);
  return splitNameList(value.replace(/^["“][^"”]*["”]\s*[-–—]\s*/, '')).map((name) => ({ name, role: null, org: null }));
}

function findColumn(headers: readonly string[], pattern: RegExp): number {
  return headers.findIndex((header) => pattern.test(header));
}

/** A speaker table: the column named Speaker/Name/Diễn giả holds the name; Role/Title and Organization are used when present. */
export function parseSpeakerTable(rows: ReadonlyArray<{ cells: readonly string[]; header: boolean }>): Speaker[] {
  const headerRow = rows.find((row) => row.header);
  const headers = (headerRow?.cells ?? []).map((cell) => foldText(flattenInline(cell)));
  let nameColumn = findColumn(headers, /speaker|name|dien gia|ho ten|\bten\b|presenter|nguoi trinh bay/);
  if (nameColumn === -1) nameColumn = /^(#|no\.?|stt|)$/.test(headers[0] ?? 'x') ? 1 : 0;
  const roleColumn = findColumn(headers, /role|title|position|chuc danh|chuc vu|vai tro/);
  const orgColumn = findColumn(headers, /organi[sz]ation|company|\borg\b|cong ty|to chuc|don vi/);
  const speakers: Speaker[] = [];
  for (const row of rows) {
    if (row.header) continue;
    const cell = row.cells[nameColumn];
    if (cell === undefined) continue;
    const parsed = parseSpeakerLine(cell);
    const roleCell = roleColumn === -1 ? undefined : row.cells[roleColumn];
    const orgCell = orgColumn === -1 ? undefined : row.cells[orgColumn];
    for (const speaker of parsed) {
      const role = roleCell === undefined ? speaker.role : flattenInline(roleCell) || null;
      const org = orgCell === undefined ? (role === null ? null : deriveOrg(role)) : flattenInline(orgCell) || null;
      speakers.push({ name: speaker.name, role, org });
    }
  }
  return speakers;
}

/** Keeps the first mention of each person (names compared without case or diacritics). */
export function dedupeSpeakers(speakers: readonly Speaker[]): Speaker[] {
  const seen = new Set<string>();
  const result: Speaker[] = [];
  for (const speaker of speakers) {
    const key = foldText(speaker.name);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(speaker);
  }
  return result;
}

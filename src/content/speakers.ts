/**
 * Speakers as written in the corpus: `**Name** - Role (Org)`, `Name – Role, Org`, `— Role @ Org`, tables,
 * numbered lists, names only, and grouped lines such as `**Role group:** A, B, C`.
 * A role may itself contain " - " ("ex Head of Security & DevOps - Cloud Security Solution Architect"), so
 * only the first separator after the name splits; the role is kept exactly as written.
 */
import { plainTextOf, type MarkdownBlock } from './markdown-blocks.js';
import type { Speaker } from './model.js';
import { flattenInline, foldText, isWhollyEmphasised, trimCharacters, withoutTrailingParenthetical } from './text.js';

const BOLD_LEAD = /^\s*(\*\*|__)(.+?)\1(.*)$/s;
const LEADING_SEPARATOR = /^\s*(?:[-–—:|]+|\s)\s*/;
const TRAILING_TALK = /\s*[-–—]\s*(?:\*[^*]+\*|_[^_]+_)\s*$/;
const TOPIC_LABEL = /\s*(?:[-–—]\s*)?(?:đề tài|de tai|chủ đề|chu de|topic|talk|session)\s*:.*$/iu;
const SPACED_DASH = /\s+[-–—]\s+/;
const NOTE_IN_PARENS = /^(?:host|co-?host|keynote|moderator|mc|panelist|speaker|guest|guest speaker|presenter|online|remote)$/i;
const HONORIFIC = /^(?:anh|chị|chi|em|cô|thầy|bà|ông|mr\.?|ms\.?|mrs\.?|dr\.?|prof\.?|msc\.?|m\.sc\.?|phd\.?|tiến sĩ|ts\.|thạc sĩ|ths\.|giáo sư|phó giáo sư|gs\.|pgs\.(?:\s*ts\.)?)\s+/iu;
// Without the `u` flag: `\b` only knows ASCII letters either way (so it cannot end "kỹ sư"), and the unicode
// case-insensitive form is several times slower on every bullet of every page.
const JOB_TITLE = /\b(?:architect|engineer|builder|captain|manager|lead|leader|head|director|specialist|developer|consultant|founder|co-founder|ceo|cto|cio|coo|vp|president|officer|trainee|student|member|intern|scientist|analyst|alumni|sa|gm|md|chair|chairman|chairwoman|chairperson|principal|evangelist|advocate|researcher|lecturer|professor)\b|chuyên gia|kỹ sư|trưởng|giám đốc|giảng viên|chuyên viên|sáng lập|chủ tịch/i;
const PERSON_WORD = /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}.'’&-]*$/u;

const ORG_MARKER = /\s(?:@|at|from|tại)\s+/giu;

/** `org` is the part in parentheses, after " @ " / " at " / " from " / " tại ", or after the last comma; else null. */
export function deriveOrg(role: string): string | null {
  let text = role.trim();
  const parenthesised = /\(([^()]+)\)\s*\.?$/.exec(text);
  if (parenthesised?.[1] !== undefined) {
    const inner = parenthesised[1].trim();
    if (!NOTE_IN_PARENS.test(inner)) return inner;
    text = text.slice(0, parenthesised.index).trim();
  }
  // The last " @ " / " at " / " from " / " tại ": "Engineer at X from Y" is from Y.
  let afterLast = -1;
  ORG_MARKER.lastIndex = 0;
  for (let match = ORG_MARKER.exec(text); match !== null; match = ORG_MARKER.exec(text)) afterLast = match.index + match[0].length;
  if (afterLast !== -1 && afterLast < text.length) return cleanOrg(text.slice(afterLast));
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
  const org = trimCharacters(withoutTrailingParenthetical(text), '.;,');
  return org === '' ? null : org;
}

/** A person's (or team's) name: one to seven words, each starting with a capital or a digit. */
export function looksLikeName(text: string): boolean {
  const words = withoutTrailingParenthetical(text).split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words.length > 7) return false;
  if (/[:;!?]/.test(text) || text.length > 80) return false;
  return words.every((word) => PERSON_WORD.test(word) || /^(?:&|và|and|of|de|van|von)$/i.test(word));
}

/**
 * A group, not a person: "AWS Solutions Architects", "Các chuyên gia AI/ML", "AWS Security Specialists". A plural
 * job word or a Vietnamese collective ("các", "đội ngũ", "chuyên gia") marks it.
 */
const GENERIC_GROUP = /\b(?:architects|engineers|specialists|experts|speakers|presenters|leaders|managers|builders|developers|mentors|members|partners|representatives|professionals|practitioners|organizers|organisers|hosts)\b|^(?:cac|nhung|doi ngu|ban to chuc)\b|\bchuyen gia\b|\bkien truc su\b/;

/** Last words that make a capitalised phrase a company or a school, not a person ("Orbis Bank", "Nimbus Pay"). */
const ORGANISATION_WORDS = new Set(
  'bank labs lab corp corporation inc ltd llc jsc group systems technologies technology tech solutions software pay payments retail logistics ventures capital university college academy institute studio studios partners consulting digital networks fintech holdings company co vietnam asia global cloud ai'.split(' '),
);

/** "Orbis Bank", "Kairo Systems": a name whose last word names a kind of organisation. */
export function looksLikeOrganisation(name: string): boolean {
  const words = foldText(name).split(/\s+/);
  return words.length >= 2 && ORGANISATION_WORDS.has(words.at(-1) ?? '');
}

export function isGenericGroup(name: string): boolean {
  return GENERIC_GROUP.test(foldText(name));
}

/** Words that make a capitalised phrase a title rather than a person's name. */
const TITLE_WORDS = new Set(
  [
    'aws amazon cloud security data ai ml genai devops team the of and for with on in to a an key session workshop day event',
    'lab demo building introduction overview keynote panel talk track part pillar q&a qa networking break lunch opening closing',
    'check-in welcome summary agenda featured speakers operations automation management systems engineering development',
    'architecture modernization migration strategy innovation roadmap learning practices services platform network identity',
    'access protection detection response incident monitoring governance compliance analytics agents agentic foundation models',
    'serverless containers kubernetes database databases storage edge hackathon career careers community meetup live stage',
    // Places: a title's parentheses often say where ("Bitexco Financial Tower", "Ho Chi Minh City").
    'tower city hall campus university office center centre floor level street district province room auditorium hotel online virtual',
  ]
    .join(' ')
    .split(' '),
);
const CAPITALISED_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u;

/** Two to five capitalised words, none of them a title word: "Huynh Thai Linh", "Nguyễn Gia Hưng". */
export function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((word) => CAPITALISED_WORD.test(word) && !TITLE_WORDS.has(foldText(word)));
}

/**
 * `Son (Nguyen Huynh Son)` is Nguyen Huynh Son; `Thinh Nguyen (DevSecOps Engineer)` is Thinh Nguyen; a nickname,
 * one capitalised word (`Mendel Grabski (Long)`), is part of how the person is known and stays as written.
 */
function withoutParenthetical(name: string): string {
  const open = name.lastIndexOf('(');
  if (open <= 0 || !name.trimEnd().endsWith(')')) return name;
  const outer = name.slice(0, open).trim();
  const inner = name.slice(open + 1, name.trimEnd().length - 1).trim();
  if (outer === '' || inner.includes('(')) return name;
  // `Anh Thịnh (Thinh Nguyen - DevSecOps/Cloud Engineer)`: the full name, then the role.
  const innerName = inner.split(/\s+[-–—]\s+|\s*,\s*/)[0]?.trim() ?? '';
  if (looksLikePersonName(innerName) && innerName.split(/\s+/).length > outer.split(/\s+/).length) return innerName;
  if (/^\p{Lu}[\p{Ll}\p{M}]+$/u.test(inner) && !TITLE_WORDS.has(foldText(inner))) return name;
  return outer;
}

/** The first match of `pattern` (global) that is not inside parentheses: `A (B - role) - topic` splits at the second dash. */
function firstOutsideParentheses(text: string, pattern: RegExp): RegExpExecArray | null {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const before = text.slice(0, match.index);
    if (before.split('(').length === before.split(')').length) return match;
  }
  return null;
}

/** Splits on commas outside parentheses ("A (x, y), B" is two parts), in one pass. */
function splitOutsideParentheses(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.flatMap((part) => part.split(separator)).map((part) => part.trim());
}

function stripHonorific(name: string): string {
  const match = HONORIFIC.exec(name);
  if (match === null) return name;
  const rest = name.slice(match[0].length);
  // "Mr. Kiet" is Kiet; but "Anh Pham" is a name, and "Anh Trần Đức Anh" the honorific "Anh" before a name.
  if (/^(?:mr|ms|mrs|dr|prof|msc|m\.sc|phd|tiến sĩ|ts|thạc sĩ|ths|giáo sư|phó giáo sư|gs|pgs)\b/iu.test(match[0])) return rest;
  return rest.split(/\s+/).length >= 2 ? rest : name;
}

function roleFrom(rawRest: string): string | null {
  let rest = rawRest.replace(LEADING_SEPARATOR, '');
  // A talk in emphasis needs `*` or `_`, a topic label a colon: most roles have neither, and skip both patterns.
  for (let previous = ''; previous !== rest && /[*_:]/.test(rest); ) {
    previous = rest;
    rest = rest.replace(TRAILING_TALK, '').replace(TOPIC_LABEL, '');
  }
  if (rest.trim() === '' || isWhollyEmphasised(rest)) return null;
  const role = trimCharacters(flattenInline(rest), '-–—:|');
  return role === '' ? null : role;
}

function speakerOf(name: string, role: string | null): Speaker {
  return { name, role, org: role === null ? null : deriveOrg(role) };
}

/** Splits "A, B và C" / "A, B and C" into names, dropping honorifics, keeping only what looks like a name. */
function splitNameList(text: string): string[] {
  return splitOutsideParentheses(text, /\s+(?:và|and|&)\s+/iu)
    .map((part) => withoutParenthetical(stripHonorific(part.replace(/^[\s.]+|[\s.]+$/g, ''))))
    .filter((part) => part !== '' && looksLikeName(part) && !isGenericGroup(part));
}

/** `**Chuyên gia Detection & Monitoring:** Anh Trần Đức Anh, Nguyễn Tuấn Thịnh - topic`: the label is everyone's role. */
/** What a role's closing parentheses say when the person ran the stage: "(panel moderator)", "(MC)". */
const STAGE_ASIDE = /^(?:panel\s+)?moderator$|^mc$|^emcee$|dẫn chương trình|điều phối/iu;

/** A role that starts by saying the person ran the stage rather than spoke ("MC & panel moderator", "Host"). */
const NOT_SPEAKING_ROLE_FIRST = /^(?:mc|emcee|host|moderator|panel moderator|người dẫn chương trình|dẫn chương trình|ban tổ chức|judge|giám khảo)(?![\p{L}\p{N}])/iu;

/** A table row whose other cells say its person runs the stage (`| – | Đỗ Ngọc Hân | FCJ | Dẫn chương trình |`). */
function isStageRow(cells: readonly string[], nameColumn: number): boolean {
  return cells.some((cell, at) => at !== nameColumn && NOT_SPEAKING_ROLE_FIRST.test(flattenInline(cell).trim()));
}

/** People on stage who did not give a talk: the MC, the hosts, the judges, the organisers. */
const NOT_SPEAKING_ROLE = /^(?:mc|emcee|hosts?|hosted by|judges?|jury|ban giám khảo|ban giam khao|giám khảo|giam khao|ban tổ chức|ban to chuc|organi[sz]ers?|người dẫn chương trình|nguoi dan chuong trinh|dẫn chương trình|dan chuong trinh)$/iu;

function parseGroupedLine(label: string, restMarkdown: string): Speaker[] {
  if (NOT_SPEAKING_ROLE.test(label.replace(/:\s*$/, '').trim())) return [];
  const rest = flattenInline(restMarkdown);
  const role = label.replace(/:\s*$/, '').trim() || null;
  const groups = [...rest.matchAll(/\(([^()]*,[^()]*)\)/g)];
  const lastGroup = groups.at(-1)?.[1];
  // "(A, B)" after a team is its members; "(Senior Solutions Architect, AWS)" after a person is a role.
  const members = lastGroup === undefined ? [] : splitNameList(lastGroup);
  if (lastGroup !== undefined && members.length >= 2 && members.every((name) => !JOB_TITLE.test(name)) && members.some(looksLikePersonName)) {
    return splitNameList(lastGroup).map((name) => speakerOf(name, role));
  }
  // "A (Long) - role, B - role": every comma-separated chunk is a person with a role.
  const chunks = splitOutsideParentheses(rest, /$^/);
  if (chunks.length > 1 && chunks.every((chunk) => SPACED_DASH.test(chunk))) {
    const people = chunks.map((chunk) => splitNameList(chunk.split(SPACED_DASH)[0] ?? chunk)[0]).filter((name) => name !== undefined);
    if (people.length === chunks.length) return people.map((name) => ({ name, role, org: null }));
  }
  // "Anh A (note) - role, và anh B - role - topic": one chunk per person group, names before the first dash.
  const names = rest
    .split(/\s*,?\s+(?:và|and)\s+/iu)
    .flatMap((chunk) => splitNameList((chunk.split(SPACED_DASH)[0] ?? chunk).replace(/\s*\([^()]*\)/g, '')));
  return names.map((name) => ({ name, role, org: null }));
}

const MAY_LIST_NAMES = /[-–—,&]|\s(?:and|và)\s/iu;

/** Several people in one bold span: `**Nghia Danh - Trung Vu - Kiet Tran**`. */
function splitBoldNames(name: string): string[] {
  if (!MAY_LIST_NAMES.test(name)) return [stripHonorific(name)];
  // Commas and "and" together: "Hiếu Nghị, Anh Kiệt và Anh Trung" is three people.
  for (const separator of [SPACED_DASH, /\s*,\s*|\s+(?:and|và|&)\s+/iu]) {
    const parts = name.split(separator).map((part) => part.trim());
    // "A, Mr. B, and Mr. C": the last part's "and" joins the list, it is not part of the name.
    const names = parts.map((part) => stripHonorific(part.replace(/^(?:and|và|&)\s+/iu, '')));
    if (names.length > 1 && names.every((part) => looksLikeName(part) && part.split(/\s+/).length <= 5)) return names;
  }
  return [stripHonorific(name)];
}

/**
 * The speakers one line names (usually one). Bullets with no name (`- *A talk title*`) give none.
 * `raw` is the line's inline markdown, as tokenised.
 */
export function parseSpeakerLine(raw: string): Speaker[] {
  return parsePeopleLine(raw).filter((speaker) => !isGenericGroup(withoutTrailingParenthetical(speaker.name)));
}

function parsePeopleLine(raw: string): Speaker[] {
  // A bold opened and never closed on its line (`**Chị Bùi Khánh Linh – Solutions Architect`) is a slip: read it plain.
  const line = raw.trim().replace(/^(\*\*|__)(?!.*\1)/, '');
  if (line === '') return [];
  const bold = BOLD_LEAD.exec(line);
  if (bold?.[2] !== undefined) {
    const label = flattenInline(bold[2]);
    let rest = bold[3] ?? '';
    if (NOT_SPEAKING_ROLE.test(label.replace(/:\s*$/, '').trim())) return [];
    if (label.endsWith(':')) return parseGroupedLine(label, rest);
    const afterName = rest.trim();
    // A team written `**Team Khương** *(A, B, C)*`, maybe with its part after (`… - Sharing Hackathon experiences`):
    // the members belong to the name.
    const members = /^[*_]*\(([^()]+)\)[*_]*(?=\s*$|\s*[-–—:|])(.*)$/s.exec(afterName);
    const memberNames = members?.[1] === undefined || label.includes(',') ? [] : splitNameList(members[1]);
    if (memberNames.length >= 2) {
      const teamRole = roleFrom(members?.[2] ?? '');
      return [{ name: label, role: teamRole, org: null }, ...memberNames.map((name) => ({ name, role: label, org: null }))];
    }
    // `**1. Pipelines that people trust** — *Trinh Quoc Bao, DevOps Engineer*`: the bold lead is the talk.
    const titled = /^\s*(?:\d+[.)]|["“])/.test(label) ? speakerAfterTitle(line, flattenInline(line)) : [];
    if (titled.length > 0) return titled;
    // `**Kim Soo-jin** and **Dang Hoang Nam** – panelists (…)`: more bold names joined to the first.
    const joined: string[] = [];
    for (let more = /^\s*(?:,|and|và|&)\s*(\*\*|__)([^*_]+)\1/u.exec(rest); more !== null; more = /^\s*(?:,|and|và|&)\s*(\*\*|__)([^*_]+)\1/u.exec(rest)) {
      joined.push(flattenInline(more[2] ?? '').trim());
      rest = rest.slice(more[0].length);
    }
    const role = roleFrom(rest);
    if (joined.length > 0 && joined.every((name) => looksLikePersonName(name))) return [label, ...joined].map((name) => speakerOf(stripHonorific(name), role));
    // `**Đỗ Ngọc Hân** – Người dẫn chương trình`, `**Ly Thu Trang** – Leader, AWS UG (panel moderator)`: on the list, not speaking.
    if (role !== null && (NOT_SPEAKING_ROLE_FIRST.test(role) || STAGE_ASIDE.test(/\(([^()]*)\)\s*$/.exec(role)?.[1]?.trim() ?? ''))) return [];
    return splitBoldNames(label).map((name) => speakerOf(name, role));
  }
  if (/^[*_]/.test(line)) return [];
  let plain = flattenInline(line);
  // A label before the person (`Track A: Name — Role`, a definition list's term): its talk, not part of the name.
  const labelled = /^([\p{L}\p{N}][\p{L}\p{N} .&/-]{0,24}):\s+(\S.*[-–—|].*)$/u.exec(plain);
  if (labelled !== null && !looksLikePersonName(labelled[1] ?? '')) {
    if (NOT_SPEAKING_ROLE.test((labelled[1] ?? '').trim())) return [];
    plain = labelled[2] ?? '';
  }
  // `Name – Role`, `Name | Role` (a table's row written without the table), `Name: Role`.
  const separator = firstOutsideParentheses(plain, /\s+[-–—|]\s+/g) ?? /\s*:\s+/.exec(plain);
  const name = separator === null ? plain : plain.slice(0, separator.index);
  // `Phan Thành Lộc & Kim Min-seo — Hanbit Cloud`: two people, one role.
  const pair = separator === null ? null : name.split(/\s+(?:&|and|và)\s+/u);
  if (pair !== null && pair.length > 1 && pair.every((part) => looksLikePersonName(stripHonorific(part.trim())))) {
    const role = roleFrom(plain.slice((separator?.index ?? 0) + (separator?.[0].length ?? 0)));
    return pair.map((part) => speakerOf(stripHonorific(part.trim()), role));
  }
  // `TS. Okafor, Adaeze — VP Engineering`: family name, a comma, given names.
  const reversed = /^(\p{Lu}[\p{Ll}\p{M}'’-]+),\s+((?:\p{Lu}[\p{Ll}\p{M}'’-]+\s*){1,3})$/u.exec(stripHonorific(name.trim()));
  const cleanName = reversed !== null ? `${reversed[1] ?? ''} ${(reversed[2] ?? '').trim()}` : withoutParenthetical(stripHonorific(name.trim()));
  if (!looksLikeName(cleanName) || NOT_SPEAKING_ROLE.test(cleanName)) return [];
  if (separator === null) return [{ name: cleanName, role: null, org: null }];
  const role = roleFrom(plain.slice(separator.index + separator[0].length));
  // `Dang My Duyen | MC & panel moderator`: on the list, but not speaking.
  if (role !== null && NOT_SPEAKING_ROLE_FIRST.test(role)) return [];
  return [speakerOf(cleanName, role)];
}

/** Cheap test on raw markdown before a line is read as a `Speakers:` field (see `SPEAKER_FIELD`). */
export const MAY_NAME_SPEAKER = /speaker|presenter|instructor|trainer|keynote|panel+ist|(?:presented|delivered|given|led) by|di[eễ]n gi[aả]|h[uư][oớ]ng d[aẫ]n|tr[iì]nh b[aà]y|gi[aả]ng vi[eê]n/i;

/** A line that names who gave a session: speakers, presenters, an instructor or trainer, "Diễn giả", "Người hướng dẫn". */
const SPEAKER_FIELD = /^(?:(?:speakers?|presenters?|instructors?|trainers?|keynote(?: speakers?)?|panel+ists?|diễn giả|dien gia|người hướng dẫn|nguoi huong dan|(?:người )?trình bày|(?:nguoi )?trinh bay|giảng viên|giang vien)\s*:|(?:presented|delivered|given|led) by\s*:?)\s*(.+)$/iu;

/**
 * `**Speakers:** A, B` lines under session headings, when a report has no speaker section.
 * Returns null when the text is not such a line.
 */
export function parseSpeakerField(plain: string): Speaker[] | null {
  const match = SPEAKER_FIELD.exec(plain.trim());
  if (match?.[1] === undefined) return null;
  // "Speaker: Dinh Cong Thanh (Specialist SA, AWS) opened with …": the person, then a sentence about the talk.
  const lead = /^((?:\p{Lu}[\p{Ll}\p{M}'’-]+\s+){1,4}\p{Lu}[\p{Ll}\p{M}'’-]+)\s*\(([^()]{2,100})\)\s+(?!(?:and|và|or|hoặc)\s)\p{Ll}/u.exec(match[1].trim());
  if (lead?.[1] !== undefined && looksLikePersonName(lead[1])) return [speakerOf(lead[1], lead[2] ?? null)];
  const value = (match[1].split(/\s+·\s+/)[0] ?? match[1]).trim();
  // "Solberg, Ingrid — Senior SA, AWS": a family name, a comma, the given names, then the role.
  const reversed = /^(\p{Lu}[\p{Ll}\p{M}'’-]+),\s+((?:\p{Lu}[\p{Ll}\p{M}'’-]+\s*){1,3})\s+[-–—]\s+(.+)$/u.exec(value);
  if (reversed !== null) return [speakerOf(`${reversed[1] ?? ''} ${(reversed[2] ?? '').trim()}`, (reversed[3] ?? '').trim())];
  if (SPACED_DASH.test(value) && !value.includes(',')) return parseSpeakerLine(value);
  const names = value.replace(/^["“][^"”]*["”]\s*[-–—]\s*/, '');
  // "Kavya Reddy, Analytics Solutions Architect, AWS": one person, then their title and company.
  const [first, second, ...others] = splitOutsideParentheses(names, /$^/);
  if (first !== undefined && second !== undefined && JOB_TITLE.test(second) && !JOB_TITLE.test(first)) {
    const name = stripHonorific(withoutParenthetical(first));
    if (looksLikePersonName(name)) return [speakerOf(name, [second, ...others].join(', '))];
  }
  if (!SPACED_DASH.test(names)) return splitNameList(names).map((name) => ({ name, role: null, org: null }));
  // "A - 3rd Year Student, Vietnamese-German University": after a dash comes a role, and its commas go on with it
  // until a part opens with another "Name - …".
  const speakers: Speaker[] = [];
  let inRole = false;
  for (const part of splitOutsideParentheses(names, /$^/)) {
    const dash = SPACED_DASH.exec(part);
    if (dash === null && inRole) continue;
    const found = splitNameList(dash === null ? part : part.slice(0, dash.index));
    speakers.push(...found.map((name) => ({ name, role: null, org: null })));
    if (dash !== null) inRole = true;
  }
  return speakers;
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
    if (isStageRow(row.cells, nameColumn)) continue;
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
function foldedWords(name: string): string[] {
  return foldText(name).split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/**
 * The full name a session heading's short one stands for on its page: "(chị Bảo Ngọc)" after "Ngô Bảo Ngọc" was
 * listed, as Vietnamese drops the family name after an honorific. The short name must be the last words of exactly
 * one listed name; otherwise it is kept as written.
 */
export function resolveShortName(name: string, listedNames: readonly string[]): string {
  const words = foldedWords(name);
  if (words.length === 0) return name;
  let found: string | null = null;
  for (const listed of listedNames) {
    const full = foldedWords(listed);
    if (full.length <= words.length || !words.every((word, index) => full[full.length - words.length + index] === word)) continue;
    if (found !== null && foldText(found) !== foldText(listed)) return name;
    found = listed;
  }
  return found ?? name;
}

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

/**
 * A schedule cell names people first, then their titles: "Dr. Jens Lottner, CEO, Techcombank", "Moderator: Jeff
 * Johnson, MD ASEAN, AWS", "Vu Van, Nguyen Hoa Binh". The leading person-shaped parts are the speakers.
 */
export function namesInCell(text: string): Speaker[] {
  const people: Speaker[] = [];
  const withoutLabel = text.replace(/^[^:]{1,30}:\s+/, '').replace(/\s+[-–—]\s+.*$/, '');
  // "Phuc Nguyen, SA, AWS & Alex Tran, OCB": one chunk per person, each a name and then its titles.
  // A chunk that opens with a title ends the names: what "&" joins after it is more title ("VP & GM Asia Pacific
  // and Japan"), not a person.
  chunks: for (const chunk of withoutLabel.split(/\s+(?:&|and|và)\s+|\s*;\s*/u)) {
    // Commas inside parentheses belong to the role: "Dr. Adaeze Okafor (VP Engineering, Kitefin)".
    const parts = splitOutsideParentheses(chunk, /$^/);
    for (const [index, part] of parts.entries()) {
      // "Tran Khanh Vy (MC)" in a schedule's speaker column hosts the slot; she gives no talk.
      if (NOT_SPEAKING_ROLE.test(/\(([^()]*)\)\s*$/.exec(part)?.[1]?.trim() ?? '')) continue;
      // In a cell, one word in parentheses is the company ("Vu Hai Yen (Grab)"), not a nickname.
      const kept = withoutParenthetical(stripHonorific(part.trim()));
      const name = kept.endsWith(')') ? withoutTrailingParenthetical(kept).trim() : kept;
      if (!isPersonName(name)) {
        if (index === 0) break chunks;
        break;
      }
      people.push({ name, role: null, org: null });
    }
  }
  return people;
}

/** Person-shaped, and neither a group nor a job title ("Solutions Architect", "Government Representative"). */
function isPersonName(name: string): boolean {
  return looksLikePersonName(name) && !isGenericGroup(name) && !JOB_TITLE.test(name) && !/\brepresentative\b/i.test(name);
}

/**
 * A bullet that introduces a person anywhere in the page: `**Vu Van** – Co-founder & CEO, ELSA Corp`, or
 * `Nguyen Minh Ngan, AI Specialist, OCB`: a person-shaped name, then a role with a job title in it.
 */
export function speakersFromRoleBullets(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const block of blocks) {
    if (block.kind !== 'item') continue;
    const speaker = speakerFromRoleBullet(block.raw);
    if (speaker !== null) speakers.push(speaker);
  }
  return speakers;
}

/** A bold label naming a kind of talk, its speaker after it: "Keynote:", "Opening keynote:", "Lightning talk:". */
const TALK_LABEL = /^(?:opening |closing |guest )?(?:keynote(?: speaker)?|lightning talk|guest speaker|fireside chat)$/;

/** A heading over the teams that presented: "The finalists", "Demo Day pitches", "Các đội thi". */
const TEAMS_HEADING = /finalist|demo|pitch|showcase|present|teams?\b|doi thi|cac doi|cac nhom|nhom thi|trinh bay/;
/** A sentence saying teams presented: "Two teams demoed their projects:", "Các nhóm lần lượt trình bày:". */
const TEAMS_PRESENTED = /\bteams?\b[^.\n]{0,80}\b(?:demo(?:ed|s)?|present(?:ed|ing)?|pitch(?:ed|es)?)\b|(?:đội|nhóm)[^.\n]{0,80}(?:trình bày|demo|thuyết trình)/iu;
/** `🚀 **Team Mây Mưa** — flood alerts …` or `Team ByteBakers: an AI study buddy`: a team, then its project. */
const TEAM_LINE = /^[^\p{L}\p{N}*_]*(?:\*\*|__)?((?:team|nhóm|đội)\s+[^*_\n:–—|]{1,40}?)(?:\*\*|__)?\s*[-–—:|]\s+\S/iu;
/** `**Finalist demos** (10 minutes each): Team CloudNine, Team Paper Planes (us!), Team 404 Founders.` */
const TEAMS_LIST = /^(?:[^:]{0,80}\b(?:finalists?|demos?|pitch(?:es)?|teams|presenting|các đội|các nhóm)\b[^:]{0,80}):\s*(.+)$/iu;

/**
 * Teams that presented (a hackathon's finalists), which the reader counts among the speakers: lines opening with
 * "Team X —" under a heading about the finalists or the demos, and a list of "Team …" names after a label saying so.
 */
export function speakersFromTeamLines(blocks: readonly MarkdownBlock[]): Speaker[] {
  const teams: Speaker[] = [];
  let presenting = false;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      presenting = TEAMS_HEADING.test(foldText(plainTextOf(block)));
      continue;
    }
    if ((block.kind !== 'paragraph' && block.kind !== 'item') || !/team|nhóm|đội/iu.test(block.raw)) continue;
    // "Two teams from the FCJ cohort demoed their projects:": the lines after it are the teams.
    if (block.kind === 'paragraph' && TEAMS_PRESENTED.test(block.raw)) presenting = true;
    for (const line of block.raw.split('\n')) {
      const team = presenting ? TEAM_LINE.exec(line)?.[1] : undefined;
      if (team !== undefined && !/\b(?:team|nhóm|đội)\s+(?:demo|building|work|spirit|members?)\b/iu.test(team)) {
        teams.push({ name: team.trim(), role: null, org: null });
        continue;
      }
      if (!line.includes(':')) continue;
      const list = TEAMS_LIST.exec(flattenInline(line))?.[1];
      if (list === undefined) continue;
      for (const part of splitOutsideParentheses(list.replace(/\.\s*$/, ''), /\s+(?:and|và|&)\s+/iu)) {
        const name = withoutTrailingParenthetical(part).trim();
        if (/^(?:team|nhóm|đội)\s+\S/iu.test(name) && name.split(/\s+/).length <= 5) teams.push({ name, role: null, org: null });
      }
    }
  }
  return teams;
}

/** The longest role a bullet outside a speaker section may give: "ex Head of Security & DevOps - Cloud Security Solution Architect". */
const MAX_ROLE_WORDS = 12;

function speakerFromRoleBullet(raw: string): Speaker | null {
  // Most bullets name no job title: they are points, and are left before any parsing.
  if (!JOB_TITLE.test(raw)) return null;
  const bold = BOLD_LEAD.exec(raw.trim());
  const plain = flattenInline(raw);
  let name: string;
  let rest: string;
  const label = bold?.[2] === undefined ? '' : foldText(flattenInline(bold[2])).replace(/\s*:\s*$/, '');
  if (bold?.[2] !== undefined && !bold[2].includes(':')) {
    name = flattenInline(bold[2]);
    rest = flattenInline(bold[3] ?? '');
    if (!/^\s*[-–—,:]/.test(rest)) return null;
  } else if (TALK_LABEL.test(label)) {
    // `**Opening keynote:** Isabelle Moreau – Startup SA Lead, AWS, on "…"`: the talk's kind, then its speaker.
    // The talk's title may come first: `**Keynote:** "Designing for failure" — Tang Hoai Thuong, SA, AWS. She …`.
    const after = flattenInline(bold?.[3] ?? '')
      .replace(/^[\s:]+/, '')
      .replace(/^["“][^"”]*["”]\s*[-–—]\s*/u, '');
    const separator = /\s+[-–—]\s+|\s*,\s+/.exec(after);
    if (separator === null) return null;
    name = after.slice(0, separator.index);
    rest = after
      .slice(separator.index)
      .replace(/,?\s+on\s+["“].*$/u, '')
      .replace(/\.\s.*$/u, '');
  } else {
    const separator = firstOutsideParentheses(plain, /\s*,\s+|\s+[-–—]\s+/g);
    if (separator === null) return null;
    name = plain.slice(0, separator.index);
    rest = plain.slice(separator.index);
  }
  name = stripHonorific(name.trim());
  // `Anh Bùi Minh Quân (Senior Serverless Specialist SA, AWS) – *Lambda trong production*`: the role in parentheses.
  const inParentheses = /^(.+?)\s*\(([^()]{2,120})\)$/.exec(name);
  if (inParentheses !== null && JOB_TITLE.test(inParentheses[2] ?? '')) {
    name = stripHonorific((inParentheses[1] ?? '').trim());
    rest = inParentheses[2] ?? '';
  }
  const role = rest.replace(/^[\s\-–—,:]+/, '').trim();
  // A role is a few words; a sentence after a bold label ("The student speakers proved that …") is a point.
  if (!isPersonName(name) || !JOB_TITLE.test(role) || role.length > 160 || role.split(/\s+/).length > MAX_ROLE_WORDS) return null;
  return speakerOf(name, role);
}

const SPEAKER_COLUMN = /speaker|presenter|dien gia|nguoi trinh bay|nguoi chia se|host|^(?:presented )?by$|^who$/;

const NAME_COLUMN = /^(?:name|full name|ho ten|ho va ten|ten)$/;
const ROLE_COLUMN = /role|title|position|company|organi[sz]ation|vai tro|chuc vu|chuc danh|cong ty|don vi/;
const TEAM_COLUMN = /^(?:team|team name|teams|nhom|doi|ten nhom|ten doi)$/;
/** A label over a table of teams that presented: "Team demos", "Pitches", "Các nhóm trình bày". */
const PRESENTING_LABEL = /demo|pitch|present|showcase|trinh bay|thuyet trinh/;
/** A label that makes a table of names and roles a list of speakers: "**Panelists:**", "Khách mời:". */
const SPEAKERS_LABEL = /panel|speaker|presenter|guest|dien gia|khach moi|nguoi chia se/;

/**
 * Names in the Speaker / Presenter / Diễn giả column of any table of the page (a schedule or an agenda), and in the
 * Name column of a Name and Role table right after a speakers label ("**Panelists:**").
 */
export function speakersFromTables(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  let column = -1;
  let teamColumn = -1;
  let previous: MarkdownBlock | undefined;
  for (const block of blocks) {
    const before = previous;
    previous = block;
    if (block.kind !== 'row') {
      column = -1;
      teamColumn = -1;
      continue;
    }
    if (block.header) {
      const headers = block.cells.map((cell) => foldText(flattenInline(cell)).trim());
      column = headers.findIndex((header) => SPEAKER_COLUMN.test(header));
      const labelled = before !== undefined && before.kind !== 'row' && SPEAKERS_LABEL.test(foldText(before.kind === 'heading' || before.kind === 'paragraph' ? plainTextOf(before) : ''));
      if (column === -1 && labelled && headers.some((header) => ROLE_COLUMN.test(header))) column = headers.findIndex((header) => NAME_COLUMN.test(header));
      // "### Team demos" over a Team column: the teams that presented.
      const presenting = before !== undefined && (before.kind === 'heading' || before.kind === 'paragraph') && PRESENTING_LABEL.test(foldText(plainTextOf(before)));
      teamColumn = column === -1 && presenting ? headers.findIndex((header) => TEAM_COLUMN.test(header)) : -1;
      continue;
    }
    // A team goes by any name ("ByteRiders", "Mây Xanh"), not a person's shape.
    const team = teamColumn === -1 ? '' : flattenInline(block.cells[teamColumn] ?? '').trim();
    if (team !== '' && team.length <= 60) speakers.push({ name: team, role: null, org: null });
    const cell = column === -1 ? undefined : block.cells[column];
    if (cell === undefined) continue;
    if (isStageRow(block.cells, column)) continue;
    speakers.push(...namesInCell(flattenInline(cell)));
  }
  return speakers;
}

const BOLD_SPAN = /(?:\*\*|__)([^*_]+?)(?:\*\*|__)/;

/**
 * A session heading that carries its speaker: `2. **Huynh Thai Linh** — Learning Roadmap`, `Team **The Ballers** —
 * Hackathon`, `Keynote: Cloud Careers (Nguyễn Gia Hưng)`. Only person-shaped names count, so a bold service name
 * or a title in parentheses is not taken for a speaker.
 */
export function speakersFromHeading(raw: string): Speaker[] {
  const bold = BOLD_SPAN.exec(raw);
  if (bold?.[1] !== undefined) {
    const name = flattenInline(bold[1]).trim();
    const before = flattenInline(raw.slice(0, bold.index)).replace(/^[\d.\s)]+/, '');
    const after = flattenInline(raw.slice(bold.index + bold[0].length));
    const introducesTalk = /^\s*[-–—:|]/.test(after) || /[-–—:|]\s*$/.test(before);
    if (/^team\s*$/i.test(before) && looksLikeName(name)) return [{ name: `Team ${name}`, role: null, org: null }];
    if (introducesTalk && looksLikePersonName(name) && !isGenericGroup(name)) return [{ name, role: null, org: null }];
  }
  const plain = flattenInline(raw);
  // "🥇 Team Mây Trắng – Flood alerts", "Nhóm 3 – …": a team presenting its project.
  const team = /^[^\p{L}\p{N}]*((?:team|nhóm|đội)\s+[^-–—:|()]{1,40}?)\s+[-–—:|]\s+\S/iu.exec(plain)?.[1];
  if (team !== undefined && !/\b(?:team|nhóm|đội)\s+(?:demo|building|work|spirit|members?)\b/iu.test(team)) return [{ name: team.trim(), role: null, org: null }];
  const trailing = /\(([^()]+)\)\s*$/.exec(plain);
  if (trailing?.[1] !== undefined) {
    const names = trailing[1].split(/\s*(?:,|&|\band\b|\bvà\b)\s*/u).map((part) => stripHonorific(part.trim()));
    // "(Vo Ngoc Anh Thu, Nimbus Pay)": a person and their company; "(Orbis Bank)": a company's session, no one named.
    const people = names.filter((name) => !looksLikeOrganisation(name));
    if (people.length === 0) return [];
    if (people.length < names.length && people.length === 1 && names[0] === people[0] && looksLikePersonName(people[0] ?? '')) {
      return [speakerOf(people[0] ?? '', trailing[1].slice(trailing[1].indexOf(',') + 1).trim())];
    }
    if (names.length > 0 && names.every((name) => looksLikePersonName(name) && !isGenericGroup(name))) return names.map((name) => ({ name, role: null, org: null }));
    // "(Tran Gia Huy, HCMUS Cloud Club captain)": a person, then their role or company.
    const [first, ...rest] = names;
    if (first !== undefined && rest.length > 0 && looksLikePersonName(first) && !isGenericGroup(first) && !rest.some((part) => looksLikePersonName(part) && !JOB_TITLE.test(part))) {
      return [speakerOf(first, trailing[1].slice(trailing[1].indexOf(',') + 1).trim())];
    }
  }
  // "🎤 Building agents on Amazon Bedrock — Luong Hai Dang": a talk marked as one, a dash, its speaker's name alone
  // (without the microphone, "Amazon Connect — Natural Conversations" is a topic and its part).
  const byName = /^\s*(?:🎤|🎙️?|🗣️?)\s*\S.*?\s[-–—]\s+([^-–—:|()]+)$/u.exec(plain)?.[1]?.trim();
  if (byName !== undefined && isPersonName(stripHonorific(byName)) && !looksLikeOrganisation(byName)) return [{ name: stripHonorific(byName), role: null, org: null }];
  return speakerAfterTitle(raw, plain);
}

/** A talk's title before a dash: quoted, in italics or in bold, maybe numbered or after an emoji (`1. **…**`, `🧠 "…"`). */
const SPACED_DASH_ANYWHERE = /\s[-–—]\s/;
const QUOTED_TITLE = /^\s*(?:[^\p{L}\p{N}"“*_]*\s*)?(?:\d+[.)]\s*)?(?:"[^"]+"|“[^”]+”|\*\*[^*]+\*\*|__[^_]+__|\*[^*]+\*|_[^_]+_)\s*$/u;

/**
 * `"From prompt to agent" — Priya Raman, Specialist SA at AWS`: a name after the heading's last spaced dash, when
 * the part before is a quoted title or the name is followed by a job title. Otherwise the words after a dash are
 * the session's subject ("Part 3 — Incident Response", "Keynote — Generative Everything").
 */
function speakerAfterTitle(raw: string, plain: string): Speaker[] {
  if (!SPACED_DASH_ANYWHERE.test(plain)) return [];
  const dashes = [...plain.matchAll(/\s[-–—]\s/g)];
  const last = dashes.at(-1);
  if (last === undefined) return [];
  const written = plain.slice(last.index + last[0].length);
  // "— by Quach Tuan Kiet (Grab)": "by" says who, whatever the title looks like.
  const by = /^by\s+/i.test(written);
  const after = withoutTrailingParenthetical(written.replace(/^by\s+/i, ''));
  const comma = after.indexOf(',');
  const name = stripHonorific((comma === -1 ? after : after.slice(0, comma)).trim());
  const role = comma === -1 ? null : after.slice(comma + 1).trim();
  if (!looksLikePersonName(name) || isGenericGroup(name) || JOB_TITLE.test(name)) return [];
  const rawDashes = [...raw.matchAll(/\s[-–—]\s/g)];
  const titleBefore = QUOTED_TITLE.test(raw.slice(0, rawDashes.at(-1)?.index ?? 0));
  if (!by && !titleBefore && (role === null || !JOB_TITLE.test(role))) return [];
  return [role === null || role === '' ? { name, role: null, org: null } : speakerOf(name, role)];
}

const ITALIC_TAIL = /[-–—:]\s*(?:\*([^*]+)\*|_([^_]+)_)\s*\.?\s*$/;
const TOPIC_VALUE = /(?:đề tài|de tai|chủ đề|chu de|topic|talk|session)\s*:\s*(.+)$/iu;
const SPEAKS_ON = /^(?:(?:speaker|presenter|diễn giả)\s+(?:on|about|về|chia sẻ về)|speaking on|spoke on|talk on|talks about|sharing(?: about| on)?|shared(?: about| on)?|presenting|presented|chia sẻ(?: về)?|trình bày(?: về)?|nói về)\s+(.+)$/iu;

/**
 * The talk a speaker line gives after the name, if any: `- **Name** - *Talk title*`, `… - Đề tài: *Talk*`,
 * `… - Speaker on DevOps and systems thinking`, `**Name**: Cùng trình bày chủ đề …`. Null for a role.
 */
export function talkOfSpeakerLine(raw: string): string | null {
  const line = raw.trim();
  const italic = ITALIC_TAIL.exec(line);
  const fromItalic = italic?.[1] ?? italic?.[2];
  if (fromItalic !== undefined) return flattenInline(fromItalic).trim() || null;
  const plain = flattenInline(line);
  const topic = TOPIC_VALUE.exec(plain)?.[1];
  if (topic !== undefined) return topic.trim() || null;
  const bold = BOLD_LEAD.exec(line);
  // A team's members in parentheses come before its talk: `**Team** (A, B, C) - Sharing Hackathon experiences`.
  const rest = trimCharacters(trimCharacters(flattenInline(bold?.[3] ?? ''), '-–—:|').replace(/^\([^()]*\)\s*/, ''), '-–—:|');
  const speaksOn = SPEAKS_ON.exec(rest)?.[1] ?? SPEAKS_ON.exec(rest.replace(/^(?:cùng\s+)?/iu, ''))?.[1];
  if (speaksOn !== undefined) return trimCharacters(speaksOn.replace(/^(?:chủ đề|chu de|the topic of)\s+/iu, ''), '.') || null;
  // `**Việt Phát**: GraphRAG với Amazon Bedrock & Neptune`: after a colon, words that are no job title are the talk
  // (after a dash they are the person's role or team, "Cloud Engineers from Cloud Kinetics").
  const afterColon = /^\s*:/.test(bold?.[3] ?? '');
  if (bold !== null && afterColon && !JOB_TITLE.test(rest) && rest.split(/\s+/).length >= 3) return trimCharacters(rest, '.');
  return null;
}

/** A bold label opening a paragraph (`**8:45 – Welcome and roadmap.**`): a time slot or a session's name, not a person. */
const LEADING_LABEL = /^\s*(?:\*\*|__)([^*_]+?[.:]["”’']?)\s*(?:\*\*|__)\s*/;
const PROSE_HONORIFIC = /^(?:mr|ms|mrs|dr|prof)\.?\s+|^(?:anh|chị)\s+/iu;
/** What a speaker does in a sentence about their session; not hosting, welcoming or judging. */
const GAVE_SESSION =
  /^(?:presented|shared|explained|described|demonstrated|talked|spoke|delivered|walked (?:us|the room|everyone) through|gave (?:a|an|the)\b|(?:opened|closed) with (?:a|an|the) (?:[\p{L}\p{N}-]+\s+){0,2}(?:talk|keynote|presentation|session|demo)\b|đã trình bày|trình bày|chia sẻ)/iu;
/** Under a session's own heading, more of what its speaker does there: "covered the network layer", "opened the morning". */
const LED_SESSION = /^(?:covered|showed|opened|closed|took|led|ran|started|began|focused|argued|introduced (?:us to|the idea)|went through|đã chia sẻ|giới thiệu|hướng dẫn|mở đầu)\b/iu;
const UNMARKED_NAME = /^(?:\p{Lu}[\p{Ll}\p{M}'’-]+\s+){1,3}\p{Lu}[\p{Ll}\p{M}'’-]+/u;

/**
 * The person a paragraph opens with and says was on stage: by an honorific (`Mr. Tran Minh Khoi`, `Chị Lan Anh`) or
 * in bold, after a bold time-slot label, with a role between commas or parentheses ("Sato Yuki (SA, AWS Japan)",
 * "Phuc Le, a security architect at AWS,", "Khai Nguyen from Mekong Pay"), then what they did. In a session's
 * opening paragraph the name may be unmarked and more verbs count ("covered", "showed", "opened the morning").
 */
const PROSE_OPENING_CHARS = 400;
/** Cheap test before a paragraph is read for a person: one of the verbs of `GAVE_SESSION` or `LED_SESSION`. */
const MAY_BE_ON_STAGE = /present|shar|explain|describ|demonstrat|talk|spoke|deliver|walk|gave|open|close|cover|show|took|led|ran|start|began|focus|argu|introduc|went|trình bày|chia sẻ|giới thiệu|hướng dẫn|mở đầu/i;

function proseSpeaker(block: MarkdownBlock, opensSession: boolean): Speaker | null {
  if ((block.kind !== 'paragraph' || block.quoted) && block.kind !== 'item') return null;
  // The person, their role and what they did open the paragraph: its first few hundred characters are enough.
  const raw = block.raw.trim().slice(0, PROSE_OPENING_CHARS).replace(LEADING_LABEL, '');
  if (!MAY_BE_ON_STAGE.test(raw)) return null;
  const bold = /^(?:\*\*|__)([^*_]+)(?:\*\*|__)/.exec(raw);
  const plain = flattenInline(raw);
  const honorific = PROSE_HONORIFIC.exec(plain);
  if (bold === null && honorific === null && !opensSession) return null;
  const afterHonorific = honorific === null ? plain : plain.slice(honorific[0].length);
  const name = bold !== null ? flattenInline(bold[1] ?? '').trim() : (UNMARKED_NAME.exec(afterHonorific)?.[0] ?? '');
  const clean = stripHonorific(name);
  if (!looksLikePersonName(clean) || isGenericGroup(clean)) return null;
  let rest = (bold !== null ? flattenInline(raw.slice(bold[0].length)) : afterHonorific.slice(name.length)).trimStart();
  let role: string | null = null;
  const aside = /^,\s*(?:who\s+[^,]{2,100}|[^,]{2,100}),\s*|^\(([^()]{2,120})\)\s*|^from\s+([^,]{2,60}?)\s+(?=\p{Ll})/u.exec(rest);
  if (aside !== null) {
    role = (aside[2] ?? aside[3] ?? aside[0].replace(/^,\s*|,\s*$/g, '')).trim();
    if (/^who\b/i.test(role)) role = null;
    rest = rest.slice(aside[0].length);
  }
  // Opening a session, a name needs its role or an honorific beside it: "Permission Boundary Concepts explained …" is not one.
  const introduced = aside !== null || honorific !== null;
  if (!GAVE_SESSION.test(rest) && !(opensSession && introduced && LED_SESSION.test(rest))) return null;
  if (opensSession && !introduced && bold === null) return null;
  return role === null || role === '' ? { name: clean, role: null, org: null } : speakerOf(clean, role.replace(/^(?:the|an?)\s+/i, ''));
}

/** "The speakers were A (X), B (Y) and C", "Speakers included: …", "Các diễn giả gồm …": a sentence listing them. */
const LISTING_SENTENCE =
  /\bwith\s+(?:the\s+)?panel+ists?\s*:?\s+|\bvới\s+(?:các\s+)?(?:khách mời|diễn giả)\s*:?\s+|(?:^|[.!?]\s+)(?:(?:the|our|today's|this year's)\s+)?(?:speakers?|presenters?|panel+ists?)(?:\s+(?:of|for|at)\s+the\s+(?:day|event|morning|afternoon|session|workshop))?\s+(?:were|are|included|include)\s*:?\s+|(?:^|[.!?]\s+)(?:các\s+)?(?:diễn giả|khách mời)(?:\s+(?:hôm nay|của sự kiện|của buổi))?\s+(?:gồm có|gồm|bao gồm|là)\s*:?\s+|[.!?]\s+(?:diễn giả|khách mời|panel+ists?|guests?)\s*:\s+/iu;

/**
 * Speakers a sentence lists by name: `The speakers were Daniel Okafor (AWS), Nguyen Thao Nguyen (Orbita AI) and Chu
 * Bao Ngoc, who joined the closing panel.` Each a name, maybe with its company in parentheses; what follows a name
 * ("who …") is not part of it.
 */
export function speakersFromListingSentences(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const block of blocks) {
    if ((block.kind !== 'paragraph' && block.kind !== 'item') || !/speaker|presenter|panel|diễn giả|khách mời/iu.test(block.raw)) continue;
    const plain = plainTextOf(block).replace(/\s+/g, ' ');
    const opening = LISTING_SENTENCE.exec(plain);
    if (opening === null) continue;
    const rest = plain.slice(opening.index + opening[0].length);
    // The sentence ends at a full stop before a capital or at the end of the paragraph.
    const end = /\.(?=\s+\p{Lu}|\s*$)/u.exec(rest);
    const list = rest.slice(0, end === null ? rest.length : end.index);
    for (const part of splitOutsideParentheses(list, /\s+(?:and|và|&)\s+/iu)) {
      const item = part.replace(/\s+who\b.*$/iu, '').replace(/^(?:and|và)\s+/iu, '').trim();
      const aside = /\(([^()]+)\)\s*$/.exec(item)?.[1] ?? null;
      const name = stripHonorific(withoutTrailingParenthetical(item).trim());
      if (!looksLikePersonName(name) || isGenericGroup(name)) continue;
      speakers.push(aside === null ? { name, role: null, org: null } : speakerOf(name, aside.trim()));
    }
  }
  return speakers;
}

const PROSE_NAME = String.raw`((?:\p{Lu}[\p{Ll}\p{M}'’-]+\s+){1,4}\p{Lu}[\p{Ll}\p{M}'’-]+)`;
/** "a lightning talk by Sakura Ito (AWS Community Builder, …)", "the keynote, given by Hoang Minh Quan, …". */
const TALK_BY = new RegExp(String.raw`\b(?:talk|session|keynote|presentation|demo|workshop|lab|briefing)\s*,?\s+(?:was\s+)?(?:given\s+|delivered\s+|led\s+|presented\s+)?by\s+${PROSE_NAME}(?:\s*\(([^()]{2,120})\)|,\s+([^,.]{2,80}),)?`, 'gu');
/** "Svetlana Morozova, Security Specialist SA at AWS, gave the briefing": a name, its title between commas, a talk. */
const NAME_TITLE_GAVE = new RegExp(String.raw`${PROSE_NAME},\s+([^,]{2,80}),\s+(?:gave|delivered|presented)\b`, 'gu');

/** A list item ending with its speaker: "… by Nguyen Kim Ngan (Papaya Pay)". */
const ITEM_BY = new RegExp(String.raw`\bby\s+${PROSE_NAME}(?:\s*\(([^()]{2,120})\))?\s*\.?\s*$`, 'u');
/** An answer's label in an interview: `**A (Nguyen Thao Vy):**`, `**Đáp (Huỳnh Bảo Trâm):**`. */
const ANSWER_LABEL = /(?:\*\*|__)(?:A|Answer|Đáp|Trả lời)\s*\(([^()]{3,80})\)\s*:?\s*(?:\*\*|__)/gu;
/** A timeline's line: `**09:15** Identity first: IAM Identity Center — Tran Minh Khoi (Solutions Architect, AWS)`. */
const TIMELINE_LINE = new RegExp(String.raw`^\s*(?:\*\*|__)?\d{1,2}[:.h]\d{2}(?:\s*[-–]\s*\d{1,2}[:.h]\d{2})?(?:\*\*|__)?\s+(.+?)\s+[-–—]\s+${PROSE_NAME}\s*(?:\(([^()]{2,120})\))?\s*$`, 'u');
/** Slots of a timeline nobody speaks in, or where the organisers do: welcome, opening, breaks, closing. */
const NO_TALK_SLOT = /^(?:check-?in|welcome|opening|closing|lucky draw|break|coffee|lunch|networking|khai mạc|bế mạc|đón khách|giải lao)\b/iu;

/** Speakers a timeline gives, a slot a line, leaving out the slots of welcome, breaks and closing and the organisers'. */
function speakersFromTimelines(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || !/\d[:.h]\d\d/.test(block.raw)) continue;
    for (const line of block.raw.split('\n')) {
      const slot = TIMELINE_LINE.exec(flattenInline(line.replace(/<br\s*\/?>/gi, '')));
      if (slot === null || NO_TALK_SLOT.test(slot[1] ?? '')) continue;
      const role = slot[3]?.trim() ?? null;
      const name = stripHonorific(slot[2] ?? '');
      if (!isPersonName(name) || (role !== null && /organi[sz]er|ban tổ chức|\bhost\b|\bmc\b/iu.test(role))) continue;
      speakers.push(role === null ? { name, role: null, org: null } : speakerOf(name, role));
    }
  }
  return speakers;
}

/**
 * Speakers a sentence names by what they gave, wherever it is: a talk "by" a named person, or a named person with
 * their title who "gave" or "presented" one. Both say the person spoke; the title must read as one in the second.
 */
export function speakersFromTalkSentences(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [...speakersFromTimelines(blocks)];
  for (const block of blocks) {
    // `1. Cost-aware serverless by Nguyen Kim Ngan (Papaya Pay)`: a listed talk and its speaker.
    if (block.kind === 'item') {
      if (!block.raw.includes('by ')) continue;
      const by = ITEM_BY.exec(plainTextOf(block));
      const name = stripHonorific(by?.[1] ?? '');
      if (by !== null && isPersonName(name) && !looksLikeOrganisation(name)) speakers.push(by[2] === undefined ? { name, role: null, org: null } : speakerOf(name, by[2].trim()));
      continue;
    }
    // `**A (Nguyen Thao Vy):** …`: who answered in an interview written as questions and answers.
    if (block.kind === 'paragraph' && /(?:\*\*|__)(?:A|Answer|Đáp|Trả lời)\s*\(/u.test(block.raw)) {
      for (const match of block.raw.matchAll(ANSWER_LABEL)) {
        const name = stripHonorific((match[1] ?? '').split(',')[0]?.trim() ?? '');
        if (isPersonName(name)) speakers.push({ name, role: null, org: null });
      }
    }
    if (block.kind !== 'paragraph' || block.quoted || !/\bby\b|gave|delivered|presented/i.test(block.raw)) continue;
    const plain = plainTextOf(block).replace(/\s+/g, ' ');
    for (const match of plain.matchAll(TALK_BY)) {
      const name = stripHonorific(match[1] ?? '');
      if (!looksLikePersonName(name) || isGenericGroup(name)) continue;
      const role = (match[2] ?? match[3] ?? '').trim();
      speakers.push(role === '' ? { name, role: null, org: null } : speakerOf(name, role));
    }
    for (const match of plain.matchAll(NAME_TITLE_GAVE)) {
      const name = stripHonorific(match[1] ?? '');
      const role = (match[2] ?? '').trim();
      if (!looksLikePersonName(name) || isGenericGroup(name) || !JOB_TITLE.test(role)) continue;
      speakers.push(speakerOf(name, role));
    }
  }
  return speakers;
}

/**
 * Speakers a page names only in prose. Used only when the page names no speaker any other way: a host who "welcomed
 * everyone" or a mentor mentioned in passing is not one.
 */
export function speakersFromProse(blocks: readonly MarkdownBlock[]): Speaker[] {
  return blocks.map((block) => proseSpeaker(block, false)).filter((speaker): speaker is Speaker => speaker !== null);
}

/** A line opening with a talk's title, quoted or in bold, then a dash: `1. **"Cloud careers"** — Rahul Mehta, Head of DevRel`. */
const TITLED_LINE = /^\s*(?:\d+[.)]\s*)?(?:\*\*|__)?["“]|^\s*(?:\d+[.)]\s*)?(?:\*\*|__)[^*_]+(?:\*\*|__)\s*[-–—]/;

/**
 * Bullets and lines anywhere that give a talk's title and then its speaker (`**"Title"** — Name, Role`): the list of
 * talks a page gives instead of a speaker list.
 */
export function speakersFromTitledLines(blocks: readonly MarkdownBlock[]): Speaker[] {
  const speakers: Speaker[] = [];
  for (const block of blocks) {
    if ((block.kind !== 'item' || block.depth !== 0) && (block.kind !== 'paragraph' || block.quoted)) continue;
    const line = block.raw.split('\n')[0]?.trim() ?? '';
    // `**Ha Minh Khoa** – Senior Engineer`: a bold name is a role bullet, read elsewhere.
    const bold = BOLD_LEAD.exec(line)?.[2];
    if (!TITLED_LINE.test(line) || (bold !== undefined && looksLikeName(flattenInline(bold)))) continue;
    speakers.push(...speakerAfterTitle(line, flattenInline(line)));
  }
  return speakers;
}

/** `*Daniel Osei, Developer Advocate, AWS*` alone under a session's heading: its speaker and their role. */
function bylineSpeaker(block: MarkdownBlock): Speaker | null {
  // "by Mai Anh Dao, KiteLabs" on the line under a session's heading.
  if (block.kind === 'paragraph' && !block.quoted && /^\s*[*_]?by\s+\p{Lu}/u.test(block.raw) && !block.raw.includes('\n')) {
    const plain = plainTextOf(block).replace(/^by\s+/i, '');
    const comma = plain.indexOf(',');
    const name = stripHonorific(withoutTrailingParenthetical(comma === -1 ? plain : plain.slice(0, comma)).trim());
    if (looksLikePersonName(name) && !isGenericGroup(name)) return comma === -1 ? { name, role: null, org: null } : speakerOf(name, plain.slice(comma + 1).trim());
  }
  // A link to the person's LinkedIn profile alone on its line: `[Bui Minh Quan](https://www.linkedin.com/in/…)`.
  const profile = block.kind === 'paragraph' && !block.quoted ? /^\s*\[([^\]\n]+)\]\(https?:\/\/(?:[a-z]+\.)?linkedin\.com\/in\/[^)\s]+\)\s*$/i.exec(block.raw) : null;
  if (profile !== null) {
    const name = stripHonorific(flattenInline(profile[1] ?? '').trim());
    return looksLikePersonName(name) && !isGenericGroup(name) ? { name, role: null, org: null } : null;
  }
  // In italics, not bold (a bold line alone is a heading), and with the role after a comma or a dash.
  if (block.kind !== 'paragraph' || block.quoted || !/^\s*([*_])[^*_\n]+\1\s*$/.test(block.raw)) return null;
  const plain = plainTextOf(block);
  const separator = /\s+[-–—]\s+|,/.exec(plain);
  if (separator === null) return null;
  const name = stripHonorific(plain.slice(0, separator.index).trim());
  // "*Solutions Architect, AWS*" under a heading naming its speaker is the role, not a person.
  if (!isPersonName(name)) return null;
  return speakerOf(name, plain.slice(separator.index + separator[0].length).trim());
}

/**
 * The speaker a session's opening names, right under its heading or bold heading line, by the heading or line: a
 * byline in italics, or an opening sentence about them (see `proseSpeaker`).
 */
export function speakersFromSessionOpenings(blocks: readonly MarkdownBlock[]): Map<MarkdownBlock, Speaker> {
  const speakers = new Map<MarkdownBlock, Speaker>();
  for (const [index, block] of blocks.entries()) {
    const opensSession = block.kind === 'heading' ? block.level >= 2 : isBoldHeadingLine(block);
    if (!opensSession) continue;
    const speaker = openingSpeaker(blocks[index + 1]);
    if (speaker !== null) speakers.set(block, speaker);
  }
  return speakers;
}

/** A bold line alone, maybe with its speaker in parentheses after it: `**Detection** (Do Khanh Linh, KiteLabs)`. */
export const BOLD_HEADING_LINE = /^\s*(\*\*|__)[^\n]{2,120}?\1\s*(?:\([^()\n]{1,120}\))?\s*:?\s*$/;

/** A paragraph that is only a bold line, `**Detection (Chloe Nguyen)**`: a heading written in bold. */
export function isBoldHeadingLine(block: MarkdownBlock): boolean {
  return block.kind === 'paragraph' && !block.quoted && BOLD_HEADING_LINE.test(block.raw);
}

/** The speaker the first block of a session names: a byline in italics, or an opening sentence about them. */
export function openingSpeaker(block: MarkdownBlock | undefined): Speaker | null {
  if (block === undefined || block.kind === 'heading') return null;
  return bylineSpeaker(block) ?? proseSpeaker(block, true);
}

/**
 * Front matter, as Hugo reads it: YAML between `---`, TOML between `+++`, or a bare JSON object. gray-matter
 * splits the block; the parsers are ours, because pages come from anyone's repository: gray-matter's own
 * engines would `eval` a `---js` block, and nothing bounds what a block's YAML aliases expand to.
 * Then each field is checked on its own: a wrong `speakers:` is reported and ignored, and the rest of the page
 * still loads. Data from the file stays `unknown` until its schema has passed it.
 */
import matter from 'gray-matter';
import { parse as parseToml, TomlError } from 'smol-toml';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import { z } from 'zod';
import { describeError } from '../errors.js';

const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const textList = z.array(text);

const speakerEntry = z.union([
  text,
  z.object({ name: text, role: text.nullish(), org: text.nullish() }),
]);

const pillarEntry = z.union([
  text,
  z.object({ id: text, title: text.optional(), points: textList.optional(), related: textList.optional() }),
]);

/** `author: Jane`, `author: [Jane, Bao]` (the first is the page's author), `author: { name: Jane }`. */
const authorEntry = z.union([text, z.array(text).min(1).transform((names) => names[0] ?? ''), z.object({ name: text }).transform((entry) => entry.name)]);

const FIELD_SCHEMAS = {
  title: text,
  author: authorEntry,
  event_id: text,
  event: text,
  name: text,
  description: text,
  lang: text,
  speakers: z.array(speakerEntry),
  lessons: textList,
  tips: textList,
  pillars: z.array(pillarEntry),
  chapter: z.boolean(),
  draft: z.boolean(),
} as const;

type FieldSchemas = typeof FIELD_SCHEMAS;

/** The fields this bot reads; anything else in front matter (weight, pre, …) is left alone. */
export type FrontMatter = { [Field in keyof FieldSchemas]?: z.output<FieldSchemas[Field]> } & {
  /** Kept raw: dates need judging (see dates.ts), not just a type. */
  date?: unknown;
};

export type FrontMatterSpeaker = z.output<typeof speakerEntry>;
export type FrontMatterPillar = z.output<typeof pillarEntry>;

export interface FieldProblem {
  line: number | null;
  message: string;
}

export type FrontMatterResult =
  | {
      ok: true;
      data: FrontMatter;
      body: string;
      bodyFirstLine: number;
      rawMatter: string;
      problems: FieldProblem[];
      /** True when the block was in a language that is never run (`---js`): its problem is an error. */
      refused: boolean;
    }
  | { ok: false; problem: FieldProblem };

/** File line (1-based) of `field:` (YAML, JSON) or `field =` (TOML) in the front matter, which starts on line 1. */
export function frontMatterLine(rawMatter: string, field: string): number | null {
  const match = new RegExp(`^\\s*"?${field}"?\\s*[:=]`, 'm').exec(rawMatter);
  if (match === null) return null;
  return countLines(rawMatter, match.index + match[0].search(/\S/)) + 1;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

/** Characters the parsed front matter may hold in all, aliases expanded: far above any real page's. */
export const MAX_FRONT_MATTER_CHARS = 256 * 1024;

/** A front matter that cannot be read: the message says why, the line (in the file) where, when known. */
class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

function readYaml(rawMatter: string): unknown {
  // YAML 1.2's core schema: dates stay the text the author wrote, so an offset cannot shift the day. Aliases are
  // shared references here, never copies; the size check after parsing counts every use of them.
  try {
    return loadYaml(rawMatter, { schema: CORE_SCHEMA, json: true });
  } catch (error) {
    // rawMatter starts with the rest of the opening `---` line, so its line numbers (0-based here) are the file's.
    const line = error instanceof YAMLException && typeof error.mark?.line === 'number' ? error.mark.line + 1 : null;
    const reason = error instanceof YAMLException ? error.reason : describeError(error).split('\n')[0];
    throw new FrontMatterError(`front matter is not valid YAML: ${reason ?? 'unreadable'}`, line);
  }
}

function readToml(rawMatter: string): unknown {
  try {
    return parseToml(rawMatter);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : null;
    throw new FrontMatterError(`front matter is not valid TOML: ${describeError(error).split('\n')[0] ?? ''}`, line);
  }
}

function readJson(rawMatter: string): unknown {
  try {
    return JSON.parse(rawMatter) as unknown;
  } catch (error) {
    const message = describeError(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? null : countLines(rawMatter, Number(position)) + 1;
    throw new FrontMatterError(`front matter is not valid JSON: ${message}`, line);
  }
}

/** Characters a parsed value holds, aliases counted each time they appear; stops counting past `limit`. */
function expandedSize(value: unknown, limit: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size <= limit) {
    const next = pending.pop();
    if (typeof next === 'string') size += next.length;
    else if (Array.isArray(next)) {
      size += next.length;
      for (const item of next) pending.push(item);
    } else if (next !== null && typeof next === 'object' && !(next instanceof Date)) {
      for (const [key, item] of Object.entries(next)) {
        size += key.length;
        pending.push(item);
      }
    } else size += 1;
  }
  return size;
}

type Split =
  | { kind: 'none' }
  | { kind: 'parsed'; data: unknown; rawMatter: string; body: string }
  | { kind: 'unsafe'; language: string; body: string };

/** The language written after the opening `---` (`---json`), lowercased; '' for plain YAML. */
function languageAfterDashes(text: string): string {
  const end = text.indexOf('\n');
  return text.slice(3, end === -1 ? text.length : end).trim().toLowerCase();
}

const JSON_OBJECT_END = /\n\}[ \t]*(?:\n|$)/;
const OPENING = /^---[^\n]*\n/;
const CLOSING = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TOML_CLOSING = /\n\+\+\+[ \t]*(?:\n|$)/;

// The only engines gray-matter may call. The default set includes `javascript`, which evals the block; this one
// is never handed to it, and the language is checked against this list before gray-matter sees the text.
// gray-matter's types say an engine returns an object; ours return what the file holds, checked afterwards.
const ENGINES = {
  yaml: { parse: (rawMatter: string) => readYaml(rawMatter) as object },
  json: { parse: (rawMatter: string) => readJson(rawMatter) as object },
  toml: { parse: (rawMatter: string) => readToml(rawMatter) as object },
};
const YAML_NAMES = new Set(['', 'yaml', 'yml']);

function splitFrontMatter(text: string): Split {
  if (text.startsWith('+++')) {
    if (!TOML_CLOSING.test(text.slice(3))) throw new FrontMatterError('front matter opened with +++ is never closed', 1);
    const file = matter(text, { delimiters: '+++', language: 'toml', engines: ENGINES }) as unknown as { data: unknown; content: string; matter?: string };
    return { kind: 'parsed', data: file.data, rawMatter: file.matter ?? '', body: file.content };
  }
  if (text.startsWith('{')) {
    // Hugo's JSON front matter: an object at the top of the file, closed by a `}` at the start of a line.
    const end = JSON_OBJECT_END.exec(text);
    if (end === null) return { kind: 'none' };
    const rawMatter = text.slice(0, end.index + 2);
    return { kind: 'parsed', data: readJson(rawMatter), rawMatter, body: text.slice(end.index + end[0].length) };
  }
  if (!text.startsWith('---') || text.startsWith('----')) return { kind: 'none' };
  if (!OPENING.test(text) || !CLOSING.test(text.slice(3))) throw new FrontMatterError('front matter opened with --- is never closed', 1);
  const language = languageAfterDashes(text);
  if (!YAML_NAMES.has(language) && language !== 'json') {
    const afterOpening = text.slice(text.indexOf('\n'));
    const closing = CLOSING.exec(afterOpening);
    const body = closing === null ? '' : afterOpening.slice(closing.index + closing[0].length);
    return { kind: 'unsafe', language, body };
  }
  const file = matter(text, { language: 'yaml', engines: ENGINES }) as unknown as { data: unknown; content: string; matter?: string };
  return { kind: 'parsed', data: file.data, rawMatter: file.matter ?? '', body: file.content };
}

/**
 * Splits and checks front matter. `text` has `\n` line ends and no BOM. Only YAML, TOML and JSON are ever parsed:
 * a block in any other language (`---js`) is never run; it is reported and the page's body is read without it.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  let split: Split;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return { ok: false, problem: { line: error.line, message: error.message } };
    return { ok: false, problem: { line: null, message: `front matter could not be read: ${describeError(error).split('\n')[0] ?? ''}` } };
  }
  if (split.kind === 'none') return { ok: true, data: {}, body: text, bodyFirstLine: 1, rawMatter: '', problems: [], refused: false };
  const bodyFirstLine = countLines(text, text.length - split.body.length) + 1;
  if (split.kind === 'unsafe') {
    const problem = { line: 1, message: `front matter in "${split.language}" is never run (only YAML, TOML and JSON are read); its fields are ignored and the body is read as markdown` };
    return { ok: true, data: {}, body: split.body, bodyFirstLine, rawMatter: '', problems: [problem], refused: true };
  }
  if (expandedSize(split.data, MAX_FRONT_MATTER_CHARS) > MAX_FRONT_MATTER_CHARS) {
    return { ok: false, problem: { line: 1, message: `front matter holds more than ${MAX_FRONT_MATTER_CHARS / 1024} KB once read (repeated aliases or a huge value); skipped` } };
  }
  const { rawMatter, body } = split;
  const problems: FieldProblem[] = [];
  const data: FrontMatter = {};
  const raw = split.data;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    for (const field of Object.keys(FIELD_SCHEMAS) as Array<keyof FieldSchemas>) {
      if (!Object.hasOwn(record, field)) continue;
      const value = record[field];
      if (value === undefined || value === null) continue;
      const result = FIELD_SCHEMAS[field].safeParse(value);
      if (result.success) (data as Record<string, unknown>)[field] = result.data;
      else problems.push({ line: frontMatterLine(rawMatter, field), message: `front matter "${field}" has an unexpected shape (${result.error.issues[0]?.message ?? 'invalid'}); ignored` });
    }
    if (Object.hasOwn(record, 'date')) data.date = record.date;
  } else if (rawMatter.trim() !== '' && raw !== null && raw !== undefined) {
    problems.push({ line: 2, message: 'front matter is not a set of "key: value" fields; ignored' });
  }
  return { ok: true, data, body, bodyFirstLine, rawMatter, problems, refused: false };
}

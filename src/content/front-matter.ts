/**
 * Front matter via gray-matter, then checked field by field: a wrong `speakers:` is reported and ignored,
 * and the rest of the page still loads. Data from the file stays `unknown` until its schema has passed it.
 */
import matter from 'gray-matter';
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

const FIELD_SCHEMAS = {
  title: text,
  event: text,
  name: text,
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
  | { ok: true; data: FrontMatter; body: string; bodyFirstLine: number; rawMatter: string; problems: FieldProblem[] }
  | { ok: false; problem: FieldProblem };

/** File line (1-based) of `field:` in the front matter, which starts on line 2 after the opening `---`. */
export function frontMatterLine(rawMatter: string, field: string): number | null {
  const match = new RegExp(`^${field}\\s*:`, 'm').exec(rawMatter);
  if (match === null) return null;
  // gray-matter's raw matter starts right after the opening `---`, newline included.
  let line = rawMatter.startsWith('\n') ? 1 : 2;
  for (let index = rawMatter.indexOf('\n'); index !== -1 && index < match.index; index = rawMatter.indexOf('\n', index + 1)) line++;
  return line;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

interface YamlError {
  reason?: unknown;
  mark?: { line?: unknown };
}

/** Splits and checks front matter. `text` has `\n` line ends and no BOM. */
export function readFrontMatter(text: string): FrontMatterResult {
  if (text.startsWith('+++')) {
    return { ok: false, problem: { line: 1, message: 'TOML front matter (+++) is not supported: write it as YAML between --- lines' } };
  }
  if (OPENING.test(text) && !CLOSING.test(text.slice(3))) {
    return { ok: false, problem: { line: 1, message: 'front matter opened with --- is never closed' } };
  }
  let parsed: { data: unknown; content: string; matter?: string };
  try {
    // Options are passed so gray-matter does not cache every file's text in a module-level map.
    parsed = matter(text, {}) as unknown as { data: unknown; content: string; matter?: string };
  } catch (error) {
    const yamlError = error as YamlError;
    const markLine = typeof yamlError.mark?.line === 'number' ? yamlError.mark.line + 2 : null;
    const reason = typeof yamlError.reason === 'string' ? yamlError.reason : describeError(error).split('\n')[0];
    return { ok: false, problem: { line: markLine, message: `front matter is not valid YAML: ${reason}` } };
  }
  const rawMatter = parsed.matter ?? '';
  const body = parsed.content;
  const bodyFirstLine = countLines(text, text.length - body.length) + 1;
  const problems: FieldProblem[] = [];
  const data: FrontMatter = {};
  const raw = parsed.data;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    for (const field of Object.keys(FIELD_SCHEMAS) as Array<keyof FieldSchemas>) {
      const value = record[field];
      if (value === undefined || value === null) continue;
      const result = FIELD_SCHEMAS[field].safeParse(value);
      if (result.success) (data as Record<string, unknown>)[field] = result.data;
      else problems.push({ line: frontMatterLine(rawMatter, field), message: `front matter "${field}" has an unexpected shape (${result.error.issues[0]?.message ?? 'invalid'}); ignored` });
    }
    if (record.date !== undefined) data.date = record.date;
  } else if (rawMatter.trim() !== '') {
    problems.push({ line: 2, message: 'front matter is not a set of "key: value" fields; ignored' });
  }
  return { ok: true, data, body, bodyFirstLine, rawMatter, problems };
}

/**
 * `events.yaml` at the top of a content folder: how its author settles which reports are one event, when the
 * bot's own matching gets it wrong.
 *
 * ```yaml
 * events:
 *   - id: cloud-mastery-3                      # the event's id (in `export`, buttons, links)
 *     name: "AWS Cloud Mastery Series #3"      # optional: the name to show
 *     date: 2025-11-29                         # optional
 *     reports:                                 # report paths as `takeaways check` lists them, or their folders
 *       - 4-EventParticipated/4.5-Event5/
 * separate:                                    # pairs that are never one event
 *   - [4-EventParticipated/4.1-Event1/, 4-EventParticipated/4.2-Event2/]
 * ```
 * Parsed like front matter (YAML core schema, no code, bounded size); a broken file is one problem naming it and
 * its line, and the reports still load without it.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import { z } from 'zod';
import { describeError } from '../errors.js';
import type { ContentProblem, EventOverrides } from './model.js';

export const OVERRIDES_FILES = ['events.yaml', 'events.yml'] as const;
/** Far above any real list of events. */
const MAX_OVERRIDES_BYTES = 256 * 1024;

const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const schema = z
  .object({
    events: z
      .array(
        z.object({
          id: text.pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,79}$/u, { message: 'an id is letters, digits, ".", "_" or "-", up to 80 characters' })),
          name: text.optional(),
          date: text.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date is written YYYY-MM-DD' })).optional(),
          reports: z.array(text).min(1, { message: 'an event lists at least one report' }),
        }),
      )
      .default([]),
    separate: z.array(z.tuple([text, text])).default([]),
  })
  .strict();

export interface OverridesResult {
  overrides: EventOverrides | null;
  problems: ContentProblem[];
}

/** Reads `events.yaml` (or `events.yml`) at the top of `root`, if there is one. Never throws. */
export function readEventOverrides(root: string): OverridesResult {
  for (const name of OVERRIDES_FILES) {
    const path = join(root, name);
    let size: number;
    try {
      const stats = statSync(path);
      if (!stats.isFile()) continue;
      size = stats.size;
    } catch {
      continue;
    }
    const problem = (line: number | null, message: string): OverridesResult => ({ overrides: null, problems: [{ source: name, line, severity: 'error', message }] });
    if (size > MAX_OVERRIDES_BYTES) return problem(null, `is ${Math.round(size / 1024)} KB, over the ${MAX_OVERRIDES_BYTES / 1024} KB limit; not used`);
    let data: unknown;
    try {
      data = loadYaml(readFileSync(path, 'utf8'), { schema: CORE_SCHEMA, json: true }) ?? {};
    } catch (error) {
      if (error instanceof YAMLException) return problem(typeof error.mark?.line === 'number' ? error.mark.line + 1 : null, `is not valid YAML: ${error.reason}; not used`);
      return problem(null, `cannot be read: ${describeError(error)}; not used`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return problem(null, `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'unexpected shape'}; not used (see README, "Which reports are one event")`);
    }
    return { overrides: { events: parsed.data.events, separate: parsed.data.separate }, problems: [] };
  }
  return { overrides: null, problems: [] };
}

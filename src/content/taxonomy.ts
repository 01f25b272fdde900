/**
 * The security areas reports are mapped to. The workshop's five pillars ship as data (taxonomy.json);
 * a user adds areas, or aliases for their own headings, with a YAML or JSON file (env TAXONOMY_FILE).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { parse } from 'yaml';
import { z } from 'zod';
import { ErrorCode, TakeawaysError, describeError } from '../errors.js';
import type { PillarDefinition, Taxonomy } from './model.js';
import bundledTaxonomy from './taxonomy.json' with { type: 'json' };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** The YAML parser, loaded only for a TAXONOMY_FILE in YAML: every command reads the taxonomy, few read such a file. */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as { parse: typeof parse };
  return yaml.parse(text);
}

const textList = z.array(z.string().trim().min(1)).default([]);

const pillarSchema = z.object({
  id: z.string().regex(ID_PATTERN, 'an id is lowercase letters, digits and dashes'),
  number: z.number().int().positive().optional(),
  name: z.string().trim().min(1).optional(),
  description: z.string().trim().optional(),
  /** The name and description in Vietnamese, for members who read the bot in Vietnamese. */
  vi: z.object({ name: z.string().trim().min(1).optional(), description: z.string().trim().optional() }).optional(),
  aliases: textList,
  keywords: textList,
  services: textList,
});

const taxonomyFileSchema = z.union([
  z.object({ pillars: z.array(pillarSchema) }),
  z.array(pillarSchema).transform((pillars) => ({ pillars })),
]);

type PillarEntry = z.infer<typeof pillarSchema>;

function freeze(pillars: PillarDefinition[]): Taxonomy {
  return { pillars: pillars.map((pillar) => ({ ...pillar })).sort((left, right) => left.number - right.number) };
}

function parseBundled(): Taxonomy {
  const parsed = taxonomyFileSchema.parse(bundledTaxonomy);
  return freeze(
    parsed.pillars.map((entry, index) => ({
      id: entry.id,
      number: entry.number ?? index + 1,
      name: entry.name ?? entry.id,
      description: entry.description ?? '',
      ...(entry.vi ? { vi: entry.vi } : {}),
      aliases: entry.aliases,
      keywords: entry.keywords,
      services: entry.services,
    })),
  );
}

/** The workshop's five pillars, in its order: iam, detection, infrastructure, data, incident-response. */
export const defaultTaxonomy: Taxonomy = parseBundled();

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function mergeEntry(base: PillarDefinition, entry: PillarEntry): PillarDefinition {
  return {
    id: base.id,
    number: entry.number ?? base.number,
    name: entry.name ?? base.name,
    description: entry.description ?? base.description,
    ...(base.vi || entry.vi ? { vi: { ...base.vi, ...entry.vi } } : {}),
    aliases: unique([...base.aliases, ...entry.aliases]),
    keywords: unique([...base.keywords, ...entry.keywords]),
    services: unique([...base.services, ...entry.services]),
  };
}

/** Adds a user's areas to a taxonomy: a known id extends that pillar, a new id becomes a new area. */
export function extendTaxonomy(base: Taxonomy, entries: readonly PillarEntry[]): Taxonomy {
  const pillars = base.pillars.map((pillar) => ({ ...pillar }));
  for (const entry of entries) {
    const index = pillars.findIndex((pillar) => pillar.id === entry.id);
    const existing = pillars[index];
    if (existing !== undefined) {
      pillars[index] = mergeEntry(existing, entry);
      continue;
    }
    const nextNumber = Math.max(0, ...pillars.map((pillar) => pillar.number)) + 1;
    pillars.push({
      id: entry.id,
      number: entry.number ?? nextNumber,
      name: entry.name ?? entry.id,
      description: entry.description ?? '',
      ...(entry.vi ? { vi: entry.vi } : {}),
      aliases: entry.aliases,
      keywords: entry.keywords,
      services: entry.services,
    });
  }
  const numbers = new Map<number, string>();
  for (const pillar of pillars) {
    const clash = numbers.get(pillar.number);
    if (clash !== undefined) {
      throw new TakeawaysError(ErrorCode.ConfigInvalid, `taxonomy: areas "${clash}" and "${pillar.id}" both have number ${pillar.number}`);
    }
    numbers.set(pillar.number, pillar.id);
  }
  return freeze(pillars);
}

/**
 * The bundled taxonomy, extended by `extraFile` when given (YAML or JSON: `pillars: [{ id, name, description, vi: { name,
 * description }, aliases, keywords, services, number? }]`). A file that cannot be used is a configuration error, thrown as a
 * `TakeawaysError` naming the file, because answering with a silently different taxonomy would mislead.
 */
export function loadTaxonomy(extraFile?: string): Taxonomy {
  if (extraFile === undefined || extraFile.trim() === '') return defaultTaxonomy;
  let text: string;
  try {
    text = readFileSync(extraFile, 'utf8');
  } catch (error) {
    throw new TakeawaysError(ErrorCode.ConfigInvalid, `taxonomy file ${extraFile}: cannot read it: ${describeError(error)}`, { file: extraFile }, { cause: error });
  }
  let data: unknown;
  try {
    data = extraFile.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new TakeawaysError(ErrorCode.ConfigInvalid, `taxonomy file ${extraFile}: not valid YAML/JSON: ${describeError(error)}`, { file: extraFile }, { cause: error });
  }
  const parsed = taxonomyFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
    throw new TakeawaysError(ErrorCode.ConfigInvalid, `taxonomy file ${extraFile}: ${issues}`, { file: extraFile });
  }
  return extendTaxonomy(defaultTaxonomy, parsed.data.pillars);
}

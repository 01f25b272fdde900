import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGUAGES } from '../../src/core/i18n.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a catalog, a plural key without its suffix, with the plural forms given for it. */
function keysOf(tree: unknown, prefix = '', found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const base = `${prefix}${key.replace(PLURAL, '')}`;
      const forms = found.get(base) ?? new Set<string>();
      const plural = PLURAL.exec(key)?.[1];
      if (plural) forms.add(plural);
      found.set(base, forms);
    } else {
      keysOf(value, `${prefix}${key}.`, found);
    }
  }
  return found;
}

describe('the catalogs', () => {
  const english = keysOf(CATALOGS.en);

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has every English key and no other', (language) => {
    const other = keysOf(CATALOGS[language]);
    expect([...english.keys()].filter((key) => !other.has(key))).toEqual([]);
    expect([...other.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it.each(LANGUAGES)('%s gives every plural form its language needs', (language) => {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [key, forms] of keysOf(CATALOGS[language])) {
      if (forms.size === 0) continue;
      expect([key, [...forms].sort()]).toEqual([key, [...needed].sort()]);
    }
  });
});

/**
 * The code users read through: handlers, renderers, the bot's own notices and the platforms. A string literal there
 * that reads like a sentence (three words or more, starting with a capital letter, or ending a sentence) bypasses the
 * catalog. Log lines and errors for the operator are not the user's and are skipped; so are the few literals below.
 */
const SCANNED = ['src/core/handlers', 'src/core/render', 'src/platforms', 'src/core/create-bot.ts', 'src/core/paginate.ts', 'src/core/commands.ts'];
const ALLOWED = new Set<string>([]);

function filesUnder(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : entry.name.endsWith('.ts') ? [join(path, entry.name)] : []));
}

/** The code without its comments (a sentence in a comment is for developers). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const SENTENCE = /^[A-Z][a-z'’]*(?:[ ,:;]+[A-Za-z'’-]+){2,}|[a-z]{2,}(?: [a-z'’]+){2,}[.!?]$/;
/** Operator-facing: log lines, thrown errors, environment keys and API method names. */
const OPERATOR = /(logger|log)\.(?:debug|info|warn|error|fatal|trace)\(|TakeawaysError\(|new Error\(|describeStartFailure|PlatformRequest|PlatformAuth|ConfigInvalid/;

/** The sentences a user would read in `code`: string literals that read like one, outside log lines and errors. */
function userSentencesIn(source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const match of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const literal = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\$\{[^}]*\}/g, 'x');
    if (!SENTENCE.test(literal) || ALLOWED.has(literal)) continue;
    const before = code.slice(Math.max(0, (match.index ?? 0) - 400), match.index ?? 0);
    const statement = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{\n'), before.lastIndexOf('}\n')) + 1);
    if (!OPERATOR.test(statement)) found.push(literal);
  }
  return found;
}

describe('user-facing strings', () => {
  it('are found by the check when written in code: a title, a hint, a button', () => {
    const code = [
      "return reply({ title: 'No such event', blocks: [] });",
      'const hint = `Try ${command} to see everyone.`;',
      "logger.warn({ id }, 'could not look up a button argument');",
      "throw new TakeawaysError(ErrorCode.ConfigInvalid, 'SLACK_SIGNING_SECRET is required in HTTP mode');",
      "const label = t('page.next'); // Next page of the answer",
    ].join('\n');
    expect(userSentencesIn(code)).toEqual(['No such event', 'Try x to see everyone.']);
  });

  it('come from the catalog in handlers, renderers and platforms', () => {
    const offenders = SCANNED.flatMap(filesUnder).flatMap((file) => userSentencesIn(readFileSync(file, 'utf8')).map((literal) => `${file}: ${literal}`));
    expect(offenders).toEqual([]);
  });
});

import { z } from 'zod';
import { ErrorCode, TakeawaysError } from './errors.js';
import { isLanguage, LANGUAGES, type Language } from './core/i18n.js';
import { TIP_SOURCES, type TipSource } from './core/tips.js';
import { describeCronProblem } from './schedule/tip-schedule.js';
import { cloneFolderOf, parseContentRepository, repositoryCredentials, type ContentRepository } from './sources/content-repository.js';

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

const booleanFlag = optionalText.pipe(
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .optional(),
);

/** A whole number from the environment; an empty value (`PORT=` as .env.example leaves it) means the default. */
const wholeNumber = (minimum: number, maximum: number, fallback: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { message: `expected a whole number from ${minimum} to ${maximum}` })
      .transform(Number)
      .refine((value) => value >= minimum && value <= maximum, { message: `expected a whole number from ${minimum} to ${maximum}` })
      .optional()
      .transform((value) => value ?? fallback),
  );

const tokenWithPrefix = (prefix: string, kind: string) =>
  optionalText.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `expected a ${kind} starting with "${prefix}"`,
  });

/** `C123:vi` → the channel id and the language its tips are posted in (none: BOT_LANG). */
function splitChannelEntry(entry: string): { id: string; language: string | null } {
  const [id = '', language] = entry.split(':');
  return { id: id.trim(), language: language === undefined ? null : language.trim().toLowerCase() };
}

/** A comma-separated list of channel ids (Slack C…/G…, Discord snowflakes), each with an optional `:vi` / `:en`. */
const channelList = (pattern: RegExp, example: string) =>
  optionalText.default('').transform((value, context) => {
    const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean).map(splitChannelEntry);
    const wrong = entries.filter((entry) => !pattern.test(entry.id)).map((entry) => entry.id);
    if (wrong.length > 0) context.addIssue({ code: 'custom', message: `${wrong.join(', ')}: expected comma-separated channel ids such as ${example}` });
    const languages = entries.filter((entry) => entry.language !== null && !isLanguage(entry.language)).map((entry) => `${entry.id}:${entry.language ?? ''}`);
    if (languages.length > 0) context.addIssue({ code: 'custom', message: `${languages.join(', ')}: a channel's language is one of ${LANGUAGES.join(', ')} (as in ${example.split(',')[0] ?? ''}:vi)` });
    return [...new Set(entries.map((entry) => entry.id))];
  });

/** A comma-separated list, trimmed, without empty entries or repeats. */
const commaList = optionalText.default('').transform((value) => [...new Set(value.split(',').map((entry) => entry.trim()).filter(Boolean))]);

/** CONTENT_REPOS: every entry read, each malformed one named. */
const repositoryList = commaList.transform((entries, context) => {
  const repositories: ContentRepository[] = [];
  for (const entry of entries) {
    const parsed = parseContentRepository(entry);
    if (parsed.ok) repositories.push(parsed.repository);
    else context.addIssue({ code: 'custom', message: parsed.problem });
  }
  const byFolder = new Map<string, ContentRepository>();
  for (const repository of repositories) {
    const folder = cloneFolderOf(repository, '.');
    const first = byFolder.get(folder);
    if (first) context.addIssue({ code: 'custom', message: `${first.label} and ${repository.label} are one repository (${repository.host}/${repository.site}); list it once` });
    else byFolder.set(folder, repository);
  }
  return repositories;
});

const DURATION_UNITS_MS = { h: 3_600_000, m: 60_000, s: 1_000 } as const;
/** The shortest sync interval: a host is not asked more often than this. */
export const MIN_SYNC_INTERVAL_MS = 10_000;

/** `10m`, `90s`, `1h`, `1h30m` → milliseconds; `0` → 0 (off). */
const syncInterval = (fallbackMs: number) =>
  optionalText.transform((value, context) => {
    if (value === undefined) return fallbackMs;
    if (/^0+$/.test(value)) return 0;
    const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(value);
    const milliseconds = parts && value !== '' ? Number(parts[1] ?? 0) * DURATION_UNITS_MS.h + Number(parts[2] ?? 0) * DURATION_UNITS_MS.m + Number(parts[3] ?? 0) * DURATION_UNITS_MS.s : Number.NaN;
    if (Number.isNaN(milliseconds)) {
      context.addIssue({ code: 'custom', message: `"${value}" is not a duration; expected one such as 10m, 90s, 1h or 1h30m (0 turns syncing off)` });
      return fallbackMs;
    }
    if (milliseconds < MIN_SYNC_INTERVAL_MS) context.addIssue({ code: 'custom', message: `"${value}" is shorter than ${MIN_SYNC_INTERVAL_MS / 1000}s; expected 10s or more (0 turns syncing off)` });
    return milliseconds;
  });

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const schema = z
  .object({
    // Folders of reports, comma-separated; none (and no CONTENT_REPOS) means ./content, the bundled example.
    CONTENT_DIR: commaList,
    CONTENT_REPOS: repositoryList,
    CONTENT_SYNC_INTERVAL: syncInterval(10 * DURATION_UNITS_MS.m),
    GITHUB_WEBHOOK_SECRET: optionalText,
    // The shape of a page's language suffix (index.vi.md, index.zh-cn.md), which pages are matched against in lower case.
    CONTENT_LANG: optionalText
      .default('en')
      .pipe(z.string().regex(/^[a-z]{2}(?:-[a-z]{2,4})?$/i, { message: 'expected a language code such as en or vi (as in index.vi.md)' }))
      .transform((lang) => lang.toLowerCase()),
    // The language of a user who chose none with /lang and whose app's locale the bot lacks, and of scheduled tips.
    BOT_LANG: optionalText.pipe(z.enum(LANGUAGES, { message: `expected one of ${LANGUAGES.join(', ')}` }).optional()),
    TIP_SOURCES: optionalText.default('lessons').transform((value, context) => {
      const sources = [...new Set(value.split(',').map((source) => source.trim().toLowerCase()).filter(Boolean))];
      const unknown = sources.filter((source) => !TIP_SOURCES.includes(source as TipSource));
      if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: `unknown source ${unknown.join(', ')}; expected some of ${TIP_SOURCES.join(', ')}` });
      } else if (sources.length === 0) {
        context.addIssue({ code: 'custom', message: `names no source; expected at least one of ${TIP_SOURCES.join(', ')} (or leave it unset for lessons)` });
      }
      return sources as TipSource[];
    }),
    TIP_TIMEZONE: optionalText.default('UTC').refine(isTimeZone, { message: 'expected an IANA time zone such as Asia/Ho_Chi_Minh' }),
    TIP_CRON: optionalText.default('0 9 * * 1-5').superRefine((value, context) => {
      const problem = describeCronProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: `"${value}" is not a cron expression: ${problem}` });
    }),
    TIP_CATCH_UP: booleanFlag.default(true),
    TIP_SLACK_CHANNELS: channelList(/^[A-Z0-9]{8,15}$/, 'C0123ABCD,C0456EFGH'),
    TIP_DISCORD_CHANNELS: channelList(/^\d{5,25}$/, '123456789012345678'),
    TAXONOMY_FILE: optionalText,
    DATA_DIR: optionalText.default('./data'),
    REDIS_URL: optionalText.pipe(
      z
        .url({ protocol: /^rediss?$/, message: 'expected a URL such as redis://localhost:6379/0 (rediss:// for TLS)' })
        .refine((url) => /^\/?(\d+)?$/.test(new URL(url).pathname), { message: 'expected a database number after the host, such as redis://localhost:6379/0' })
        .optional(),
    ),
    LOG_LEVEL: optionalText.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()).transform((level) => level ?? 'info'),
    CONTENT_WATCH: booleanFlag.default(true),
    HEALTH_PORT: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, { message: 'expected a port number from 0 to 65535' })
        .transform(Number)
        .refine((port) => port <= 65_535, { message: 'expected a port number from 0 to 65535' })
        .optional(),
    ),
    RATE_LIMIT_PER_MINUTE: wholeNumber(1, 10_000, 10),
    SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 600_000, 10_000),
    SLACK_BOT_TOKEN: tokenWithPrefix('xoxb-', 'Slack bot token'),
    SLACK_APP_TOKEN: tokenWithPrefix('xapp-', 'Slack app-level token'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: optionalText.pipe(z.url({ message: 'expected a URL such as https://slack.com/api/' }).optional()),
    SLACK_COMMAND_PREFIX: optionalText.refine((value) => value === undefined || /^[a-z0-9_-]{1,20}$/.test(value), {
      message: 'expected up to 20 lowercase letters, digits, - or _',
    }),
    PORT: wholeNumber(0, 65_535, 3000),
    DISCORD_TOKEN: optionalText,
    DISCORD_APP_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), { message: 'expected a numeric application id' }),
    DISCORD_GUILD_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), { message: 'expected a numeric server (guild) id' }),
    DISCORD_API_URL: optionalText.pipe(z.url({ message: 'expected a URL such as https://discord.com/api' }).optional()),
  });

export type Config = Omit<z.output<typeof schema>, 'BOT_LANG'> & {
  /** BOT_LANG, else a CONTENT_LANG the bot speaks (its older name), else English. */
  BOT_LANG: Language;
  /** The language of the tips of each configured channel, by target (`slack:C123`): the `:vi` of TIP_*_CHANNELS. */
  TIP_LANG: Readonly<Record<string, Language>>;
};

/** The folder read when no source is configured: this repository's example report. */
export const DEFAULT_CONTENT_DIR = './content';

/** Every key the bot reads, in the order of the schema (for `takeaways doctor`). */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);

/**
 * Reads the environment once, in one place. Every missing or invalid key is reported together,
 * each with its name and what is expected.
 */
export function readConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(environment);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...missingCompanions(environment),
    ...portClashes(environment),
  ];
  if (parsed.success && problems.length === 0) return withLanguages(withDefaultContent(parsed.data), environment);
  throw new TakeawaysError(ErrorCode.ConfigInvalid, `invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
}

/** BOT_LANG with its default, and the language TIP_SLACK_CHANNELS / TIP_DISCORD_CHANNELS give each channel. */
function withLanguages(config: z.output<typeof schema>, environment: Record<string, string | undefined>): Config {
  const tipLanguages: Record<string, Language> = {};
  for (const [platform, key] of [['slack', 'TIP_SLACK_CHANNELS'], ['discord', 'TIP_DISCORD_CHANNELS']] as const) {
    for (const entry of (environment[key] ?? '').split(',').map((part) => part.trim()).filter(Boolean).map(splitChannelEntry)) {
      if (entry.language !== null && isLanguage(entry.language)) tipLanguages[`${platform}:${entry.id}`] = entry.language;
    }
  }
  const contentLanguage = config.CONTENT_LANG;
  const botLanguage = config.BOT_LANG ?? (isLanguage(contentLanguage) ? contentLanguage : 'en');
  return { ...config, BOT_LANG: botLanguage, TIP_LANG: tipLanguages };
}

/** No folder and no repository: the bundled example report, as before there were several sources. */
function withDefaultContent<Keys extends { CONTENT_DIR: string[]; CONTENT_REPOS: ContentRepository[] }>(config: Keys): Keys {
  return config.CONTENT_DIR.length === 0 && config.CONTENT_REPOS.length === 0 ? { ...config, CONTENT_DIR: [DEFAULT_CONTENT_DIR] } : config;
}

const sourceKeys = schema.pick({ CONTENT_DIR: true, CONTENT_REPOS: true, DATA_DIR: true });
export type SourceConfig = z.output<typeof sourceKeys>;

/**
 * Only the keys that say where reports come from (CONTENT_DIR, CONTENT_REPOS, DATA_DIR), for the commands that read
 * reports and nothing else (`check`, `export`): a mistake in an unrelated key does not stop them.
 */
export function readSourceConfig(environment: Record<string, string | undefined> = process.env): SourceConfig {
  const parsed = sourceKeys.safeParse(environment);
  if (parsed.success) return withDefaultContent(parsed.data);
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  throw new TakeawaysError(ErrorCode.ConfigInvalid, `invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
}

/** Keys that only work together; checked on the raw values so they are reported with every other problem. */
function missingCompanions(environment: Record<string, string | undefined>): string[] {
  const isSet = (key: string) => Boolean(environment[key]?.trim());
  const problems: string[] = [];
  if (isSet('SLACK_BOT_TOKEN') && !isSet('SLACK_APP_TOKEN') && !isSet('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
    problems.push('SLACK_APP_TOKEN: required for Slack Socket Mode (or set SLACK_SIGNING_SECRET for HTTP)');
  }
  if ((isSet('SLACK_APP_TOKEN') || isSet('SLACK_SIGNING_SECRET')) && !isSet('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when other Slack keys are set (a bot token starting with "xoxb-")');
  }
  if (isSet('DISCORD_TOKEN') && !isSet('DISCORD_APP_ID')) {
    problems.push('DISCORD_APP_ID: required with DISCORD_TOKEN (the application id from the Developer Portal)');
  }
  return problems;
}

/** Slack's HTTP receiver and the health server cannot share a port; checked on the raw values, like the companions. */
function portClashes(environment: Record<string, string | undefined>): string[] {
  const value = (key: string) => environment[key]?.trim() ?? '';
  const slackHttp = value('SLACK_BOT_TOKEN') !== '' && value('SLACK_APP_TOKEN') === '';
  const port = value('PORT') || '3000';
  const healthPort = value('HEALTH_PORT');
  if (!slackHttp || healthPort === '' || !/^\d+$/.test(port) || Number(port) === 0 || Number(healthPort) !== Number(port)) return [];
  return [`HEALTH_PORT: the same port as PORT (${Number(port)}), where Slack's HTTP receiver listens; leave HEALTH_PORT unset to serve health there too, or pick another port`];
}

/** Every secret value of the configuration, so the logger can blank them out wherever they appear. */
export function configSecrets(config: Config): string[] {
  return [
    config.SLACK_BOT_TOKEN,
    config.SLACK_APP_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.DISCORD_TOKEN,
    config.GITHUB_WEBHOOK_SECRET,
    ...config.CONTENT_REPOS.flatMap(repositoryCredentials),
  ].filter((value): value is string => Boolean(value));
}

export function slackEnabled(config: Config): boolean {
  return config.SLACK_BOT_TOKEN !== undefined;
}

/** Slack's HTTP receiver listens on PORT (Socket Mode, with SLACK_APP_TOKEN, listens on nothing). */
export function slackOverHttp(config: Config): boolean {
  return slackEnabled(config) && !config.SLACK_APP_TOKEN;
}

export function discordEnabled(config: Config): boolean {
  return config.DISCORD_TOKEN !== undefined;
}

import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are secrets wherever they appear in a log record. */
const SECRET_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

export const REDACTED = '[redacted]';

/**
 * Secrets that can hide inside any string: error messages, URLs, request dumps.
 * Applied to every serialized line, so nothing escapes through a message or a nested error.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]{6,}/g,
  /\bxapp-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: three base64url parts separated by dots.
  /\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}\b/g,
  /\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{10,}/g,
];
/** `scheme://user:password@host`: the password goes. */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s"]*:)[^@\s"/]+@/gi;

export interface LoggerOptions {
  level?: string;
  /** Human-readable output for a terminal; JSON lines otherwise. */
  pretty?: boolean;
  destination?: DestinationStream;
  /** Exact secret values (tokens, signing secret) to blank out wherever they appear. */
  secrets?: readonly (string | undefined)[];
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Blanks out known secret shapes and the given secret values in one serialized log line. */
export function redactSecrets(line: string, secrets: readonly string[] = []): string {
  let clean = line;
  for (const secret of secrets) clean = clean.replace(new RegExp(escapeForPattern(secret), 'g'), REDACTED);
  for (const pattern of SECRET_PATTERNS) clean = clean.replace(pattern, REDACTED);
  return clean.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
}

/** The one structured logger of the process; everything else receives it (or a child) by injection. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  // Short values could match ordinary words; real secrets are long.
  const secrets = (options.secrets ?? []).filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  // JSON-escaped forms too, in case a secret holds characters JSON escapes.
  const allForms = [...new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))];
  const base = {
    level,
    redact: { paths: SECRET_PATHS, censor: REDACTED },
    hooks: { streamWrite: (line: string) => redactSecrets(line, allForms) },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(base, pino.destination(2));
}

/** A logger that drops everything: for tests and one-shot commands that print their own output. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

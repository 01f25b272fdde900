import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are secrets wherever they appear in a log record. */
const SECRET_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** Human-readable output for a terminal; JSON lines otherwise. */
  pretty?: boolean;
  destination?: DestinationStream;
}

/** The one structured logger of the process; everything else receives it (or a child) by injection. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const redact = { paths: SECRET_PATHS, censor: '[redacted]' };
  if (options.destination) return pino({ level, redact }, options.destination);
  if (options.pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level, redact }, pino.destination(2));
}

/** A logger that drops everything: for tests and one-shot commands that print their own output. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const PINO_TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
};

/**
 * Bolt and its Web API client log through our one structured logger (so redaction applies);
 * the level stays the process's level, not Bolt's.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    const error = parts.find((part): part is Error => part instanceof Error);
    const message = parts
      .filter((part) => part !== error)
      .map((part) => (typeof part === 'string' ? part : safeStringify(part)))
      .join(' ');
    if (error) logger[level]({ err: error }, message || error.message);
    else logger[level](message);
  };
  return {
    debug: (...parts: unknown[]) => write('debug', parts),
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    setLevel: () => undefined,
    getLevel: () => PINO_TO_BOLT[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

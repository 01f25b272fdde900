import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import type { ContentModel } from '../../src/content/model.js';
import { createBot } from '../../src/core/create-bot.js';
import type { Bot, BotUser } from '../../src/core/bot-api.js';
import { createLibrary, type Library } from '../../src/core/library.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/** A logger whose JSON lines a test can read. */
export function createCapturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface TestBot {
  bot: Bot;
  library: Library;
  store: MemoryStore;
  logs: () => Record<string, unknown>[];
}

export const consoleUser: BotUser = { platform: 'console', id: 'tester', channelId: 'console' };

export function createTestBot(model: ContentModel, options: { now?: Date; lang?: string } = {}): TestBot {
  const library = createLibrary(model, defaultTaxonomy, { lang: options.lang ?? 'en' });
  const store = new MemoryStore();
  const { logger, lines } = createCapturingLogger();
  const now = options.now ?? new Date('2026-03-02T09:00:00Z');
  const bot = createBot({ library, store, logger, clock: () => now });
  return { bot, library, store, logs: lines };
}

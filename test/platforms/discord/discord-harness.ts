import type { Bot } from '../../../src/core/bot-api.js';
import { createBot } from '../../../src/core/create-bot.js';
import { createLibrary, type Library } from '../../../src/core/library.js';
import { defaultTaxonomy } from '../../../src/content/taxonomy.js';
import type { ContentModel } from '../../../src/content/model.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { pillarChoicesFromTaxonomy } from '../../../src/platforms/discord/command-registration.js';
import { startDiscord, type DiscordOptions, type DiscordPlatform } from '../../../src/platforms/discord/discord-platform.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import { FakeDiscord } from '../../fakes/fake-discord.js';
import { modelOf, workshopEvent } from '../../support/sample-model.js';

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger whose JSON lines land in an array, so a test can check what an operator would read. */
export function captureLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void records.push(JSON.parse(line) as LogRecord) } });
  return { logger, records };
}

export const TODAY = new Date('2025-12-01T09:00:00Z');

export function sampleLibrary(model: ContentModel = modelOf(workshopEvent())): Library {
  return createLibrary(model, defaultTaxonomy);
}

export function sampleBot(store: Store, logger: Logger, library: Library = sampleLibrary()): Bot {
  return createBot({ library, store, logger, clock: () => TODAY });
}

export interface DiscordHarness {
  fake: FakeDiscord;
  platform: DiscordPlatform;
  store: Store;
  bot: Bot;
  records: LogRecord[];
  close(): Promise<void>;
}

/** The real discord.js platform, logged in to a fresh fake Discord, over the real core. */
export async function startHarness(
  options: { bot?: (store: Store, logger: Logger) => Bot; store?: Store; fake?: FakeDiscord; platform?: Partial<DiscordOptions> } = {},
): Promise<DiscordHarness> {
  const fake = options.fake ?? (await FakeDiscord.start());
  const store = options.store ?? new MemoryStore();
  const { logger, records } = captureLogger();
  const bot = options.bot ? options.bot(store, logger) : sampleBot(store, logger);
  const platform = await startDiscord({
    bot,
    store,
    logger,
    token: fake.token,
    appId: fake.appId,
    apiUrl: fake.apiUrl,
    pillarChoices: pillarChoicesFromTaxonomy(defaultTaxonomy),
    ...options.platform,
  });
  return {
    fake,
    platform,
    store,
    bot,
    records,
    async close() {
      await platform.stop();
      await fake.close();
    },
  };
}

/** Everything a user reads in a Discord message body: content, embed titles, descriptions, fields, footers. */
export function visibleText(body: unknown): string {
  const message = (body ?? {}) as { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[] };
  const parts = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]), embed.footer?.text ?? '');
  }
  return parts.join('\n');
}

/** The custom_ids of a message body's buttons, in order. */
export function buttonIds(body: unknown): string[] {
  const rows = ((body ?? {}) as { components?: { components?: { custom_id?: string }[] }[] }).components ?? [];
  return rows.flatMap((row) => (row.components ?? []).map((button) => button.custom_id ?? ''));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

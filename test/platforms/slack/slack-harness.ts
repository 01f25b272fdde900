/** Starts the real Slack platform over the real core, pointed at the fake Slack. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { ContentModel } from '../../../src/content/model.js';
import type { Bot, CommandRequest } from '../../../src/core/bot-api.js';
import { createBot } from '../../../src/core/create-bot.js';
import { createLibrary } from '../../../src/core/library.js';
import type { Logger } from '../../../src/logger.js';
import { startSlack, type SlackOptions, type SlackPlatform } from '../../../src/platforms/slack/slack-platform.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { fixtureModel, fixtureTaxonomy } from './workshop-fixture.js';

export const SIGNING_SECRET = 'harness-signing-secret';
export const NOW = new Date('2026-03-02T09:00:00Z');

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose records a test can read back. */
export function createCapturingLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) records.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, destination), records };
}

export function createFixtureBot(store: MemoryStore, logger: Logger, model: ContentModel = fixtureModel, commandsPerMinute?: number): Bot {
  return createBot({ library: createLibrary(model, fixtureTaxonomy, { lang: 'en' }), store, logger, clock: () => NOW, ...(commandsPerMinute ? { commandsPerMinute } : {}) });
}

export type RecordingBot = Bot & { runs: CommandRequest[]; routed: string[] };

/** The real bot, with every request and routed text kept, and optionally slowed down. */
export function recordRuns(bot: Bot, delayMs = 0): RecordingBot {
  const runs: CommandRequest[] = [];
  const routed: string[] = [];
  return {
    commands: bot.commands,
    runs,
    routed,
    async run(request) {
      runs.push(request);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return bot.run(request);
    },
    routeText(text, user) {
      routed.push(text);
      return bot.routeText(text, user);
    },
    suggest: (source, partial, limit, language) => bot.suggest(source, partial, limit, language),
    tipOfTheDay: (date, target, language) => bot.tipOfTheDay(date, target, language),
    languageOf: (user) => bot.languageOf(user),
    defaultLanguage: bot.defaultLanguage,
    resolveButton: (id) => bot.resolveButton(id),
  };
}

export interface Harness {
  fake: FakeSlack;
  slack: SlackPlatform;
  store: MemoryStore;
  bot: RecordingBot;
  records: LogRecord[];
  /** The HTTP receiver's URL (HTTP mode). */
  url: string;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<SlackOptions, 'bot' | 'store' | 'logger'>> {
  botDelayMs?: number;
  /** The reports the bot answers from (default: the workshop fixture). */
  model?: ContentModel;
  /** The bot's per-user rate limit (default: none). */
  commandsPerMinute?: number;
  /** The state store (default: a fresh one); several harnesses may share one, as copies of the bot share Redis. */
  store?: MemoryStore;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  const { logger, records } = createCapturingLogger();
  const { botDelayMs, model, commandsPerMinute, store = new MemoryStore(), ...slackOptions } = options;
  const bot = recordRuns(createFixtureBot(store, logger, model, commandsPerMinute), botDelayMs);
  const slack = await startSlack({
    bot,
    store,
    logger,
    botToken: 'xoxb-harness',
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    clock: () => NOW,
    ...slackOptions,
  });
  return {
    fake,
    slack,
    store,
    bot,
    records,
    url: `http://127.0.0.1:${slack.port ?? 0}/slack/events`,
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}

/** Every piece of text in a Block Kit payload, for checking what a user would read. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => key === 'text' || key === 'blocks' || key === 'elements' || key === 'fields' || key === 'accessory')
      .map(([, inner]) => textOf(inner))
      .join('\n');
  }
  return '';
}

/** Every button in a Block Kit payload. */
export function buttonsOf(blocks: unknown): { text: string; action_id: string }[] {
  if (!Array.isArray(blocks)) return [];
  const found: { text: string; action_id: string }[] = [];
  for (const block of blocks as Record<string, unknown>[]) {
    const elements = [...(Array.isArray(block['elements']) ? block['elements'] : []), ...(block['accessory'] ? [block['accessory']] : [])] as Record<string, unknown>[];
    for (const element of elements) {
      if (element['type'] === 'button') found.push({ text: textOf(element['text']), action_id: String(element['action_id']) });
    }
  }
  return found;
}

/** A controllable clock, fake platforms that show messages as Slack and Discord would, and schedulers over a store. */
import type { Logger } from '../../src/logger.js';
import type { PostOutcome, TipPoster, TipPosters } from '../../src/schedule/tip-posters.js';
import { TipSchedule } from '../../src/schedule/tip-schedule.js';
import { TipScheduler, type TipSchedulerOptions } from '../../src/schedule/tip-scheduler.js';
import type { Store } from '../../src/store/store.js';
import { createCapturingLogger } from '../support/test-bot.js';

export interface ShownMessage {
  channelId: string;
  /** The tip's day, as the platform would render it. */
  when: Date;
  id: string;
}

/**
 * A chat platform seen from the scheduler: it shows messages, may fail the next requests, and may be cut
 * off mid-request (the message is shown, the answer never comes back: what a kill -9 looks like).
 * With `dedupes`, a repeated request with the same key returns the first message, as Discord's nonce does.
 */
export class FakeTipPlatform implements TipPoster {
  readonly shown: ShownMessage[] = [];
  readonly requests: { channelId: string; dedupeKey: string }[] = [];
  private readonly failures: Extract<PostOutcome, { ok: false }>[] = [];
  private cutOff = 0;
  private readonly byKey = new Map<string, ShownMessage>();

  constructor(readonly dedupes: boolean) {}

  failNext(outcome: Extract<PostOutcome, { ok: false }>, count = 1): void {
    for (let index = 0; index < count; index += 1) this.failures.push(outcome);
  }

  /** The next request shows its message and never answers. */
  cutOffNext(): void {
    this.cutOff += 1;
  }

  post(channelId: string, when: Date, dedupeKey: string): Promise<PostOutcome> {
    this.requests.push({ channelId, dedupeKey });
    const failure = this.failures.shift();
    if (failure) return Promise.resolve(failure);
    const key = `${channelId}\u0000${dedupeKey}`;
    let message = this.dedupes ? this.byKey.get(key) : undefined;
    if (!message) {
      message = { channelId, when, id: `m${this.shown.length + 1}` };
      this.shown.push(message);
      this.byKey.set(key, message);
    }
    if (this.cutOff > 0) {
      this.cutOff -= 1;
      return new Promise(() => undefined);
    }
    return Promise.resolve({ ok: true, messageId: message.id });
  }

  shownIn(channelId: string): ShownMessage[] {
    return this.shown.filter((message) => message.channelId === channelId);
  }
}

export class TestClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface SchedulerSetup {
  store: Store;
  clock: TestClock;
  posters: TipPosters;
  cron?: string;
  timeZone?: string;
  catchUp?: boolean;
  slack?: string[];
  discord?: string[];
  owner?: string;
  logger?: Logger;
  overrides?: Partial<TipSchedulerOptions>;
}

export interface TestScheduler {
  scheduler: TipScheduler;
  logs: () => Record<string, unknown>[];
  sleeps: number[];
}

/** A scheduler as start-up builds it, with the clock, sleeps and logs in the test's hands. */
export function createTestScheduler(setup: SchedulerSetup): TestScheduler {
  const captured = createCapturingLogger();
  const sleeps: number[] = [];
  const scheduler = new TipScheduler({
    schedule: new TipSchedule(setup.cron ?? '0 9 * * 1-5', setup.timeZone ?? 'Asia/Ho_Chi_Minh'),
    store: setup.store,
    posters: setup.posters,
    channels: { slack: setup.slack ?? ['C0TIPS'], discord: setup.discord ?? ['300000000000000001'] },
    logger: setup.logger ?? captured.logger,
    catchUp: setup.catchUp ?? true,
    clock: setup.clock.now,
    owner: setup.owner ?? `test/${Math.random().toString(16).slice(2, 10)}`,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...setup.overrides,
  });
  return { scheduler, logs: captured.lines, sleeps };
}

/** The log records whose message contains `text`. */
export function logsWith(logs: Record<string, unknown>[], text: string): Record<string, unknown>[] {
  return logs.filter((record) => String(record['msg']).includes(text));
}

type StoreMethod = { [Name in keyof Store]: Store[Name] extends (...args: never[]) => Promise<unknown> ? Name : never }[keyof Store];

/**
 * A store that fails chosen calls as a Redis blip or a busy SQLite file would: `before` the write (nothing
 * changes), or `after` it (the write is applied and the answer is lost).
 */
export class FlakyStore {
  readonly store: Store;
  private readonly failures: { method: StoreMethod; when: 'before' | 'after'; matches: (args: unknown[]) => boolean }[] = [];

  constructor(inner: Store) {
    this.store = new Proxy(inner, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const index = this.failures.findIndex((failure) => failure.method === property && failure.matches(args));
          const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
          if (!failure) return (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
          if (failure.when === 'after') await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
          throw new Error(`${String(property)}: read ECONNRESET`);
        };
      },
    });
  }

  failNext(method: StoreMethod, when: 'before' | 'after' = 'before', matches: (args: unknown[]) => boolean = () => true): void {
    this.failures.push({ method, when, matches });
  }
}

/** Matches `renewSlotPost` when it records that a request is being sent. */
export const isAttempt = (args: unknown[]): boolean => (args[2] as { attempt?: boolean } | undefined)?.attempt === true;

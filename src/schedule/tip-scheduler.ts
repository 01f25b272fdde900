import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SlotFinish, SlotLease, SlotPostRecord, Store } from '../store/store.js';
import type { Slot, TipSchedule } from './tip-schedule.js';
import type { TipPosters } from './tip-posters.js';
import { listTipTargets, type ConfiguredChannels, type TipTarget } from './tip-targets.js';

/** What became of one target of a slot. */
export type TargetStatus =
  /** Posted now, by this process. */
  | 'posted'
  /** A record says it was posted before (restart, another replica, a repeated call). */
  | 'already-posted'
  /** Given up after the bounded retries (now or before); logged with the channel. */
  | 'failed'
  /** Its outcome cannot be known and re-posting could show it twice: not retried, logged with the command to post by hand. */
  | 'in-doubt'
  /** Another live owner (or a concurrent call of this one) is posting it right now, or the store failed and the next run tries again. */
  | 'in-progress';

export interface TargetOutcome {
  target: string;
  status: TargetStatus;
  messageId?: string;
  error?: string;
}

export interface SlotRun {
  slot: Slot;
  outcomes: TargetOutcome[];
}

export interface RetryPolicy {
  /** Post requests in all, the first included. */
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface TipSchedulerOptions {
  schedule: TipSchedule;
  store: Store;
  posters: TipPosters;
  channels: ConfiguredChannels;
  logger: Logger;
  /** TIP_CATCH_UP: post a slot missed while down, later the same local day. */
  catchUp: boolean;
  clock?: () => Date;
  /** Who this process is in slot records; unique per process run. */
  owner?: string;
  /** How long a claim is held without renewal; renewed while a post is under way. */
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Whether the process that holds a record is known to be gone before its lease ends. */
  isOwnerGone?: (owner: string) => boolean;
  /** With catch-up off, how late a slot may still start (a restart or a replica taking over at the slot). */
  lateGraceMs?: number;
  /** How long after a Discord post began a retry is still shown once (Discord checks nonces "in the past few minutes"). */
  dedupeWindowMs?: number;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 2_000, maxDelayMs: 30_000 };
export const DEFAULT_LATE_GRACE_MS = 15 * 60_000;
export const DEFAULT_DEDUPE_WINDOW_MS = 2 * 60_000;

/** `host/pid/random`: the process that holds a claim, recognisable on its own host. */
export function processOwnerId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

/**
 * True when `owner` names another process of this host that no longer runs (a crash or kill -9), so its
 * claims need not wait for their lease. Elsewhere, or when unsure, the lease decides.
 */
export function isLocalOwnerGone(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Posts the tip of each slot once per target. The store records the intent before a post and the result
 * after, so a restart, a second replica or a repeated call finds the record instead of posting again.
 *
 * A record left pending by a process that died (its lease ran out, or its pid is gone on this host) is
 * "in doubt": the post may or may not have been shown.
 * - If no request had been sent yet (`attemptedAt` empty), it is posted: nothing can be shown twice.
 * - Discord, within the dedupe window of the first request: posted again with the same nonce, and Discord
 *   returns the first message instead of showing a second.
 * - Otherwise (Slack has no such key; an older Discord request): not retried, so never shown twice,
 *   and a warning names the channel and `takeaways post-tip --to …` to post it by hand.
 * A record this process holds but no call of it is working on was left by a store failure part-way
 * (a Redis blip, SQLite busy). The next run takes it up at once, not after its lease: a result this process
 * knew but could not write is written then; a post none of whose requests can have been shown (none was
 * sent, or each was refused) is posted; otherwise the rule above applies.
 */
export class TipScheduler {
  readonly owner: string;
  private readonly options: TipSchedulerOptions;
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly isOwnerGone: (owner: string) => boolean;
  private readonly logger: Logger;
  private queue: Promise<unknown> = Promise.resolve();
  /** The (slot, target) pairs a call of this process is working on right now. */
  private readonly inHand = new Set<string>();
  /** Results known here that the store failed to record, written at the next run. */
  private readonly unrecorded = new Map<string, FinishedPost>();
  /** Posts with a request sent whose message may have been shown: no answer yet, or one that left it unknown. */
  private readonly mayBeShown = new Set<string>();
  /** The targets already warned about this slot because their platform is not running here. */
  private stoppedWarned = { slot: '', targets: new Set<string>() };

  constructor(options: TipSchedulerOptions) {
    this.options = options;
    this.owner = options.owner ?? processOwnerId();
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.isOwnerGone = options.isOwnerGone ?? isLocalOwnerGone;
    this.logger = options.logger.child({ component: 'tip-schedule' });
  }

  get schedule(): TipSchedule {
    return this.options.schedule;
  }

  /**
   * Posts the latest due slot of the current local day, if any target still needs it: what the cron
   * trigger, the periodic sweep and start-up (catch-up) all call. A slot of an earlier day is never posted.
   */
  runDueSlot(now: Date = this.clock()): Promise<SlotRun | null> {
    return this.serialise(async () => {
      const slot = this.options.schedule.latestDue(now);
      if (!slot) return null;
      const lateMs = now.getTime() - slot.at.getTime();
      if (!this.options.catchUp && lateMs > (this.options.lateGraceMs ?? DEFAULT_LATE_GRACE_MS)) {
        this.logger.debug({ slot: slot.id, lateMs }, 'slot missed while down; TIP_CATCH_UP is off, so it is not posted');
        return null;
      }
      return this.postSlot(slot);
    });
  }

  /** Posts one slot (scheduled or an operator's `post-tip`) to `targets`, default every target of the slot. */
  runSlot(slot: Slot, targets?: readonly TipTarget[]): Promise<SlotRun> {
    return this.serialise(() => this.postSlot(slot, targets));
  }

  /** Resolves when the calls under way have finished. */
  async whenIdle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(work);
    this.queue = run;
    return run;
  }

  private async postSlot(slot: Slot, only?: readonly TipTarget[]): Promise<SlotRun> {
    const all = only ?? (await listTipTargets(this.options.store, this.options.channels, slot.at));
    const targets = all.filter((target) => this.options.posters[target.platform]);
    // A result kept for another slot is never asked for again: only the latest due slot is ever run.
    for (const kept of [this.unrecorded, this.mayBeShown]) for (const key of kept.keys()) if (!key.startsWith(`${slot.id}\u0000`)) kept.delete(key);
    this.warnStoppedPlatforms(slot, all.filter((target) => !this.options.posters[target.platform]));
    const known = new Map((await this.options.store.readSlotPosts(slot.id)).map((record) => [record.target, record]));
    const outcomes: TargetOutcome[] = [];
    for (const target of targets) {
      const record = known.get(target.key);
      // A finished record needs no claim: the common case of the periodic sweep costs one read.
      if (record && record.state !== 'pending') {
        outcomes.push(finishedOutcome(record));
        continue;
      }
      try {
        outcomes.push(await this.postToTarget(slot, target));
      } catch (error) {
        this.logger.error({ err: error, slot: slot.id, target: target.key }, 'the slot record could not be read or written; this target is left for the next run');
        outcomes.push({ target: target.key, status: 'in-progress', error: describeError(error) });
      }
    }
    const count = (status: TargetStatus) => outcomes.filter((outcome) => outcome.status === status).length;
    const posted = count('posted');
    if (posted > 0 || count('failed') > 0 || count('in-doubt') > 0) {
      this.logger.info(
        { slot: slot.id, at: slot.at.toISOString(), posted, alreadyPosted: count('already-posted'), failed: count('failed'), inDoubt: count('in-doubt'), inProgress: count('in-progress') },
        'tip slot posted',
      );
    }
    return { slot, outcomes };
  }

  /** Once per slot and target, not at every sweep: the platform stays off until a restart with its token. */
  private warnStoppedPlatforms(slot: Slot, skipped: readonly TipTarget[]): void {
    if (this.stoppedWarned.slot !== slot.id) this.stoppedWarned = { slot: slot.id, targets: new Set() };
    const warned = this.stoppedWarned.targets;
    const fresh = skipped.filter((target) => !warned.has(target.key));
    for (const platform of new Set(fresh.map((target) => target.platform))) {
      const keys = fresh.filter((target) => target.platform === platform).map((target) => target.key);
      for (const key of keys) warned.add(key);
      const named = keys.length > 5 ? `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more` : keys.join(', ');
      this.logger.warn({ slot: slot.id, platform, targets: keys }, `${platform} is not running in this process, so ${named} ${keys.length === 1 ? 'gets' : 'get'} no tip for this slot; set its token`);
    }
  }

  private lease(slot: Slot, target: TipTarget): SlotLease {
    return { slot: slot.id, target: target.key, owner: this.owner, leaseMs: this.leaseMs, now: this.clock() };
  }

  private async postToTarget(slot: Slot, target: TipTarget): Promise<TargetOutcome> {
    const key = postKey(slot, target);
    if (this.inHand.has(key)) return { target: target.key, status: 'in-progress' };
    this.inHand.add(key);
    try {
      return await this.resolveTarget(slot, target);
    } finally {
      this.inHand.delete(key);
    }
  }

  private async resolveTarget(slot: Slot, target: TipTarget): Promise<TargetOutcome> {
    const store = this.options.store;
    const claim = await store.claimSlotPost(this.lease(slot, target));
    if (claim.claimed) return this.deliver(slot, target);
    const record = claim.record;
    if (record.state !== 'pending') return finishedOutcome(record);
    const now = this.clock().getTime();
    // A record of this process that no call of it is working on was left by a store failure: its "holder" is gone.
    const abandoned = record.owner === this.owner;
    if (!abandoned && record.leaseUntil > now && !this.isOwnerGone(record.owner)) {
      return { target: target.key, status: 'in-progress' };
    }

    // In doubt: the holder is gone. Taking the record over first means one process resolves it.
    const taken = await store.renewSlotPost(this.lease(slot, target), record.owner);
    if (!taken) return { target: target.key, status: 'in-progress' };
    if (abandoned) {
      const known = this.unrecorded.get(postKey(slot, target));
      if (known) {
        this.logger.info({ slot: slot.id, target: target.key, outcome: known.outcome.state }, 'recording the result the store failed to take before');
        return this.finish(slot, target, known.outcome, known.status);
      }
      if (!this.mayBeShown.has(postKey(slot, target))) {
        this.logger.info({ slot: slot.id, target: target.key }, 'a post cut short by a store failure had shown nothing; posting it');
        return this.deliver(slot, target);
      }
    }
    const poster = this.options.posters[target.platform];
    const attemptedAt = record.attemptedAt ? Date.parse(record.attemptedAt) : null;
    const dedupeWindowMs = this.options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
    if (attemptedAt === null) {
      this.logger.info({ slot: slot.id, target: target.key, previousOwner: record.owner }, 'a claimed post was never sent before its process stopped; posting it');
      return this.deliver(slot, target);
    }
    if (poster?.dedupes && now - attemptedAt <= dedupeWindowMs) {
      this.logger.info({ slot: slot.id, target: target.key, previousOwner: record.owner }, 'a post was cut off before its result was recorded; posting again with the same nonce, so it is shown once');
      return this.deliver(slot, target);
    }
    const holder = abandoned ? 'this process' : record.owner;
    return this.giveUpInDoubt(slot, target, `in doubt: ${holder} began posting at ${record.attemptedAt} and stopped before recording the result`);
  }

  private async deliver(slot: Slot, target: TipTarget): Promise<TargetOutcome> {
    const store = this.options.store;
    const poster = this.options.posters[target.platform];
    if (!poster) return this.finish(slot, target, { state: 'failed', error: `${target.platform} is not running` });
    // Renewing while the post is under way keeps the claim short-lived yet never lost to a slow platform.
    const heartbeat = setInterval(() => {
      store.renewSlotPost(this.lease(slot, target), this.owner).catch((error: unknown) => this.logger.warn({ err: error, slot: slot.id, target: target.key }, 'could not renew the claim'));
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    const key = postKey(slot, target);
    // Once any attempt may have shown the tip, a later refusal does not undo that: the post stays "may be shown".
    let anyMayHavePosted = this.mayBeShown.has(key);
    try {
      for (let attempt = 1; ; attempt += 1) {
        const started = await store.renewSlotPost(this.lease(slot, target), this.owner, { attempt: true });
        if (!started) {
          this.logger.warn({ slot: slot.id, target: target.key }, 'another process took this post over; leaving it to them');
          return { target: target.key, status: 'in-progress' };
        }
        this.mayBeShown.add(key);
        const result = await poster.post(target.channelId, slot.at, slot.id, target.language);
        if (!result.ok && result.mayHavePosted) anyMayHavePosted = true;
        if (result.ok || !anyMayHavePosted) this.mayBeShown.delete(key);
        if (result.ok) return this.finish(slot, target, { state: 'done', messageId: result.messageId });
        if (result.mayHavePosted && !poster.dedupes) {
          return this.giveUpInDoubt(slot, target, `outcome unknown: ${result.error}`);
        }
        if (result.permanent || attempt >= this.retry.attempts) {
          // An earlier attempt may have shown it: say so rather than invite a second copy by hand.
          if (anyMayHavePosted) return this.giveUpInDoubt(slot, target, `outcome unknown after ${attempt} attempts: ${result.error}`);
          this.logger.error({ slot: slot.id, target: target.key, channel: target.channelId, error: result.error, attempts: attempt }, `could not post the tip to ${target.key}: ${result.error}`);
          return this.finish(slot, target, { state: 'failed', error: result.error });
        }
        const delayMs = Math.min(this.retry.firstDelayMs * 4 ** (attempt - 1), this.retry.maxDelayMs);
        this.logger.warn({ slot: slot.id, target: target.key, error: result.error, attempt, delayMs }, 'posting the tip failed; retrying');
        await this.sleep(delayMs);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async giveUpInDoubt(slot: Slot, target: TipTarget, reason: string): Promise<TargetOutcome> {
    this.logger.warn(
      { slot: slot.id, target: target.key, channel: target.channelId, reason },
      `the tip for ${slot.id} may or may not have reached ${target.key}; it is not re-posted, so it is never shown twice. If it is missing there, post it by hand: takeaways post-tip --to ${target.key}`,
    );
    return this.finish(slot, target, { state: 'failed', error: reason }, 'in-doubt');
  }

  /** Records the result; if the store fails, keeps it for the next run (the record stays this process's). */
  private async finish(slot: Slot, target: TipTarget, outcome: SlotFinish['outcome'], status?: TargetStatus): Promise<TargetOutcome> {
    const key = postKey(slot, target);
    let recorded: boolean;
    try {
      recorded = await this.options.store.finishSlotPost({ slot: slot.id, target: target.key, owner: this.owner, now: this.clock(), outcome });
    } catch (error) {
      this.unrecorded.set(key, { outcome, ...(status ? { status } : {}) });
      throw error;
    }
    this.unrecorded.delete(key);
    if (!recorded) this.logger.warn({ slot: slot.id, target: target.key, outcome: outcome.state }, 'the result came after another process took the post over; its record stands');
    return outcome.state === 'done'
      ? { target: target.key, status: 'posted', messageId: outcome.messageId }
      : { target: target.key, status: status ?? 'failed', error: outcome.error };
  }
}

interface FinishedPost {
  outcome: SlotFinish['outcome'];
  /** How the outcome is reported when not plainly posted or failed (in doubt). */
  status?: TargetStatus;
}

function postKey(slot: Slot, target: TipTarget): string {
  return `${slot.id}\u0000${target.key}`;
}

function finishedOutcome(record: SlotPostRecord): TargetOutcome {
  if (record.state === 'done') return { target: record.target, status: 'already-posted', ...(record.messageId ? { messageId: record.messageId } : {}) };
  const inDoubt = record.error?.startsWith('in doubt') || record.error?.startsWith('outcome unknown');
  return { target: record.target, status: inDoubt ? 'in-doubt' : 'failed', ...(record.error ? { error: record.error } : {}) };
}

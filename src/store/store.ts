/**
 * The bot's state behind one interface: an embedded SQLite file by default, Redis for replicas,
 * and an in-memory store for tests and throwaway consoles.
 */

export type PlatformName = 'console' | 'slack' | 'discord';

export interface Subscription {
  platform: PlatformName;
  userId: string;
  /** Where the daily tip goes, e.g. a Slack DM channel id; null until the platform has opened one. */
  channelId: string | null;
  since: string;
}

export interface Store {
  /** Returns true when the user was not yet subscribed. */
  subscribe(subscription: Subscription): Promise<boolean>;
  /** Returns true when the user was subscribed. */
  unsubscribe(platform: PlatformName, userId: string): Promise<boolean>;
  isSubscribed(platform: PlatformName, userId: string): Promise<boolean>;
  listSubscriptions(): Promise<Subscription[]>;
  /** The language a user chose with `/lang` (`vi`, `en`), or null when they chose none (or went back to `auto`). */
  getLanguage(platform: PlatformName, userId: string): Promise<string | null>;
  /** Keeps a user's chosen language; null forgets it, so their app's locale decides again. */
  setLanguage(platform: PlatformName, userId: string, language: string | null): Promise<void>;
  /** Small named values, e.g. the hash of the last Discord command registration. */
  getValue(key: string): Promise<string | null>;
  setValue(key: string, value: string): Promise<void>;

  /**
   * Records the intent to post `slot` to `target`, before posting: the first claim creates a pending
   * record held by `owner` until the lease ends; any later claim gets the existing record back instead.
   * This is what makes a post happen once across restarts, replicas and retried calls.
   */
  claimSlotPost(lease: SlotLease): Promise<SlotClaim>;
  /**
   * Extends the lease of a pending record held by `heldBy`, for `lease.owner`: the holder renews its own,
   * another owner takes over one whose holder is gone. `attempt` records that a post is being sent now.
   * Null when the record is no longer pending under `heldBy` (someone else resolved it first).
   */
  renewSlotPost(lease: SlotLease, heldBy: string, options?: { attempt?: boolean }): Promise<SlotPostRecord | null>;
  /** Records the result: false when `owner` no longer held the pending record (nothing is changed then). */
  finishSlotPost(finish: SlotFinish): Promise<boolean>;
  /** Every record of a slot, in claim order. */
  readSlotPosts(slot: string): Promise<SlotPostRecord[]>;
  /**
   * A named lease for `ttlMs` (e.g. "this replica runs the 09:00 trigger"): true for the one owner that
   * got it; false while another owner holds it.
   */
  acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  /**
   * Checks for /readyz, by name: a store on a server reports whether it is connected now (`redis`);
   * an embedded store has no outage to report and returns none.
   */
  readiness(): Record<string, boolean>;
  close(): Promise<void>;
}

/** A claim or renewal: who holds a slot's post to a target, until when. */
export interface SlotLease {
  /** The slot's local date-time in TIP_TIMEZONE (`2026-03-02T09:00:00`), or a manual post's name. */
  slot: string;
  /** `slack:C123`, `discord:123` */
  target: string;
  owner: string;
  leaseMs: number;
  now: Date;
}

export type SlotClaim = { claimed: true; record: SlotPostRecord } | { claimed: false; record: SlotPostRecord };

export interface SlotFinish {
  slot: string;
  target: string;
  owner: string;
  now: Date;
  outcome: { state: 'done'; messageId: string } | { state: 'failed'; error: string };
}

export type SlotPostState = 'pending' | 'done' | 'failed';

export interface SlotPostRecord {
  slot: string;
  target: string;
  state: SlotPostState;
  owner: string;
  /** Epoch milliseconds: a pending record is its owner's until then. */
  leaseUntil: number;
  claimedAt: string;
  /** When the latest post request began; null while none was sent (nothing can have been posted). */
  attemptedAt: string | null;
  attempts: number;
  finishedAt: string | null;
  messageId: string | null;
  error: string | null;
}

/** How long slot records are kept: longer than any catch-up (which never reaches an earlier day). */
export const SLOT_RECORD_RETENTION_MS = 4 * 86_400_000;

/** The record a first claim creates. */
export function newSlotPostRecord(lease: SlotLease): SlotPostRecord {
  return {
    slot: lease.slot,
    target: lease.target,
    state: 'pending',
    owner: lease.owner,
    leaseUntil: lease.now.getTime() + lease.leaseMs,
    claimedAt: lease.now.toISOString(),
    attemptedAt: null,
    attempts: 0,
    finishedAt: null,
    messageId: null,
    error: null,
  };
}

/** The record after a renewal (or take-over) by `lease.owner`. */
export function renewedSlotPostRecord(record: SlotPostRecord, lease: SlotLease, attempt: boolean): SlotPostRecord {
  return {
    ...record,
    owner: lease.owner,
    leaseUntil: lease.now.getTime() + lease.leaseMs,
    ...(attempt ? { attemptedAt: lease.now.toISOString(), attempts: record.attempts + 1 } : {}),
  };
}

/** The record after its result. */
export function finishedSlotPostRecord(record: SlotPostRecord, finish: SlotFinish): SlotPostRecord {
  return {
    ...record,
    state: finish.outcome.state,
    finishedAt: finish.now.toISOString(),
    messageId: finish.outcome.state === 'done' ? finish.outcome.messageId : null,
    error: finish.outcome.state === 'failed' ? finish.outcome.error : null,
  };
}

/** Whether `owner` may change this record: only a pending record, and only its holder. */
export function isHeldBy(record: SlotPostRecord | undefined, owner: string): record is SlotPostRecord {
  return record !== undefined && record.state === 'pending' && record.owner === owner;
}

import {
  finishedSlotPostRecord,
  isHeldBy,
  newSlotPostRecord,
  renewedSlotPostRecord,
  type PlatformName,
  type SlotClaim,
  type SlotFinish,
  type SlotLease,
  type SlotPostRecord,
  type Store,
  type Subscription,
} from './store.js';

/** State in memory: for tests and for a console session that should leave nothing behind. */
export class MemoryStore implements Store {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly values = new Map<string, string>();
  private readonly languages = new Map<string, string>();
  private readonly slotPosts = new Map<string, SlotPostRecord>();
  private readonly leases = new Map<string, { owner: string; until: number }>();

  async subscribe(subscription: Subscription): Promise<boolean> {
    const key = `${subscription.platform}:${subscription.userId}`;
    const isNew = !this.subscriptions.has(key);
    this.subscriptions.set(key, { ...subscription });
    return isNew;
  }

  async unsubscribe(platform: PlatformName, userId: string): Promise<boolean> {
    return this.subscriptions.delete(`${platform}:${userId}`);
  }

  async isSubscribed(platform: PlatformName, userId: string): Promise<boolean> {
    return this.subscriptions.has(`${platform}:${userId}`);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return [...this.subscriptions.values()].map((subscription) => ({ ...subscription }));
  }

  async getLanguage(platform: PlatformName, userId: string): Promise<string | null> {
    return this.languages.get(`${platform}:${userId}`) ?? null;
  }

  async setLanguage(platform: PlatformName, userId: string, language: string | null): Promise<void> {
    if (language === null) this.languages.delete(`${platform}:${userId}`);
    else this.languages.set(`${platform}:${userId}`, language);
  }

  async getValue(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async setValue(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async claimSlotPost(lease: SlotLease): Promise<SlotClaim> {
    const key = `${lease.slot}\u0000${lease.target}`;
    const existing = this.slotPosts.get(key);
    if (existing) return { claimed: false, record: { ...existing } };
    const record = newSlotPostRecord(lease);
    this.slotPosts.set(key, record);
    return { claimed: true, record: { ...record } };
  }

  async renewSlotPost(lease: SlotLease, heldBy: string, options: { attempt?: boolean } = {}): Promise<SlotPostRecord | null> {
    const key = `${lease.slot}\u0000${lease.target}`;
    const existing = this.slotPosts.get(key);
    if (!isHeldBy(existing, heldBy)) return null;
    const record = renewedSlotPostRecord(existing, lease, options.attempt ?? false);
    this.slotPosts.set(key, record);
    return { ...record };
  }

  async finishSlotPost(finish: SlotFinish): Promise<boolean> {
    const key = `${finish.slot}\u0000${finish.target}`;
    const existing = this.slotPosts.get(key);
    if (!isHeldBy(existing, finish.owner)) return false;
    this.slotPosts.set(key, finishedSlotPostRecord(existing, finish));
    return true;
  }

  async readSlotPosts(slot: string): Promise<SlotPostRecord[]> {
    return [...this.slotPosts.values()].filter((record) => record.slot === slot).map((record) => ({ ...record }));
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const held = this.leases.get(name);
    if (held && held.until > now.getTime()) return false;
    this.leases.set(name, { owner, until: now.getTime() + ttlMs });
    return true;
  }

  readiness(): Record<string, boolean> {
    return {};
  }

  async close(): Promise<void> {}
}

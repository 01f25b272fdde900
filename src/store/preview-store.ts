import { MemoryStore } from './memory-store.js';
import type { PlatformName, SlotClaim, SlotFinish, SlotLease, SlotPostRecord, Store, Subscription } from './store.js';

/**
 * The real state, read but never written: what a one-shot answer (`takeaways ask`) needs to show exactly
 * what the running bot would (today's tip from the real rotation) without changing anything. Writes land in
 * memory and are gone when the process ends.
 */
export class PreviewStore implements Store {
  private readonly scratch = new MemoryStore();

  constructor(private readonly real: Store) {}

  subscribe(subscription: Subscription): Promise<boolean> {
    return this.scratch.subscribe(subscription);
  }

  unsubscribe(platform: PlatformName, userId: string): Promise<boolean> {
    return this.scratch.unsubscribe(platform, userId);
  }

  async isSubscribed(platform: PlatformName, userId: string): Promise<boolean> {
    return (await this.scratch.isSubscribed(platform, userId)) || this.real.isSubscribed(platform, userId);
  }

  listSubscriptions(): Promise<Subscription[]> {
    return this.real.listSubscriptions();
  }

  async getLanguage(platform: PlatformName, userId: string): Promise<string | null> {
    return (await this.scratch.getLanguage(platform, userId)) ?? this.real.getLanguage(platform, userId);
  }

  setLanguage(platform: PlatformName, userId: string, language: string | null): Promise<void> {
    return this.scratch.setLanguage(platform, userId, language);
  }

  async getValue(key: string): Promise<string | null> {
    return (await this.scratch.getValue(key)) ?? this.real.getValue(key);
  }

  setValue(key: string, value: string): Promise<void> {
    return this.scratch.setValue(key, value);
  }

  claimSlotPost(lease: SlotLease): Promise<SlotClaim> {
    return this.scratch.claimSlotPost(lease);
  }

  renewSlotPost(lease: SlotLease, heldBy: string, options?: { attempt?: boolean }): Promise<SlotPostRecord | null> {
    return this.scratch.renewSlotPost(lease, heldBy, options);
  }

  finishSlotPost(finish: SlotFinish): Promise<boolean> {
    return this.scratch.finishSlotPost(finish);
  }

  readSlotPosts(slot: string): Promise<SlotPostRecord[]> {
    return this.real.readSlotPosts(slot);
  }

  acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    return this.scratch.acquireLease(name, owner, ttlMs, now);
  }

  readiness(): Record<string, boolean> {
    return this.real.readiness();
  }

  async close(): Promise<void> {
    await this.real.close();
  }
}

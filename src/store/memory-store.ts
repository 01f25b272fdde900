import type { PlatformName, Store, Subscription } from './store.js';

/** State in memory: for tests and for a console session that should leave nothing behind. */
export class MemoryStore implements Store {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly values = new Map<string, string>();

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

  async getValue(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async setValue(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async close(): Promise<void> {}
}

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
  /** Small named values, e.g. the hash of the last Discord command registration. */
  getValue(key: string): Promise<string | null>;
  setValue(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

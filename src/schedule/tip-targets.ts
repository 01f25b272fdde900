import { ErrorCode, TakeawaysError } from '../errors.js';
import { languageOfLocale, type Language } from '../core/i18n.js';
import type { Store } from '../store/store.js';

/** The platforms that receive the tip. */
export type TipPlatform = 'slack' | 'discord';

/** One place the tip goes: a configured channel or a subscriber's DM channel. */
export interface TipTarget {
  platform: TipPlatform;
  channelId: string;
  /** `slack:C123`: the name slot records and operator commands use. */
  key: string;
  /** Who asked for it: the configuration, or a user who subscribed. */
  origin: 'channel' | 'subscriber';
  /** The language of its post: the channel's `:vi` in TIP_*_CHANNELS, the subscriber's own; none: BOT_LANG. */
  language?: Language;
}

export interface ConfiguredChannels {
  slack: readonly string[];
  discord: readonly string[];
  /** Each configured channel's language, by target key (`slack:C123`). */
  languages?: Readonly<Record<string, Language>>;
}

export function tipTarget(platform: TipPlatform, channelId: string, origin: TipTarget['origin']): TipTarget {
  return { platform, channelId, key: `${platform}:${channelId}`, origin };
}

/** Reads `slack:C123` or `discord:123` (the `--to` of `takeaways post-tip`). */
export function parseTipTarget(text: string): TipTarget {
  const match = /^(slack|discord):([A-Za-z0-9]+)$/.exec(text.trim());
  if (!match) throw new TakeawaysError(ErrorCode.ArgumentInvalid, `--to ${text}: expected slack:CHANNEL_ID or discord:CHANNEL_ID, e.g. slack:C0123ABCD or discord:123456789012345678`);
  return tipTarget(match[1] as TipPlatform, match[2] as string, 'channel');
}

/**
 * Where the tip of a slot goes: the configured channels, then every subscriber who had subscribed by
 * the slot's time (someone subscribing at 10:00 starts with the next slot, not a late DM for 09:00).
 * Each channel once, even when it is both configured and a subscriber's.
 */
export async function listTipTargets(store: Store, channels: ConfiguredChannels, slotAt: Date): Promise<TipTarget[]> {
  const inLanguage = (target: TipTarget, language: Language | null | undefined): TipTarget => (language ? { ...target, language } : target);
  const targets = [
    ...channels.slack.map((channelId) => inLanguage(tipTarget('slack', channelId, 'channel'), channels.languages?.[`slack:${channelId}`])),
    ...channels.discord.map((channelId) => inLanguage(tipTarget('discord', channelId, 'channel'), channels.languages?.[`discord:${channelId}`])),
  ];
  for (const subscription of await store.listSubscriptions()) {
    if (subscription.platform === 'console' || !subscription.channelId) continue;
    if (Date.parse(subscription.since) > slotAt.getTime()) continue;
    // A subscriber gets the language they chose with /lang (their app's locale is not known outside a request).
    const chosen = languageOfLocale(await store.getLanguage(subscription.platform, subscription.userId));
    targets.push(inLanguage(tipTarget(subscription.platform, subscription.channelId, 'subscriber'), chosen));
  }
  const seen = new Set<string>();
  return targets.filter((target) => !seen.has(target.key) && seen.add(target.key));
}

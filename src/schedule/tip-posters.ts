import type { Language } from '../core/i18n.js';
import type { TipPlatform } from './tip-targets.js';

/** What a failed post request means for the scheduler, in no platform's vocabulary. */
export interface PostFailureClass {
  /** The request may have reached the platform and created the message (a timeout, a 5xx). */
  mayHavePosted: boolean;
  /** Retrying cannot help (unknown channel, bot not in it, bad token). */
  permanent: boolean;
}

/** What one post request came to, as the scheduler needs to know it. */
export type PostOutcome = { ok: true; messageId: string } | ({ ok: false; error: string } & PostFailureClass);

/** How the scheduler posts to one platform. */
export interface TipPoster {
  /**
   * True when the platform shows a repeated request with the same `dedupeKey` once (Discord's nonce with
   * enforce_nonce, for a few minutes): such a post may be retried when its outcome is unknown.
   */
  readonly dedupes: boolean;
  /** Posts the tip of `when`'s day, in `language` (default BOT_LANG); never throws. */
  post(channelId: string, when: Date, dedupeKey: string, language?: Language): Promise<PostOutcome>;
}

export type TipPosters = Partial<Record<TipPlatform, TipPoster>>;

/** A platform's own post: its message id, or its own error string, never a throw. */
export type PlatformPost = (channelId: string, when: Date, dedupeKey: string, language?: Language) => Promise<{ ok: true; messageId: string } | { ok: false; error: string }>;

/**
 * A poster over one platform: the platform posts and says what its error strings mean (its `classify`
 * lives next to it), so the scheduler learns no platform's error vocabulary.
 */
export function createTipPoster(post: PlatformPost, platform: { dedupes: boolean; classify(error: string): PostFailureClass }): TipPoster {
  return {
    dedupes: platform.dedupes,
    async post(channelId, when, dedupeKey, language) {
      const result = await post(channelId, when, dedupeKey, language);
      if (result.ok) return { ok: true, messageId: result.messageId };
      return { ok: false, error: result.error, ...platform.classify(result.error) };
    },
  };
}

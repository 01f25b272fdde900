import type { TipPlatform } from './tip-targets.js';

/** What one post request came to, as the scheduler needs to know it. */
export type PostOutcome =
  | { ok: true; messageId: string }
  | {
      ok: false;
      error: string;
      /** The request may have reached the platform and created the message (a timeout, a 5xx). */
      mayHavePosted: boolean;
      /** Retrying cannot help (unknown channel, bot not in it, bad token). */
      permanent: boolean;
    };

/** How the scheduler posts to one platform. */
export interface TipPoster {
  /**
   * True when the platform shows a repeated request with the same `dedupeKey` once (Discord's nonce with
   * enforce_nonce, for a few minutes): such a post may be retried when its outcome is unknown.
   */
  readonly dedupes: boolean;
  /** Posts the tip of `when`'s day; never throws. */
  post(channelId: string, when: Date, dedupeKey: string): Promise<PostOutcome>;
}

export type TipPosters = Partial<Record<TipPlatform, TipPoster>>;

/** Slack's postTip result: a Slack error string when Slack answered, else a coarse class. */
type SlackPostResult = { ok: true; ts: string } | { ok: false; error: string };
type DiscordPostResult = { ok: true; messageId: string } | { ok: false; error: string };

/** Slack answered and created nothing, and a later try may work. */
const SLACK_TRANSIENT = new Set(['ratelimited', 'service_unavailable', 'request_timeout', 'team_added_to_org']);
/**
 * The outcome is unknown: the request failed in transit, or Slack failed part-way
 * ("it's possible some aspect of the operation succeeded", says Slack's `internal_error`).
 */
const SLACK_UNKNOWN = /^(request_failed|unknown_error|unexpected_error|internal_error|fatal_error|http_\w+)$/;

/** Slack has no idempotency key for chat.postMessage, so a post whose outcome is unknown is not retried. */
export function slackTipPoster(slack: { postTip(channelId: string, when?: Date): Promise<SlackPostResult> }): TipPoster {
  return {
    dedupes: false,
    async post(channelId, when) {
      const result = await slack.postTip(channelId, when);
      if (result.ok) return { ok: true, messageId: result.ts };
      const mayHavePosted = SLACK_UNKNOWN.test(result.error);
      return { ok: false, error: result.error, mayHavePosted, permanent: !mayHavePosted && !SLACK_TRANSIENT.has(result.error) };
    },
  };
}

/** Discord errors a retry cannot fix: the channel, the access or the token. */
const DISCORD_PERMANENT = /Unknown Channel|Missing Access|Missing Permissions|Cannot send messages to this user|401: Unauthorized|Invalid Form Body/i;

/** Discord's nonce makes a retried post show once, so every failure may be retried (bounded). */
export function discordTipPoster(discord: { postTip(channelId: string, when?: Date, dedupeKey?: string): Promise<DiscordPostResult> }): TipPoster {
  return {
    dedupes: true,
    async post(channelId, when, dedupeKey) {
      const result = await discord.postTip(channelId, when, dedupeKey);
      if (result.ok) return { ok: true, messageId: result.messageId };
      return { ok: false, error: result.error, mayHavePosted: true, permanent: DISCORD_PERMANENT.test(result.error) };
    },
  };
}

import { webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot-api.js';
import type { Language } from '../../core/i18n.js';
import { renderOutgoingMessage } from './slack-message.js';
import type { Logger } from '../../logger.js';
import { callSlackApi, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from './slack-api-call.js';
import type { PostFailureClass } from '../../schedule/tip-posters.js';

export type PostTipResult = { ok: true; ts: string } | { ok: false; error: string };

/** The code of a post that failed before any request left for Slack: nothing can have been posted. */
export const NOT_SENT = 'not_sent';

export interface SlackTipContext {
  client: webApi.WebClient;
  bot: Bot;
  logger: Logger;
  rateLimit?: RateLimitPolicy;
}

/**
 * Posts the tip of `when`'s day to a channel; failures are logged with the channel and returned, never thrown:
 * Slack's error string when Slack answered, a coarse class (`request_failed`, `http_503`) when it did not,
 * `not_sent` when the post failed before its request (the tip could not be worked out or rendered).
 */
export async function postSlackTip(context: SlackTipContext, channelId: string, when: Date, language?: Language): Promise<PostTipResult> {
  const { client, bot, logger } = context;
  let sent = false;
  try {
    const tip = await bot.tipOfTheDay(when, `slack:${channelId}`, language);
    const message = renderOutgoingMessage({ ...tip, ephemeral: false });
    const result = await callSlackApi(
      () => {
        sent = true;
        return client.chat.postMessage({ unfurl_links: false, unfurl_media: false, channel: channelId, ...message });
      },
      logger,
      { method: 'chat.postMessage', channel: channelId, purpose: 'daily tip' },
      context.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY,
    );
    if (!result.ok) return result;
    return { ok: true, ts: result.value.ts ?? '' };
  } catch (error) {
    logger.error({ channel: channelId, err: error, sent }, sent ? 'posting the tip failed' : 'the tip could not be prepared; nothing was sent');
    return { ok: false, error: sent ? 'unexpected_error' : NOT_SENT };
  }
}

/** Slack answered and created nothing, and a later try may work. */
const TRANSIENT = new Set([NOT_SENT, 'ratelimited', 'service_unavailable', 'request_timeout', 'team_added_to_org']);
/**
 * The outcome is unknown: the request failed in transit, or Slack failed part-way
 * ("it's possible some aspect of the operation succeeded", says Slack's `internal_error`).
 */
const OUTCOME_UNKNOWN = /^(request_failed|unknown_error|unexpected_error|internal_error|fatal_error|http_\w+)$/;

/**
 * What a failed `postSlackTip` means for a retry. Slack has no idempotency key for chat.postMessage, so a
 * post that may have been created must not be sent again; any other error Slack gave is final unless
 * it is one of the few that a later try can fix.
 */
export function classifySlackPostError(error: string): PostFailureClass {
  const mayHavePosted = OUTCOME_UNKNOWN.test(error);
  return { mayHavePosted, permanent: !mayHavePosted && !TRANSIENT.has(error) };
}

/**
 * A Web API client alone, for a one-shot command (`takeaways post-tip`): no receiver, no Socket Mode
 * connection, so a running bot's events are not shared with it.
 */
export function createSlackWebClient(botToken: string, apiUrl?: string): webApi.WebClient {
  return new webApi.WebClient(botToken, {
    rejectRateLimitedCalls: true,
    // No silent re-sends: a post whose answer was lost is reported, not repeated (Slack has no idempotency key).
    retryConfig: { retries: 0 },
    timeout: 10_000,
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
  });
}

import { webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot-api.js';
import { renderOutgoingMessage } from './slack-message.js';
import type { Logger } from '../../logger.js';
import { callSlackApi, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from './slack-api-call.js';

export type PostTipResult = { ok: true; ts: string } | { ok: false; error: string };

export interface SlackTipContext {
  client: webApi.WebClient;
  bot: Bot;
  logger: Logger;
  rateLimit?: RateLimitPolicy;
}

/** Posts the tip of `when`'s day to a channel; failures are logged with the channel and returned, never thrown. */
export async function postSlackTip(context: SlackTipContext, channelId: string, when: Date): Promise<PostTipResult> {
  const { client, bot, logger } = context;
  try {
    const tip = await bot.tipOfTheDay(when, `slack:${channelId}`);
    const message = renderOutgoingMessage({ ...tip, ephemeral: false });
    const result = await callSlackApi(
      () => client.chat.postMessage({ unfurl_links: false, unfurl_media: false, channel: channelId, ...message }),
      logger,
      { method: 'chat.postMessage', channel: channelId, purpose: 'daily tip' },
      context.rateLimit ?? DEFAULT_RATE_LIMIT_POLICY,
    );
    if (!result.ok) return result;
    return { ok: true, ts: result.value.ts ?? '' };
  } catch (error) {
    logger.error({ channel: channelId, err: error }, 'posting the tip failed');
    return { ok: false, error: 'unexpected_error' };
  }
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

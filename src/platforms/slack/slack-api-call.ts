import type { Logger } from '../../logger.js';

export type ApiOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface RateLimitPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** A Retry-After longer than this is not waited for: the call fails with `ratelimited`. */
  maxWaitMs: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxAttempts: 3, maxWaitMs: 30_000 };

/**
 * Runs one Web API call, waiting out Slack's 429s as Retry-After asks (bounded), and turns every
 * failure into an error code (`channel_not_found`, `ratelimited`, …) logged with its context,
 * so a caller such as the scheduler never sees a throw.
 */
export async function callSlackApi<T>(
  call: () => Promise<T>,
  logger: Logger,
  context: Record<string, unknown>,
  policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY,
): Promise<ApiOutcome<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      const retryAfterMs = rateLimitDelayMs(error);
      if (retryAfterMs !== undefined && attempt < policy.maxAttempts && retryAfterMs <= policy.maxWaitMs) {
        logger.warn({ ...context, attempt, retryAfterMs }, 'slack rate-limited the call; waiting as Retry-After asks');
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
        continue;
      }
      const code = slackErrorCode(error);
      logger.error({ ...context, err: error, error: code, attempt }, 'slack api call failed');
      return { ok: false, error: code };
    }
  }
}

function rateLimitDelayMs(error: unknown): number | undefined {
  if (!isRecord(error) || error['code'] !== 'slack_webapi_rate_limited_error') return undefined;
  const seconds = error['retryAfter'];
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : undefined;
}

/** Slack's own error string when it gave one (`not_in_channel`), else a coarse class of failure. */
export function slackErrorCode(error: unknown): string {
  if (!isRecord(error)) return 'unknown_error';
  const data = error['data'];
  if (isRecord(data) && typeof data['error'] === 'string') return data['error'];
  if (error['code'] === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (error['code'] === 'slack_webapi_http_error') return `http_${String(error['statusCode'] ?? 'error')}`;
  if (error['code'] === 'slack_webapi_request_error') return 'request_failed';
  return 'unknown_error';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

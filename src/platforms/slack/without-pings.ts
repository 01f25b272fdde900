import type { SlackBlock, SlackMessage } from '../../core/render/slack.js';

/** `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<#C…>`, `<!subteam^…>`: Slack's mention and link syntax. */
const SPECIAL_SEQUENCE = /<([!@#]|https?:|mailto:)/gi;
/** The same, without the global flag: `.test()` on a global expression carries state from call to call. */
const HAS_SPECIAL_SEQUENCE = /<([!@#]|https?:|mailto:)/i;

function neutralise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(neutralise);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    copy[key] = record['type'] === 'mrkdwn' && key === 'text' && typeof child === 'string' ? child.replace(SPECIAL_SEQUENCE, '&lt;$1') : neutralise(child);
  }
  // Without verbatim, Slack would still link bare URLs and #channels in mrkdwn.
  if (record['type'] === 'mrkdwn') copy['verbatim'] = true;
  return copy;
}

/**
 * The last check before a message leaves for Slack: whatever the renderer did, no mrkdwn text and no
 * fallback text may carry a mention or a link. (plain_text is never parsed for them.)
 */
export function withoutPings<T extends SlackMessage>(message: T): T {
  if (!HAS_SPECIAL_SEQUENCE.test(JSON.stringify(message))) return message;
  return {
    ...message,
    text: message.text.replace(SPECIAL_SEQUENCE, '&lt;$1'),
    blocks: neutralise(message.blocks) as SlackBlock[],
  };
}

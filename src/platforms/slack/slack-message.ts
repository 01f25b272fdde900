import { renderSlackMessage, type SlackBlock, type SlackMessage } from '../../core/render/slack.js';
import { DEFAULT_LANGUAGE, translator } from '../../core/i18n.js';
import type { Reply } from '../../core/reply.js';
import { withoutPings } from './without-pings.js';

export interface SlashResponse extends SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
}

/**
 * A reply as a slash command answers it (in the ack body or through response_url):
 * private replies stay private and offer "Share in channel" when they can be shared.
 */
export function renderSlashResponse(reply: Reply): SlashResponse {
  const known = renderedSlashResponses.get(reply);
  if (known) return known;
  const message = withoutPings(renderSlackMessage(reply, { shareButton: reply.ephemeral }));
  const response: SlashResponse = { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...message };
  renderedSlashResponses.set(reply, response);
  return response;
}

/** The core hands out the same Reply for a repeated question, so its rendering is kept alongside it. */
const renderedSlashResponses = new WeakMap<Reply, SlashResponse>();

/** Any other outgoing message of the bot (DM answers, in-place updates, posts), checked at the boundary. */
export function renderOutgoingMessage(reply: Reply, options: { shareButton?: boolean } = {}): SlackMessage {
  return withoutPings(renderSlackMessage(reply, options));
}

/**
 * A reply someone shared into the channel: public, no Share button, and says who shared it, by name
 * and in plain text, so sharing never pings anyone (not even the sharer).
 */
export function renderSharedMessage(reply: Reply, sharedBy: string | undefined): SlackMessage {
  const message = renderOutgoingMessage({ ...reply, ephemeral: false }, { shareButton: false });
  const name = sharedBy?.trim().slice(0, 80);
  if (!name) return message;
  const line = translator(reply.language ?? DEFAULT_LANGUAGE)('render.sharedBy', { name });
  const attribution: SlackBlock = { type: 'context', elements: [{ type: 'plain_text', text: line, emoji: false }] };
  const blocks = [...message.blocks];
  const actionsAt = blocks.findIndex((block) => block['type'] === 'actions');
  // The renderer keeps under 50 blocks; replace its last content block rather than exceed the limit.
  if (blocks.length >= 50) blocks.splice(actionsAt >= 0 ? actionsAt - 1 : blocks.length - 1, 1);
  const insertAt = blocks.findIndex((block) => block['type'] === 'actions');
  blocks.splice(insertAt >= 0 ? insertAt : blocks.length, 0, attribution);
  return { text: message.text, blocks };
}

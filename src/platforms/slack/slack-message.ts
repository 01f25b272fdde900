import { renderSlackMessage, type SlackBlock, type SlackMessage } from '../../core/render/slack.js';
import type { Reply } from '../../core/reply.js';

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
  const message = renderSlackMessage(reply, { shareButton: reply.ephemeral });
  const response: SlashResponse = { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...message };
  renderedSlashResponses.set(reply, response);
  return response;
}

/** The core hands out the same Reply for a repeated question, so its rendering is kept alongside it. */
const renderedSlashResponses = new WeakMap<Reply, SlashResponse>();

const SLACK_ID = /^[A-Z0-9]{2,30}$/;

/** A reply someone shared into the channel: public, no Share button, and says who shared it. */
export function renderSharedMessage(reply: Reply, sharedByUserId: string): SlackMessage {
  const message = renderSlackMessage({ ...reply, ephemeral: false }, { shareButton: false });
  if (!SLACK_ID.test(sharedByUserId)) return message;
  const attribution: SlackBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${sharedByUserId}>` }] };
  const actionsAt = message.blocks.findIndex((block) => block['type'] === 'actions');
  const blocks = [...message.blocks];
  // The renderer keeps under 50 blocks; replace its last content block rather than exceed the limit.
  if (blocks.length >= 50) blocks.splice(actionsAt >= 0 ? actionsAt - 1 : blocks.length - 1, 1);
  const insertAt = blocks.findIndex((block) => block['type'] === 'actions');
  blocks.splice(insertAt >= 0 ? insertAt : blocks.length, 0, attribution);
  return { text: message.text, blocks };
}

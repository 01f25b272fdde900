import type { ReplyAction } from '../reply.js';

/** Every button id the bot makes starts with this, so one listener per platform handles them all. */
export const ACTION_ID_PREFIX = 'tk:';
/** Discord's custom_id limit; Slack's action_id allows 255, so the smaller one rules. */
export const MAX_ACTION_ID_LENGTH = 100;

export interface DecodedAction {
  action: ReplyAction;
  share: boolean;
}

/**
 * `tk:<flags>:<command>:<page>:<variant>:<args>`; args are cut to fit the 100-character limit
 * (arguments are short by nature; a cut search query still finds what the user saw).
 */
export function encodeActionId(action: ReplyAction, share = false): string {
  const head = `${ACTION_ID_PREFIX}${share ? 's' : ''}:${action.command}:${action.page ?? ''}:${action.variant ?? ''}:`;
  const room = MAX_ACTION_ID_LENGTH - head.length;
  let args = action.args;
  while (args.length > 0 && head.length + args.length > MAX_ACTION_ID_LENGTH) {
    args = args.slice(0, Math.max(0, room));
  }
  return head + args;
}

export function decodeActionId(id: string): DecodedAction | null {
  if (!id.startsWith(ACTION_ID_PREFIX)) return null;
  const parts = id.slice(ACTION_ID_PREFIX.length).split(':');
  if (parts.length < 5) return null;
  const [flags, command, page, variant] = parts;
  const args = parts.slice(4).join(':');
  if (!command || !/^[a-z-]+$/.test(command)) return null;
  const action: ReplyAction = { command, args };
  const pageNumber = parseCount(page);
  const variantNumber = parseCount(variant);
  if (pageNumber !== undefined) action.page = pageNumber;
  if (variantNumber !== undefined) action.variant = variantNumber;
  return { action, share: flags === 's' };
}

function parseCount(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,6}$/.test(text)) return undefined;
  return Number(text);
}

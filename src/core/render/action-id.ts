import { createHash } from 'node:crypto';
import type { Reply, ReplyAction } from '../reply.js';

/** Every button id the bot makes starts with this, so one listener per platform handles them all. */
export const ACTION_ID_PREFIX = 'tk:';
/** Discord's custom_id limit; Slack's action_id allows 255, so the smaller one rules. */
export const MAX_ACTION_ID_LENGTH = 100;
/** 22 base64url characters: 132 bits of SHA-256, so two arguments never share a key in practice. */
const DIGEST_LENGTH = 22;

export interface DecodedAction {
  action: ReplyAction;
  share: boolean;
  /**
   * Set when the argument was too long for the id and the id carries its digest instead: `action.args` is
   * empty until the bot looks the digest up (`Bot.resolveButton`).
   */
  argsDigest?: string;
}

/** A button's argument too long to carry in its id, kept by the bot under its digest. */
export interface LongArgument {
  digest: string;
  args: string;
}

function head(action: ReplyAction, flags: string): string {
  return `${ACTION_ID_PREFIX}${flags}:${action.command}:${action.page ?? ''}:${action.variant ?? ''}:`;
}

/** The short key a long argument is kept under. */
export function digestArguments(args: string): string {
  return createHash('sha256').update(args).digest('base64url').slice(0, DIGEST_LENGTH);
}

/**
 * `tk:<flags>:<command>:<page>:<variant>:<args>`: the argument exactly as given, never cut. When that would be
 * over 100 characters, flag `h` and the argument's digest take its place, and the bot resolves the digest back to
 * the argument it kept when it made the button (see `longArgumentsOf`). Different actions never share an id.
 */
export function encodeActionId(action: ReplyAction, share = false): string {
  const flags = share ? 's' : '';
  const exact = head(action, flags) + action.args;
  if (exact.length <= MAX_ACTION_ID_LENGTH) return exact;
  return head(action, `${flags}h`) + digestArguments(action.args);
}

export function decodeActionId(id: string): DecodedAction | null {
  if (!id.startsWith(ACTION_ID_PREFIX)) return null;
  const parts = id.slice(ACTION_ID_PREFIX.length).split(':');
  if (parts.length < 5) return null;
  const [flags = '', command, page, variant] = parts;
  const args = parts.slice(4).join(':');
  if (!command || !/^[a-z-]+$/.test(command) || !/^s?h?$/.test(flags)) return null;
  const hashed = flags.includes('h');
  if (hashed && !/^[\w-]+$/.test(args)) return null;
  const action: ReplyAction = { command, args: hashed ? '' : args };
  const pageNumber = parseCount(page);
  const variantNumber = parseCount(variant);
  if (pageNumber !== undefined) action.page = pageNumber;
  if (variantNumber !== undefined) action.variant = variantNumber;
  return { action, share: flags.includes('s'), ...(hashed ? { argsDigest: args } : {}) };
}

/** The arguments of a reply's buttons (and its Share action) too long for an id: what the bot must keep to resolve them. */
export function longArgumentsOf(reply: Reply): LongArgument[] {
  const actions: { action: ReplyAction; share: boolean }[] = reply.buttons.map((button) => ({ action: button.action, share: false }));
  if (reply.share) actions.push({ action: reply.share, share: true });
  const found = new Map<string, string>();
  for (const { action, share } of actions) {
    const decoded = decodeActionId(encodeActionId(action, share));
    if (decoded?.argsDigest) found.set(decoded.argsDigest, action.args);
  }
  return [...found].map(([digest, args]) => ({ digest, args }));
}

function parseCount(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,6}$/.test(text)) return undefined;
  return Number(text);
}

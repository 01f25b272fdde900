import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { DiscordMessage } from '../../core/render/discord.js';
import { toChannelMessageBody } from './message-options.js';

/** Discord accepts a nonce of at most 25 characters. */
const NONCE_LENGTH = 25;

/**
 * The same post gets the same nonce, so with `enforce_nonce` Discord returns the message already created
 * instead of showing a retried post twice.
 */
export function messageNonce(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, NONCE_LENGTH);
}

/** Posts a rendered message to a channel through discord.js's REST queue (which handles rate limits). */
export async function postChannelMessage(rest: REST, channelId: string, message: DiscordMessage, nonce: string): Promise<{ id: string }> {
  const created = (await rest.post(Routes.channelMessages(channelId), { body: toChannelMessageBody(message, nonce) })) as { id?: unknown };
  return { id: String(created.id) };
}

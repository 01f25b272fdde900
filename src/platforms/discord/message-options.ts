import { MessageFlags, type InteractionEditReplyOptions, type InteractionReplyOptions, type InteractionUpdateOptions } from 'discord.js';
import type { DiscordMessage } from '../../core/render/discord.js';

/** Whether the rendered message asks to be seen only by the asking user. */
export function isEphemeral(message: DiscordMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** A new interaction reply: the rendered payload as discord.js options, mentions always off. */
export function toReplyOptions(message: DiscordMessage): InteractionReplyOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
    ...(isEphemeral(message) ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * An edit of an existing message (button update, deferred reply): flags cannot change after the fact,
 * and an absent content would keep the previous one, so it is cleared explicitly.
 */
export function toEditOptions(message: DiscordMessage): InteractionEditReplyOptions & InteractionUpdateOptions {
  return { content: message.content ?? '', embeds: message.embeds, components: message.components, allowedMentions: message.allowed_mentions };
}

/** The REST body of a channel message (DM replies, scheduled tips): no interaction-only flags. */
export function toChannelMessageBody(message: DiscordMessage, nonce: string): Record<string, unknown> {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: message.allowed_mentions,
    nonce,
    enforce_nonce: true,
  };
}

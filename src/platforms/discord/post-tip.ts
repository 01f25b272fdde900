import type { REST } from 'discord.js';
import type { Bot } from '../../core/bot-api.js';
import { renderDiscordMessage } from '../../core/render/discord.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { messageNonce, postChannelMessage } from './channel-messages.js';

export type PostTipResult = { ok: true; messageId: string } | { ok: false; error: string };

/**
 * Posts the tip of `when`'s day to a channel; a failure is logged with the channel and returned, never thrown.
 * The nonce is keyed on `dedupeKey` (the scheduler's slot) when given, else on what is posted where: either
 * way a retry of this post repeats it, and with enforce_nonce Discord shows the message once.
 */
export async function postDiscordTip(context: { rest: REST; bot: Bot; logger: Logger }, channelId: string, when: Date, dedupeKey?: string): Promise<PostTipResult> {
  try {
    const { share: _share, ...tip } = await context.bot.tipOfTheDay(when, `discord:${channelId}`);
    const message = renderDiscordMessage({ ...tip, ephemeral: false }, { shareButton: false });
    const nonce = messageNonce('tip', channelId, dedupeKey ?? JSON.stringify(message));
    const posted = await postChannelMessage(context.rest, channelId, message, nonce);
    return { ok: true, messageId: posted.id };
  } catch (error) {
    context.logger.error({ err: error, platform: 'discord', channelId }, 'discord: could not post the tip');
    return { ok: false, error: describeError(error) };
  }
}

import { DiscordAPIError, type REST } from 'discord.js';
import type { Bot } from '../../core/bot-api.js';
import type { Language } from '../../core/i18n.js';
import { renderDiscordMessage, renderDiscordPlainMessage } from '../../core/render/discord.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { PostFailureClass } from '../../schedule/tip-posters.js';
import { messageNonce, postChannelMessage } from './channel-messages.js';

export type PostTipResult = { ok: true; messageId: string } | { ok: false; error: string };

/** The prefix of a post that failed before any request left for Discord: nothing can have been posted. */
export const NOT_SENT = 'not_sent';

/**
 * Posts the tip of `when`'s day to a channel; a failure is logged with the channel and returned, never thrown:
 * discord.js's message, or `not_sent: …` when the post failed before its request (the tip could not be worked
 * out or rendered). The nonce is keyed on `dedupeKey` (the scheduler's slot) when given, else on what is
 * posted where: either way a retry of this post repeats it, and with enforce_nonce Discord shows the message once.
 */
export async function postDiscordTip(
  context: { rest: REST; bot: Bot; logger: Logger },
  channelId: string,
  when: Date,
  dedupeKey?: string,
  options: { embeds?: boolean; language?: Language } = {},
): Promise<PostTipResult> {
  let sent = false;
  try {
    const { share: _share, ...tip } = await context.bot.tipOfTheDay(when, `discord:${channelId}`, options.language);
    // Without Embed Links, Discord posts the message but drops its embeds: the tip goes as plain text instead.
    const message = options.embeds === false ? renderDiscordPlainMessage({ ...tip, ephemeral: false }) : renderDiscordMessage({ ...tip, ephemeral: false }, { shareButton: false });
    const nonce = messageNonce('tip', channelId, dedupeKey ?? JSON.stringify(message));
    sent = true;
    const posted = await postChannelMessage(context.rest, channelId, message, nonce);
    return { ok: true, messageId: posted.id };
  } catch (error) {
    context.logger.error({ err: error, platform: 'discord', channelId, sent }, sent ? 'discord: could not post the tip' : 'discord: the tip could not be prepared; nothing was sent');
    if (!sent) return { ok: false, error: `${NOT_SENT}: ${describeError(error)}` };
    // Discord answers 4xx only for a message it did not create (no access, DMs closed, a bad body).
    if (error instanceof DiscordAPIError && error.status >= 400 && error.status < 500) {
      return { ok: false, error: `${REFUSED}: ${error.status} ${String(error.code)}: ${error.message}` };
    }
    return { ok: false, error: describeError(error) };
  }
}

/** The prefix of a post Discord refused with a 4xx: nothing was created. */
export const REFUSED = 'refused';
/** Discord's code for a user whose direct messages are closed to the bot. */
export const CANNOT_MESSAGE_USER = 50007;

/** Discord errors a retry cannot fix: the channel, the access or the token. */
const PERMANENT = /Unknown Channel|Missing Access|Missing Permissions|Cannot send messages to this user|401: Unauthorized|Invalid Form Body/i;

/**
 * What a failed `postDiscordTip` means for a retry. A request that left may have created the message, but
 * the nonce makes a repeat show it once, so only the errors about the channel, the access or the token are final.
 */
export function classifyDiscordPostError(error: string): PostFailureClass {
  if (error.startsWith(NOT_SENT)) return { mayHavePosted: false, permanent: false };
  // A 4xx created nothing; only a rate limit (429) is worth another try.
  if (error.startsWith(`${REFUSED}: `)) return { mayHavePosted: false, permanent: !error.startsWith(`${REFUSED}: 429 `) };
  return { mayHavePosted: true, permanent: PERMANENT.test(error) };
}

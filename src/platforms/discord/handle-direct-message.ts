import type { Client, Message } from 'discord.js';
import type { Bot, BotUser } from '../../core/bot-api.js';
import { wordSyntax } from '../../core/command-syntax.js';
import { translator } from '../../core/i18n.js';
import { renderDiscordMessage } from '../../core/render/discord.js';
import type { Logger } from '../../logger.js';
import { messageNonce, postChannelMessage } from './channel-messages.js';

export interface DirectMessageContext {
  client: Client<true>;
  bot: Bot;
  logger: Logger;
}

/** Only a person's non-empty direct message is answered: not bots, not the bot itself, not servers. */
export function shouldAnswer(message: Message, botUserId: string): boolean {
  if (message.author.bot || message.author.id === botUserId || message.system) return false;
  if (message.inGuild()) return false;
  return message.content.trim().length > 0;
}

/** Routes a DM through the core (a command, else search) and answers in the same DM; never throws. */
export async function handleDirectMessage(message: Message, context: DirectMessageContext): Promise<void> {
  if (!shouldAnswer(message, context.client.user.id)) return;
  const user: BotUser = {
    platform: 'discord',
    id: message.author.id,
    name: message.author.globalName ?? message.author.username,
    channelId: message.channelId,
    dmChannelId: message.channelId,
    // Typed as words here: a slash in Discord's message box opens its command picker.
    syntax: wordSyntax,
  };
  try {
    const reply = await context.bot.routeText(message.content, user);
    const { share: _share, ...rest } = reply;
    const rendered = renderDiscordMessage({ ...rest, ephemeral: false }, { shareButton: false });
    await postChannelMessage(context.client.rest, message.channelId, rendered, messageNonce('dm', message.id));
  } catch (error) {
    context.logger.error({ err: error, platform: 'discord', channelId: message.channelId, userId: message.author.id }, 'discord: direct message failed');
    const language = await context.bot.languageOf(user);
    const apology = renderDiscordMessage({ language, blocks: [{ kind: 'paragraph', text: translator(language)('render.apology') }], buttons: [], ephemeral: false });
    await postChannelMessage(context.client.rest, message.channelId, apology, messageNonce('dm-apology', message.id)).catch((apologyError: unknown) => {
      context.logger.warn({ err: apologyError, platform: 'discord', channelId: message.channelId }, 'discord: could not send the apology');
    });
  }
}

import {
  DiscordAPIError,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { argumentFromOptions } from '../../core/commands.js';
import type { Bot, BotUser } from '../../core/bot-api.js';
import { translator, type Language } from '../../core/i18n.js';
import { DISCORD_LIMITS, renderDiscordMessage, type DiscordMessage } from '../../core/render/discord.js';
import type { Reply, ReplyAction } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { replyInTime, updateInTime } from './answer-interaction.js';
import { messageNonce, postChannelMessage } from './channel-messages.js';
import { discordCommandSyntax } from './command-syntax.js';
import { CANNOT_MESSAGE_USER } from './post-tip.js';


/** Discord's autocomplete limits: at most 25 choices, each name 1–100 characters, value ≤ 100. */
const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;

export interface InteractionContext {
  bot: Bot;
  logger: Logger;
  deferAfterMs: number;
}

/** Answers one interaction; never throws: a failure is logged and the user gets a private apology. */
export async function handleInteraction(interaction: Interaction, context: InteractionContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await answerAutocomplete(interaction, context);
    else if (interaction.isChatInputCommand()) await answerCommand(interaction, context);
    else if (interaction.isButton()) await answerButton(interaction, context);
  } catch (error) {
    if (error instanceof DiscordAPIError && UNANSWERABLE.has(Number(error.code))) {
      // The interaction is gone (10062: its 3 s passed) or answered elsewhere (40060): an apology would fail the same way.
      context.logger.warn({ err: error, platform: 'discord', code: error.code, ...describeInteraction(interaction) }, 'discord: the interaction can no longer be answered; no apology sent');
      return;
    }
    context.logger.error({ err: error, platform: 'discord', ...describeInteraction(interaction) }, 'discord: interaction failed');
    await apologise(interaction, context);
  }
}

/** Discord's codes for an interaction that takes no more answers: Unknown interaction, already acknowledged. */
const UNANSWERABLE = new Set([10062, 40060]);

function describeInteraction(interaction: Interaction): Record<string, unknown> {
  const what = interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : interaction.isButton() ? { customId: interaction.customId } : {};
  return { ...what, interactionId: interaction.id, userId: interaction.user.id, channelId: interaction.channelId };
}

/** The asker as the core sees them; in a server their DM channel is opened only when a command needs it (subscribe). */
function toBotUser(interaction: ChatInputCommandInteraction | ButtonInteraction, bot: Bot): BotUser {
  // The user's Discord client language ("vi", "en-US") comes with every interaction.
  const user: BotUser = { platform: 'discord', id: interaction.user.id, name: interaction.user.globalName ?? interaction.user.username, syntax: discordCommandSyntax(interaction.locale), locale: interaction.locale };
  if (interaction.channelId) user.channelId = interaction.channelId;
  if (interaction.inGuild()) {
    // A user who blocks DMs from server members cannot be reached: the core then says how to subscribe instead.
    user.openDirectChannel = async () => (await interaction.user.createDM().catch(() => undefined))?.id;
    user.greetSubscriber = async (channelId) => greetSubscriber(interaction, channelId, await bot.languageOf(user));
  }
  else if (interaction.channelId) user.dmChannelId = interaction.channelId;
  return user;
}

/**
 * The first direct message to a new subscriber: it proves the user's DMs are open to the bot (Discord answers 50007
 * when they are not). Any other failure does not refuse the subscription; the posts will tell.
 */
async function greetSubscriber(interaction: ChatInputCommandInteraction | ButtonInteraction, channelId: string, language: Language): Promise<boolean> {
  const greeting = renderDiscordMessage({ language, blocks: [{ kind: 'paragraph', text: translator(language)('subscription.greeting') }], buttons: [], ephemeral: false });
  try {
    await postChannelMessage(interaction.client.rest, channelId, greeting, messageNonce('greeting', interaction.id));
    return true;
  } catch (error) {
    return !(error instanceof DiscordAPIError && Number(error.code) === CANNOT_MESSAGE_USER);
  }
}

/**
 * In a server, a private answer offers "Share"; in the bot's DMs nobody else can see it anyway, so it is
 * a plain message.
 */
function renderForAsker(reply: Reply, inGuild: boolean): DiscordMessage {
  if (inGuild) return renderDiscordMessage(reply, { shareButton: reply.ephemeral });
  return renderPublic(reply);
}

/**
 * A shared answer says who shared it, by name in the last embed's footer (Discord parses no mention or markdown
 * there), so sharing pings nobody; paging it later answers the clicker privately, so the line stays.
 */
function withSharedBy(message: DiscordMessage, name: string, language: Language): DiscordMessage {
  const last = message.embeds.at(-1);
  if (last === undefined) return message;
  const line = translator(language)('render.sharedBy', { name: name.trim().slice(0, 80) });
  const footer = last.footer?.text ? `${last.footer.text}\n${line}` : line;
  return { ...message, embeds: [...message.embeds.slice(0, -1), { ...last, footer: { text: footer.slice(0, DISCORD_LIMITS.footer) } }] };
}

function renderPublic(reply: Reply): DiscordMessage {
  const { share: _share, ...rest } = reply;
  return renderDiscordMessage({ ...rest, ephemeral: false }, { shareButton: false });
}

async function runAction(action: ReplyAction, interaction: ChatInputCommandInteraction | ButtonInteraction, bot: Bot): Promise<Reply> {
  return bot.run({ ...action, user: toBotUser(interaction, bot) });
}

async function answerCommand(interaction: ChatInputCommandInteraction, context: InteractionContext): Promise<void> {
  const declaration = context.bot.commands.find((command) => command.name === interaction.commandName);
  const args = declaration ? argumentFromOptions(declaration, (name) => interaction.options.getString(name)) : interaction.options.data.map((option) => String(option.value ?? '')).join(' ');
  const inGuild = interaction.inGuild();
  const answer = runAction({ command: interaction.commandName, args: args.trim() }, interaction, context.bot).then((reply) => renderForAsker(reply, inGuild));
  await replyInTime(interaction, { answer, deferAfterMs: context.deferAfterMs, deferEphemeral: inGuild });
}

async function answerAutocomplete(interaction: AutocompleteInteraction, context: InteractionContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const declaration = context.bot.commands.find((command) => command.name === interaction.commandName);
  const source = declaration?.options.find((option) => option.name === focused.name)?.suggestions;
  const language = await context.bot.languageOf({ platform: 'discord', id: interaction.user.id, locale: interaction.locale });
  const suggestions = source ? context.bot.suggest(source, String(focused.value), MAX_CHOICES, language) : [];
  const choices = suggestions
    .filter((suggestion) => suggestion.value.length > 0 && suggestion.value.length <= MAX_CHOICE_TEXT && suggestion.name.trim().length > 0)
    .slice(0, MAX_CHOICES)
    .map((suggestion) => ({ name: suggestion.name.length <= MAX_CHOICE_TEXT ? suggestion.name : `${suggestion.name.slice(0, MAX_CHOICE_TEXT - 1)}…`, value: suggestion.value }));
  await interaction.respond(choices);
}

/**
 * Share posts the answer publicly; "next page" and "another tip" replace a private (or DM) message in
 * place, but never rewrite a public message others are reading: there the clicker gets a private answer.
 */
async function answerButton(interaction: ButtonInteraction, context: InteractionContext): Promise<void> {
  const decoded = await context.bot.resolveButton(interaction.customId);
  if (!decoded) {
    context.logger.warn({ platform: 'discord', customId: interaction.customId }, 'discord: a button the bot does not know');
    const t = translator(await context.bot.languageOf(toBotUser(interaction, context.bot)));
    await interaction.reply({ content: t('render.staleButton'), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const inGuild = interaction.inGuild();
  const reply = runAction(decoded.action, interaction, context.bot);
  if (decoded.share) {
    // Only a real answer is shared; a rate-limit notice or an apology goes to the clicker alone.
    const sharer = interaction.user.globalName ?? interaction.user.username;
    const shared = reply.then((answered) =>
      answered.share && !answered.notice ? withSharedBy(renderPublic(answered), sharer, answered.language ?? context.bot.defaultLanguage) : renderForAsker({ ...answered, ephemeral: true }, inGuild),
    );
    await replyInTime(interaction, { answer: shared, deferAfterMs: context.deferAfterMs, deferEphemeral: false });
    return;
  }
  const turnsThePage = decoded.action.page !== undefined || decoded.action.variant !== undefined;
  const privateMessage = !inGuild || interaction.message.flags.has(MessageFlags.Ephemeral);
  if (turnsThePage && privateMessage) {
    // A notice (slow down, an apology) never takes the place of the answer being paged.
    const answer = reply.then((answered) => ({ message: renderForAsker(answered, inGuild), inPlace: answered.notice !== true }));
    await updateInTime(interaction, { answer, deferAfterMs: context.deferAfterMs });
  } else {
    const answer = reply.then((answered) => renderForAsker(answered, inGuild));
    await replyInTime(interaction, { answer, deferAfterMs: context.deferAfterMs, deferEphemeral: inGuild });
  }
}

/** A private apology: the first answer if none was sent, else a follow-up; a pending "thinking…" is replaced. */
async function apologise(interaction: Interaction, context: InteractionContext): Promise<void> {
  const { logger } = context;
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const language = await context.bot.languageOf({ platform: 'discord', id: interaction.user.id, locale: interaction.locale });
    const apology = { content: translator(language)('render.apology'), allowedMentions: { parse: [] as [] } };
    if (interaction.deferred && !interaction.replied && interaction.ephemeral === true) {
      await interaction.editReply(apology);
    } else if (interaction.deferred || interaction.replied) {
      if (interaction.deferred && !interaction.replied && interaction.ephemeral === false) await interaction.deleteReply();
      await interaction.followUp({ ...apology, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.reply({ ...apology, flags: MessageFlags.Ephemeral });
    }
  } catch (error) {
    logger.warn({ err: error, platform: 'discord', interactionId: interaction.id }, 'discord: could not send the apology');
  }
}

import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { DiscordMessage } from '../../core/render/discord.js';
import { isEphemeral, toEditOptions, toReplyOptions } from './message-options.js';

/**
 * Discord drops an interaction not acknowledged within 3 s. An answer not ready after this long is
 * deferred first (the user sees "thinking…"), leaving a margin for the network.
 */
export const DEFAULT_DEFER_AFTER_MS = 2_000;

export interface AnswerOptions {
  /** The answer, already rendered; may take longer than Discord's window. */
  answer: Promise<DiscordMessage>;
  deferAfterMs: number;
  /** How a deferred reply is shown while waiting; it cannot change once deferred. */
  deferEphemeral: boolean;
}

type Outcome = { message: DiscordMessage } | { error: unknown } | null;

async function raceDeadline(answer: Promise<DiscordMessage>, deferAfterMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deferAfterMs);
  });
  try {
    return await Promise.race([answer.then((message) => ({ message }), (error: unknown) => ({ error })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Replies with a new message: at once when the answer is quick, else deferReply then the edit. */
export async function replyInTime(interaction: ChatInputCommandInteraction | ButtonInteraction, options: AnswerOptions): Promise<void> {
  const outcome = await raceDeadline(options.answer, options.deferAfterMs);
  if (outcome && 'error' in outcome) throw outcome.error;
  if (outcome) {
    await interaction.reply(toReplyOptions(outcome.message));
    return;
  }
  await interaction.deferReply(options.deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  const message = await options.answer;
  if (isEphemeral(message) && !options.deferEphemeral) {
    // A public "thinking…" cannot turn private: remove it and answer privately instead.
    await interaction.deleteReply();
    await interaction.followUp(toReplyOptions(message));
    return;
  }
  await interaction.editReply(toEditOptions(message));
}

/** Replaces the message the button sits on: at once when quick, else deferUpdate then the edit. */
export async function updateInTime(interaction: ButtonInteraction, options: Omit<AnswerOptions, 'deferEphemeral'>): Promise<void> {
  const outcome = await raceDeadline(options.answer, options.deferAfterMs);
  if (outcome && 'error' in outcome) throw outcome.error;
  if (outcome) {
    await interaction.update(toEditOptions(outcome.message));
    return;
  }
  await interaction.deferUpdate();
  await interaction.editReply(toEditOptions(await options.answer));
}

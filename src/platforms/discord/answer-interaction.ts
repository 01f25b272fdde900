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

type Outcome<T> = { message: T } | { error: unknown } | null;

async function raceDeadline<T>(answer: Promise<T>, deferAfterMs: number): Promise<Outcome<T>> {
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

/** An answer for the message a button sits on: in its place, or (a notice) beside it, to the clicker alone. */
export interface InPlaceAnswer {
  message: DiscordMessage;
  inPlace: boolean;
}

/**
 * Replaces the message the button sits on: at once when quick, else deferUpdate then the edit. An answer that is
 * not for that place (a rate-limit notice, an apology) leaves the message as it was and goes to the clicker.
 */
export async function updateInTime(interaction: ButtonInteraction, options: { answer: Promise<InPlaceAnswer>; deferAfterMs: number }): Promise<void> {
  const outcome = await raceDeadline(options.answer, options.deferAfterMs);
  if (outcome && 'error' in outcome) throw outcome.error;
  if (outcome) {
    const { message, inPlace } = outcome.message;
    if (inPlace) await interaction.update(toEditOptions(message));
    else await interaction.reply(toReplyOptions(message));
    return;
  }
  await interaction.deferUpdate();
  const { message, inPlace } = await options.answer;
  if (inPlace) await interaction.editReply(toEditOptions(message));
  else await interaction.followUp(toReplyOptions(message));
}

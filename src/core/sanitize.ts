import { stripControlCharacters } from '../content/text.js';

/** The longest argument a command reads; longer input is cut and the user told so. */
export const MAX_ARGUMENT_LENGTH = 200;

/**
 * The most of a message that is read at all: a command word and an argument (cut to MAX_ARGUMENT_LENGTH later)
 * fit many times over. Cutting first keeps every later step bounded, whatever a user pastes.
 */
export const MAX_INPUT_LENGTH = 2000;

/** Removes control characters and collapses whitespace, so user input is one plain line. */
export function cleanInput(text: string): string {
  const bounded = text.length > MAX_INPUT_LENGTH ? text.slice(0, MAX_INPUT_LENGTH) : text;
  return stripControlCharacters(bounded).replace(/\s+/g, ' ').trim();
}

/** The text without the `!`, `.` and `,` it ends with ("tip!" → "tip"), in one backward pass. */
export function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '!.,'.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

export interface CleanArgument {
  value: string;
  truncated: boolean;
}

/** A command argument: cleaned, and cut to MAX_ARGUMENT_LENGTH at a word boundary. */
export function cleanArgument(text: string): CleanArgument {
  const value = cleanInput(text);
  if (value.length <= MAX_ARGUMENT_LENGTH) return { value, truncated: false };
  const cut = value.lastIndexOf(' ', MAX_ARGUMENT_LENGTH);
  return { value: value.slice(0, cut > MAX_ARGUMENT_LENGTH / 2 ? cut : MAX_ARGUMENT_LENGTH), truncated: true };
}

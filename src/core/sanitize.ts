import { stripControlCharacters } from '../content/text.js';

/** The longest argument a command reads; longer input is cut and the user told so. */
export const MAX_ARGUMENT_LENGTH = 200;

/** Removes control characters and collapses whitespace, so user input is one plain line. */
export function cleanInput(text: string): string {
  return stripControlCharacters(text).replace(/\s+/g, ' ').trim();
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

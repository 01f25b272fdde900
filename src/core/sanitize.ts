/** The longest argument a command reads; longer input is cut and the user told so. */
export const MAX_ARGUMENT_LENGTH = 200;

// C0/C1 control characters (except tab and newline) and bidi overrides used to hide or reorder text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this expression
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters and collapses whitespace, so user input is one plain line. */
export function cleanInput(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim();
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

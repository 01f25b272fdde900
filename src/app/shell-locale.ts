/** The shell's locale as POSIX reads it for messages: LC_ALL, else LC_MESSAGES, else LANG (`vi_VN.UTF-8`). */
export function shellLocale(environment: Record<string, string | undefined> = process.env): string | undefined {
  return [environment['LC_ALL'], environment['LC_MESSAGES'], environment['LANG']].find((value) => value !== undefined && value.trim() !== '');
}

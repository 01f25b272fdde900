/** `redis://user:****@host:6379/0`: a URL with its password hidden, safe to print and log. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * Splits text into chunks of at most `limit` characters, at whitespace where possible,
 * so a long answer continues on the next block or page instead of being cut mid-word.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be at least 1');
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(' ', limit);
    const newline = rest.lastIndexOf('\n', limit);
    if (newline > cut) cut = newline;
    // A single word longer than a tenth of the limit is split hard rather than leaving a tiny chunk.
    if (cut < limit / 10) cut = limit;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Shortens text to at most `limit` characters at a word boundary, marking the cut with an ellipsis. */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const head = splitText(text, Math.max(1, limit - 1))[0] ?? '';
  return `${head}…`;
}

/**
 * Slack sends message and command text with its own markup: `&lt;` for `<`, `<@U123|ana>` for a
 * mention, `<https://…|label>` for a link. The core reads plain text, so this turns it back.
 */
export function decodeSlackText(text: string, options: { dropUserId?: string } = {}): string {
  // Most text typed is plain words: without `<` or `&` there is no markup to turn back.
  if (!text.includes('<') && !text.includes('&')) return text.trim();
  return text
    .replace(/<([@#!])([^>|]*)(?:\|([^>]*))?>/g, (_match, sigil: string, id: string, label: string | undefined) => {
      if (sigil === '@' && options.dropUserId && id === options.dropUserId) return '';
      if (sigil === '!') return label?.startsWith('@') ? label : `@${label ?? id}`;
      return `${sigil}${label ?? id}`;
    })
    .replace(/<([^>|]+)(?:\|([^>]*))?>/g, (_match, url: string, label: string | undefined) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

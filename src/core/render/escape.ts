/**
 * Escaping for each platform, so nothing in a report or in user input can ping, link or format.
 * Renderers put content in plain-text fields where the platform has them; these cover the rest.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/** Slack mrkdwn: `&`, `<`, `>` are the control characters (mentions, links); formatting marks are neutralised. */
export function escapeSlackMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, `${ZERO_WIDTH_SPACE}$1${ZERO_WIDTH_SPACE}`);
}

/** Slack's top-level fallback `text` (notifications): control characters escaped, bare links and @channel defused. */
export function escapeSlackFallback(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(https?|mailto):/gi, `$1${ZERO_WIDTH_SPACE}:`)
    .replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/** Discord markdown: formatting, masked links, mentions and `@everyone`/`@here` all neutralised. */
export function escapeDiscordMarkdown(text: string): string {
  return text
    .replace(/([\\*_~`|[\]()>])/g, '\\$1')
    .replace(/^(\s*)([#-])/gm, '$1\\$2')
    .replace(/</g, `<${ZERO_WIDTH_SPACE}`)
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/(https?):\/\//gi, `$1:${ZERO_WIDTH_SPACE}//`);
}

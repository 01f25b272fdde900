/**
 * Removes Hugo-only markup from a page body before it is tokenised: shortcodes and HTML comments.
 * Every removed character except newlines is dropped, so line numbers in problems still point at the file.
 */

/** `{{% notice … %}} … {{% /notice %}}`: the FCJ template's "do not copy" boilerplate, dropped with its text. */
const NOTICE_BLOCK = /\{\{[%<]\s*notice\b[\s\S]*?\{\{[%<]\s*\/\s*notice\s*[%>]\}\}/g;
/** Any other shortcode tag, paired or not; the text between a pair is real content and stays. */
const SHORTCODE_TAG = /\{\{[%<][\s\S]*?[%>]\}\}/g;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

function keepNewlines(removed: string): string {
  let newlines = '';
  for (let index = removed.indexOf('\n'); index !== -1; index = removed.indexOf('\n', index + 1)) newlines += '\n';
  return newlines;
}

export function stripHugoMarkup(body: string): string {
  let text = body;
  if (text.includes('{{')) text = text.replace(NOTICE_BLOCK, keepNewlines).replace(SHORTCODE_TAG, keepNewlines);
  if (text.includes('<!--')) text = text.replace(HTML_COMMENT, keepNewlines);
  return text;
}

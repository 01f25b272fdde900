/**
 * Removes Hugo-only markup from a page body before it is tokenised: shortcodes and HTML comments. A person's card
 * (`{{< speaker name="…" title="…" >}}`) becomes the list line it stands for.
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

/** `{{< speaker name="Lương Hải Đăng" title="Principal SA, AWS" >}}`: a theme's card for one person. */
const PERSON_SHORTCODE = /\{\{[%<]\s*(?:speaker|presenter|person|profile|guest|dien-gia)\b([^%>]*)[%>]\}\}/gi;

/** A person's card as the list line a reader would write for it: `- **Name** – Title`. */
function personLine(tag: string, attributes: string): string {
  const values = new Map([...attributes.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)].map((match) => [(match[1] ?? '').toLowerCase(), (match[2] ?? '').trim()]));
  const name = values.get('name') ?? '';
  if (name === '' || /[*_[\]\n]/.test(name)) return keepNewlines(tag);
  const role = [values.get('title') ?? values.get('role') ?? values.get('position') ?? '', values.get('company') ?? values.get('org') ?? ''].filter((part) => part !== '').join(', ');
  return `- **${name}**${role === '' ? '' : ` – ${role.replace(/\n/g, ' ')}`}${keepNewlines(tag)}`;
}

export function stripHugoMarkup(body: string): string {
  let text = body;
  if (text.includes('{{')) text = text.replace(NOTICE_BLOCK, keepNewlines).replace(PERSON_SHORTCODE, personLine).replace(SHORTCODE_TAG, keepNewlines);
  if (text.includes('<!--')) text = text.replace(HTML_COMMENT, keepNewlines);
  return text;
}

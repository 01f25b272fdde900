import { DEFAULT_LANGUAGE, translator } from '../i18n.js';
import type { Reply, ReplyButton } from '../reply.js';
import { encodeActionId } from './action-id.js';
import { escapeSlackFallback, escapeSlackMrkdwn } from './escape.js';
import { splitText, truncateText } from './split-text.js';
import { uniqueBy } from './unique-by.js';

/** Block Kit limits the renderer keeps (api.slack.com/reference/block-kit). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  header: 150,
  fieldsPerSection: 10,
  fieldText: 2_000,
  contextElements: 10,
  buttonText: 75,
  actionsElements: 25,
  fallbackText: 3_000,
} as const;

/** The product's name, the same in every language. */
const APP_NAME = 'Takeaways';

export type SlackBlock = Record<string, unknown>;

export interface SlackMessage {
  /** Fallback for notifications and clients without blocks; mrkdwn-escaped. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions {
  /** Add "Share in channel" when the reply has a share action (ephemeral answers in a channel). */
  shareButton?: boolean;
}

const plainText = (text: string) => ({ type: 'plain_text', text, emoji: false });

function renderButton(button: ReplyButton, share = false): SlackBlock {
  const element: SlackBlock = {
    type: 'button',
    text: plainText(truncateText(button.label, SLACK_LIMITS.buttonText)),
    action_id: encodeActionId(button.action, share),
  };
  if (button.style) element['style'] = button.style;
  return element;
}

/** Content goes into plain_text objects, which Slack never parses for mentions, links or formatting. */
export function renderSlackMessage(reply: Reply, options: SlackRenderOptions = {}): SlackMessage {
  const t = translator(reply.language ?? DEFAULT_LANGUAGE);
  const blocks: SlackBlock[] = [];
  const section = (text: string) => {
    for (const chunk of splitText(text, SLACK_LIMITS.sectionText)) if (chunk) blocks.push({ type: 'section', text: plainText(chunk) });
  };
  if (reply.title) blocks.push({ type: 'header', text: plainText(truncateText(reply.title, SLACK_LIMITS.header)) });
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'paragraph':
        section(block.text);
        break;
      case 'list': {
        if (block.heading) {
          // verbatim: Slack must not turn URLs, #channels or @names in report text into links or mentions.
          blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlackMrkdwn(truncateText(block.heading, 200))}*`, verbatim: true } });
        }
        const lines = block.items.map((item, index) => (block.ordered ? `${index + 1}. ${item}` : `• ${item}`));
        let chunk = '';
        for (const line of lines.flatMap((entry) => splitText(entry, SLACK_LIMITS.sectionText))) {
          if (chunk && chunk.length + 1 + line.length > SLACK_LIMITS.sectionText) {
            section(chunk);
            chunk = '';
          }
          chunk = chunk ? `${chunk}\n${line}` : line;
        }
        if (chunk) section(chunk);
        break;
      }
      case 'fields':
        for (let start = 0; start < block.fields.length; start += SLACK_LIMITS.fieldsPerSection) {
          const fields = block.fields
            .slice(start, start + SLACK_LIMITS.fieldsPerSection)
            .map((field) => plainText(truncateText(`${field.label}: ${field.value}`, SLACK_LIMITS.fieldText)));
          blocks.push({ type: 'section', fields });
        }
        break;
      case 'context':
        blocks.push({ type: 'context', elements: [plainText(truncateText(block.text, SLACK_LIMITS.fieldText))] });
        break;
    }
  }
  const buttons = reply.buttons.map((button) => renderButton(button));
  if (options.shareButton && reply.share) {
    buttons.push(renderButton({ label: t('render.shareInChannel'), action: reply.share }, true));
  }
  // Slack refuses a message whose block repeats an action_id (invalid_blocks); two buttons with one id do the same thing.
  const unique = uniqueBy(buttons, (button) => String(button['action_id']));
  const actions = unique.length > 0 ? [{ type: 'actions', elements: unique.slice(0, SLACK_LIMITS.actionsElements) }] : [];
  if (blocks.length + actions.length > SLACK_LIMITS.blocks) {
    blocks.length = SLACK_LIMITS.blocks - actions.length - 1;
    blocks.push({ type: 'context', elements: [plainText(t('render.shortened'))] });
  }
  blocks.push(...actions);
  return { text: renderFallbackText(reply), blocks };
}

function renderFallbackText(reply: Reply): string {
  const first = reply.blocks.find((block) => block.kind === 'paragraph' || block.kind === 'list');
  const lead = first?.kind === 'paragraph' ? first.text : first?.kind === 'list' ? (first.items[0] ?? '') : '';
  // The app's name, when a reply has no words of its own to notify with.
  const text = [reply.title, lead].filter(Boolean).join(': ') || APP_NAME;
  return escapeSlackFallback(truncateText(text, SLACK_LIMITS.fallbackText));
}

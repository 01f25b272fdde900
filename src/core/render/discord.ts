import { DEFAULT_LANGUAGE, translator } from '../i18n.js';
import type { Reply, ReplyButton } from '../reply.js';
import { encodeActionId } from './action-id.js';
import { escapeDiscordMarkdown } from './escape.js';
import { splitText, truncateText } from './split-text.js';
import { uniqueBy } from './unique-by.js';

/** Discord message limits the renderer keeps (discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2_000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  embedTotal: 6_000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

export const EPHEMERAL_FLAG = 1 << 6;
const EMBED_COLOUR = 0xff9900;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordButton {
  type: 2;
  style: 1 | 2 | 4;
  label: string;
  custom_id: string;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: { type: 1; components: DiscordButton[] }[];
  /** Always empty: no message of the bot may ping anyone. */
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface DiscordRenderOptions {
  /** Add "Share" when the reply has a share action (ephemeral answers in a server channel). */
  shareButton?: boolean;
}

function renderButton(button: ReplyButton, share = false): DiscordButton {
  return {
    type: 2,
    style: button.style === 'primary' ? 1 : button.style === 'danger' ? 4 : 2,
    label: truncateText(button.label, DISCORD_LIMITS.buttonLabel),
    custom_id: encodeActionId(button.action, share),
  };
}

function embedSize(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Everything goes into embeds, escaped; the payload always carries `allowed_mentions: { parse: [] }`. */
export function renderDiscordMessage(reply: Reply, options: DiscordRenderOptions = {}): DiscordMessage {
  const paragraphs: string[] = [];
  const fields: NonNullable<DiscordEmbed['fields']> = [];
  const footer: string[] = [];
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'paragraph':
        paragraphs.push(escapeDiscordMarkdown(block.text));
        break;
      case 'list': {
        const items = block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '•'} ${escapeDiscordMarkdown(item)}`);
        paragraphs.push([block.heading ? `**${escapeDiscordMarkdown(block.heading)}**` : '', ...items].filter(Boolean).join('\n'));
        break;
      }
      case 'fields':
        for (const field of block.fields) {
          fields.push({
            name: truncateText(escapeDiscordMarkdown(field.label) || '​', DISCORD_LIMITS.fieldName),
            value: truncateText(escapeDiscordMarkdown(field.value) || '—', DISCORD_LIMITS.fieldValue),
            inline: field.value.length < 40,
          });
        }
        break;
      case 'context':
        // Footers show text as written: Discord renders no markdown, links or mentions there.
        footer.push(block.text);
        break;
    }
  }

  const descriptions = splitText(paragraphs.join('\n\n'), DISCORD_LIMITS.embedDescription).filter(Boolean);
  const embeds: DiscordEmbed[] = [];
  const first: DiscordEmbed = { color: EMBED_COLOUR };
  if (reply.title) first.title = truncateText(escapeDiscordMarkdown(reply.title), DISCORD_LIMITS.embedTitle);
  if (descriptions[0]) first.description = descriptions[0];
  embeds.push(first);
  for (const description of descriptions.slice(1)) embeds.push({ color: EMBED_COLOUR, description });
  const last = embeds[embeds.length - 1] ?? first;
  if (fields.length > 0) last.fields = fields.slice(0, DISCORD_LIMITS.embedFields);
  if (footer.length > 0) last.footer = { text: truncateText(footer.join(' · '), DISCORD_LIMITS.footer) };
  keepWithinTotal(embeds);

  const rendered = reply.buttons.map((button) => renderButton(button));
  if (options.shareButton && reply.share) rendered.push(renderButton({ label: translator(reply.language ?? DEFAULT_LANGUAGE)('render.share'), action: reply.share }, true));
  // Discord refuses a message whose components repeat a custom_id; two buttons with one id do the same thing.
  const buttons = uniqueBy(rendered, (button) => button.custom_id);
  const components: DiscordMessage['components'] = [];
  for (let start = 0; start < buttons.length && components.length < DISCORD_LIMITS.rows; start += DISCORD_LIMITS.buttonsPerRow) {
    components.push({ type: 1, components: buttons.slice(start, start + DISCORD_LIMITS.buttonsPerRow) });
  }

  const message: DiscordMessage = { embeds: embeds.slice(0, DISCORD_LIMITS.embeds), components, allowed_mentions: { parse: [] } };
  const fallback = renderContentFallback(reply);
  if (fallback) message.content = fallback;
  if (reply.ephemeral) message.flags = EPHEMERAL_FLAG;
  return message;
}

/** Room for the one-line fallback: a heading with its lead, not the answer twice. */
const CONTENT_FALLBACK_LENGTH = 300;

/**
 * A short `content` line (the title and how the answer begins) for people who turned embeds off in their settings,
 * who would otherwise see an empty message.
 */
function renderContentFallback(reply: Reply): string {
  const first = reply.blocks.find((block) => block.kind === 'paragraph' || block.kind === 'list');
  const lead = first?.kind === 'paragraph' ? first.text : first?.kind === 'list' ? (first.items[0] ?? '') : '';
  const line = [reply.title, lead].filter(Boolean).join(' — ').replace(/\s+/g, ' ').trim();
  return line ? escapeDiscordMarkdown(truncateText(line, CONTENT_FALLBACK_LENGTH)) : '';
}

/**
 * The whole reply as plain message text, for a channel where the bot may not embed (no Embed Links permission):
 * escaped like every other text, within the 2,000-character content limit, and without embeds.
 */
export function renderDiscordPlainMessage(reply: Reply): DiscordMessage {
  const lines: string[] = [];
  if (reply.title) lines.push(`**${escapeDiscordMarkdown(reply.title)}**`);
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'paragraph':
        lines.push(escapeDiscordMarkdown(block.text));
        break;
      case 'list':
        if (block.heading) lines.push(`**${escapeDiscordMarkdown(block.heading)}**`);
        for (const item of block.items) lines.push(`• ${escapeDiscordMarkdown(item)}`);
        break;
      case 'fields':
        for (const field of block.fields) lines.push(`${escapeDiscordMarkdown(field.label)}: ${escapeDiscordMarkdown(field.value)}`);
        break;
      case 'context':
        lines.push(`-# ${escapeDiscordMarkdown(block.text)}`);
        break;
    }
  }
  const message: DiscordMessage = { content: truncateText(lines.join('\n'), DISCORD_LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
  if (reply.ephemeral) message.flags = EPHEMERAL_FLAG;
  return message;
}

/** The 6,000-character total across a message's embeds: later embeds give way first. */
function keepWithinTotal(embeds: DiscordEmbed[]): void {
  let total = embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  for (let index = embeds.length - 1; index > 0 && total > DISCORD_LIMITS.embedTotal; index -= 1) {
    total -= embedSize(embeds[index] as DiscordEmbed);
    embeds.splice(index, 1);
  }
  const first = embeds[0];
  if (first && total > DISCORD_LIMITS.embedTotal && first.description) {
    const room = Math.max(1, first.description.length - (total - DISCORD_LIMITS.embedTotal));
    first.description = truncateText(first.description, room);
  }
}

import { stripControlCharacters } from '../../content/text.js';
import type { Reply } from '../reply.js';

export interface PlainTextOptions {
  /** Number the buttons ("[1] Next ▶") so a terminal user can pick one by typing its number. */
  numberButtons?: boolean;
}

/** The terminal rendering: plain lines, lists with bullets, buttons as numbered choices. */
export function renderPlainText(reply: Reply, options: PlainTextOptions = {}): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title, '─'.repeat(Math.min(reply.title.length, 60)));
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'paragraph':
        lines.push(block.text);
        break;
      case 'list':
        if (block.heading) lines.push(`${block.heading}:`);
        block.items.forEach((item, index) => lines.push(block.ordered ? `  ${index + 1}. ${item}` : `  • ${item}`));
        break;
      case 'fields':
        for (const field of block.fields) lines.push(`${field.label}: ${field.value}`);
        break;
      case 'context':
        lines.push(`(${block.text})`);
        break;
    }
  }
  if (reply.buttons.length > 0 && options.numberButtons !== false) {
    lines.push(reply.buttons.map((button, index) => `[${index + 1}] ${button.label}`).join('   '));
  }
  // The terminal is the one renderer whose output is interpreted byte by byte: no control character passes.
  return lines.map(stripControlCharacters).join('\n');
}

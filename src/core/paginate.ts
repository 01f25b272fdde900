import type { Translator } from './i18n.js';
import type { Reply, ReplyAction, ReplyBlock, ReplyField } from './reply.js';
import { splitText } from './render/split-text.js';

/**
 * How much text one page carries. Chosen so every renderer fits a page after escaping:
 * Slack sections hold 3,000 characters, a Discord embed description 4,096 and a message 6,000,
 * and Discord's escaping at most doubles the text.
 */
export const PAGE_TEXT_BUDGET = 2_400;
/** Discord allows 25 fields an embed; leave room for the page's own. */
export const PAGE_FIELD_BUDGET = 20;
/**
 * Slack allows 50 blocks a message, and each list heading, paragraph and context line is a block of its own:
 * a page of many short lists must end before it runs out (room is left for the title, page line and buttons).
 */
export const PAGE_BLOCK_BUDGET = 40;
/** A single item longer than this is continued in the next item rather than overflowing a page. */
const ITEM_TEXT_LIMIT = 1_000;

type Unit =
  | { kind: 'paragraph'; text: string }
  | { kind: 'item'; list: number; heading: string | undefined; ordered: boolean; number: number; text: string }
  | { kind: 'field'; group: number; field: ReplyField }
  | { kind: 'context'; text: string };

function sizeOf(unit: Unit): number {
  switch (unit.kind) {
    case 'paragraph':
    case 'context':
      return unit.text.length + 2;
    case 'item':
      return unit.text.length + 4;
    case 'field':
      return unit.field.label.length + unit.field.value.length + 4;
  }
}

function flatten(blocks: readonly ReplyBlock[]): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'paragraph':
      case 'context':
        for (const text of splitText(block.text, ITEM_TEXT_LIMIT)) units.push({ kind: block.kind, text });
        break;
      case 'list':
        block.items.forEach((item, itemIndex) => {
          for (const text of splitText(item, ITEM_TEXT_LIMIT)) {
            units.push({ kind: 'item', list: index, heading: block.heading, ordered: block.ordered ?? false, number: itemIndex + 1, text });
          }
        });
        break;
      case 'fields':
        for (const field of block.fields) {
          units.push({
            kind: 'field',
            group: index,
            field: { label: splitText(field.label, 200)[0] ?? '', value: splitText(field.value, ITEM_TEXT_LIMIT)[0] ?? '' },
          });
        }
        break;
    }
  });
  return units;
}

function rebuild(units: readonly Unit[], continued: boolean, t: Translator): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  let currentList: { list: number; block: Extract<ReplyBlock, { kind: 'list' }> } | undefined;
  let currentFields: { group: number; block: Extract<ReplyBlock, { kind: 'fields' }> } | undefined;
  units.forEach((unit, position) => {
    if (unit.kind !== 'item') currentList = undefined;
    if (unit.kind !== 'field') currentFields = undefined;
    switch (unit.kind) {
      case 'paragraph':
      case 'context':
        blocks.push({ kind: unit.kind, text: unit.text });
        break;
      case 'item': {
        if (!currentList || currentList.list !== unit.list) {
          const heading = unit.heading && continued && position === 0 ? t('page.continued', { heading: unit.heading }) : unit.heading;
          const block: Extract<ReplyBlock, { kind: 'list' }> = { kind: 'list', items: [], ordered: unit.ordered };
          if (heading) block.heading = heading;
          currentList = { list: unit.list, block };
          blocks.push(block);
        }
        currentList.block.items.push(unit.ordered ? `${unit.number}. ${unit.text}` : unit.text);
        break;
      }
      case 'field':
        if (!currentFields || currentFields.group !== unit.group) {
          currentFields = { group: unit.group, block: { kind: 'fields', fields: [] } };
          blocks.push(currentFields.block);
        }
        currentFields.block.fields.push(unit.field);
        break;
    }
  });
  // Ordered lists carry their numbers in the text so a page that starts mid-list keeps counting.
  for (const block of blocks) if (block.kind === 'list') block.ordered = false;
  return blocks;
}

/** How many Slack blocks `unit` adds after `previous` on the same page: a new group costs its own blocks. */
function blocksAdded(unit: Unit, previous: Unit | undefined): number {
  switch (unit.kind) {
    case 'paragraph':
    case 'context':
      return 1;
    case 'item':
      if (previous?.kind === 'item' && previous.list === unit.list) return 0;
      return unit.heading ? 2 : 1;
    case 'field':
      if (previous?.kind === 'field' && previous.group === unit.group) return 0;
      return 1;
  }
}

/** Groups units into pages that stay under the text, field and block budgets. */
function packPages(units: readonly Unit[]): Unit[][] {
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let size = 0;
  let fields = 0;
  let blocks = 0;
  // Every 10 fields of a group take another Slack section.
  const blocksFor = (unit: Unit) => blocksAdded(unit, page[page.length - 1]) + (unit.kind === 'field' && fields > 0 && fields % 10 === 0 ? 1 : 0);
  for (const unit of units) {
    const unitSize = sizeOf(unit);
    const isField = unit.kind === 'field' ? 1 : 0;
    if (page.length > 0 && (size + unitSize > PAGE_TEXT_BUDGET || fields + isField > PAGE_FIELD_BUDGET || blocks + blocksFor(unit) > PAGE_BLOCK_BUDGET)) {
      pages.push(page);
      page = [];
      size = 0;
      fields = 0;
      blocks = 0;
    }
    // Measured again against the page it lands on: a new page starts the unit's group afresh.
    blocks += blocksFor(unit);
    page.push(unit);
    size += unitSize;
    fields += isField;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

/**
 * Cuts a long reply into pages and returns the requested one (1-based, clamped), with
 * "Previous"/"Next" buttons that re-run `action` on the neighbouring page.
 */
export function paginateReply(full: Reply, action: ReplyAction, t: Translator): Reply {
  const pages = packPages(flatten(full.blocks));
  if (pages.length === 1) return full;
  const pageNumber = Math.min(Math.max(1, action.page ?? 1), pages.length);
  const blocks = rebuild(pages[pageNumber - 1] ?? [], pageNumber > 1, t);
  blocks.push({ kind: 'context', text: t('page.of', { page: pageNumber, pages: pages.length }) });
  const navigation = [];
  if (pageNumber > 1) navigation.push({ label: t('page.previous'), action: { ...action, page: pageNumber - 1 } });
  if (pageNumber < pages.length) navigation.push({ label: t('page.next'), action: { ...action, page: pageNumber + 1 } });
  return { ...full, blocks, buttons: [...navigation, ...full.buttons] };
}

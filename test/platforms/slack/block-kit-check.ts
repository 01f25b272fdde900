/** Block Kit's structural rules the bot's payloads must keep (docs.slack.dev/reference/block-kit). */
const BLOCK_TYPES = new Set(['section', 'header', 'context', 'actions', 'divider']);

export function findBlockKitProblems(blocks: unknown, maxBlocks = 50): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length === 0) problems.push('no blocks');
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, over ${maxBlocks}`);
  const actionIds = new Set<string>();
  blocks.forEach((raw: unknown, index) => {
    const block = raw as Record<string, unknown>;
    const at = `block ${index} (${String(block['type'])})`;
    if (!BLOCK_TYPES.has(String(block['type']))) problems.push(`${at}: unknown type`);
    const text = block['text'] as { type?: string; text?: string } | undefined;
    if (block['type'] === 'header' && (text?.type !== 'plain_text' || !text.text || text.text.length > 150)) problems.push(`${at}: header needs plain_text of 1-150 chars`);
    if (block['type'] === 'section') {
      const fields = block['fields'] as unknown[] | undefined;
      if (!text && !fields) problems.push(`${at}: section without text or fields`);
      if (text && (!text.text || text.text.length > 3_000)) problems.push(`${at}: section text must be 1-3000 chars`);
      if (fields && fields.length > 10) problems.push(`${at}: more than 10 fields`);
    }
    const elements = [...((block['elements'] as Record<string, unknown>[] | undefined) ?? []), ...(block['accessory'] ? [block['accessory'] as Record<string, unknown>] : [])];
    if (block['type'] === 'actions' && (elements.length === 0 || elements.length > 25)) problems.push(`${at}: actions need 1-25 elements`);
    if (block['type'] === 'context' && (elements.length === 0 || elements.length > 10)) problems.push(`${at}: context needs 1-10 elements`);
    for (const element of elements) {
      if (element['type'] !== 'button') continue;
      const id = String(element['action_id'] ?? '');
      if (!id || id.length > 255) problems.push(`${at}: button action_id must be 1-255 chars`);
      if (actionIds.has(id)) problems.push(`${at}: duplicate action_id ${id}`);
      actionIds.add(id);
      const label = (element['text'] as { text?: string } | undefined)?.text ?? '';
      if (!label || label.length > 75) problems.push(`${at}: button text must be 1-75 chars`);
    }
  });
  return problems;
}

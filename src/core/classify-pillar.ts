import type { PillarDefinition, Taxonomy } from '../content/model.js';
import { foldText } from '../content/text.js';

/**
 * The pillar a piece of text is about, by the taxonomy's keywords and services; null when none
 * or several match equally (a tip about "IAM and logging" names no single pillar).
 */
export function classifyPillar(text: string, taxonomy: Taxonomy): PillarDefinition | null {
  const folded = ` ${foldText(text)} `;
  let best: PillarDefinition | null = null;
  let bestScore = 0;
  let tied = false;
  for (const pillar of taxonomy.pillars) {
    let score = 0;
    for (const word of [...pillar.keywords, ...pillar.services]) {
      const needle = foldText(word);
      if (needle && folded.includes(needle)) score += needle.length;
    }
    if (score > bestScore) {
      best = pillar;
      bestScore = score;
      tied = false;
    } else if (score > 0 && score === bestScore) {
      tied = true;
    }
  }
  return tied ? null : best;
}

import type { PillarDefinition, Taxonomy } from '../content/model.js';
import { foldText } from '../content/text.js';

const foldedNeedles = new WeakMap<Taxonomy, { pillar: PillarDefinition; needles: string[] }[]>();

/** The taxonomy's keywords and services, folded once per taxonomy rather than once per text. */
function needlesOf(taxonomy: Taxonomy) {
  let needles = foldedNeedles.get(taxonomy);
  if (!needles) {
    needles = taxonomy.pillars.map((pillar) => ({ pillar, needles: [...pillar.keywords, ...pillar.services].map(foldText).filter(Boolean) }));
    foldedNeedles.set(taxonomy, needles);
  }
  return needles;
}

/**
 * The pillar a piece of text is about, by the taxonomy's keywords and services; null when none
 * or several match equally (a tip about "IAM and logging" names no single pillar).
 */
export function classifyPillar(text: string, taxonomy: Taxonomy): PillarDefinition | null {
  const folded = ` ${foldText(text)} `;
  let best: PillarDefinition | null = null;
  let bestScore = 0;
  let tied = false;
  for (const { pillar, needles } of needlesOf(taxonomy)) {
    let score = 0;
    for (const needle of needles) if (folded.includes(needle)) score += needle.length;
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

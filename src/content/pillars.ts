/**
 * Mapping report text to the taxonomy's security areas: a highlight heading to one pillar, and bullets
 * elsewhere in a report to the pillar they clearly belong to (its `related` points).
 */
import type { Taxonomy } from './model.js';
import { foldText } from './text.js';

interface TermOwner {
  pillarId: string;
  isAlias: boolean;
}

interface Term {
  words: string[];
  key: string;
  owners: TermOwner[];
}

export interface CompiledTaxonomy {
  /** Terms by their first word, longest first, so "vpc flow logs" is tried before "vpc". */
  termsByFirstWord: Map<string, Term[]>;
  /** One bit per (first character, length) of a term's first word: most words of a text can skip the lookup. */
  firstWordShapes: Uint8Array;
  idByNumber: Map<number, string>;
}

const SHAPES = 1 << 14;

function shapeOf(firstCode: number, length: number): number {
  return ((firstCode & 0xff) << 6) | Math.min(length, 63);
}

const compiledCache = new WeakMap<Taxonomy, CompiledTaxonomy>();

function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  // After folding, what is left above ASCII is letters, except general punctuation (dashes, curly quotes) and CJK marks.
  return !(code >= 0x2000 && code <= 0x206f) && !(code >= 0x3000 && code <= 0x303f) && code !== 0xa0;
}

/**
 * Folded words only: "Detection-as-Code" and "detection as code" are the same term.
 * A character loop rather than a Unicode-property split: this runs on every bullet of every report.
 */
function wordsOf(text: string): string[] {
  const folded = foldText(text);
  const words: string[] = [];
  let start = -1;
  for (let index = 0; index <= folded.length; index++) {
    const isWord = index < folded.length && isWordCode(folded.charCodeAt(index));
    if (isWord && start === -1) start = index;
    else if (!isWord && start !== -1) {
      words.push(folded.slice(start, index));
      start = -1;
    }
  }
  return words;
}

/**
 * Precomputes the matching structures once per taxonomy object; reports are many, taxonomies few.
 * Matching walks a text's words and looks terms up by first word: linear in the text, whatever the
 * taxonomy's size, where one big regular expression would try every term at every position.
 */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const cached = compiledCache.get(taxonomy);
  if (cached !== undefined) return cached;
  const terms = new Map<string, Term>();
  const addTerm = (text: string, owner: TermOwner) => {
    const words = wordsOf(text);
    const first = words[0];
    if (first === undefined || (words.length === 1 && first.length < 2)) return;
    const key = words.join(' ');
    const term = terms.get(key) ?? { words, key, owners: [] };
    const existing = term.owners.find((candidate) => candidate.pillarId === owner.pillarId);
    if (existing === undefined) term.owners.push({ ...owner });
    else existing.isAlias ||= owner.isAlias;
    terms.set(key, term);
  };
  for (const pillar of taxonomy.pillars) {
    addTerm(pillar.name, { pillarId: pillar.id, isAlias: true });
    for (const alias of pillar.aliases) addTerm(alias, { pillarId: pillar.id, isAlias: true });
    for (const keyword of pillar.keywords) addTerm(keyword, { pillarId: pillar.id, isAlias: false });
  }
  const termsByFirstWord = new Map<string, Term[]>();
  for (const term of terms.values()) {
    const first = term.words[0] ?? '';
    const list = termsByFirstWord.get(first) ?? [];
    list.push(term);
    termsByFirstWord.set(first, list);
  }
  for (const list of termsByFirstWord.values()) list.sort((left, right) => right.words.length - left.words.length);
  const firstWordShapes = new Uint8Array(SHAPES);
  for (const first of termsByFirstWord.keys()) firstWordShapes[shapeOf(first.charCodeAt(0), first.length)] = 1;
  const compiled: CompiledTaxonomy = {
    termsByFirstWord,
    firstWordShapes,
    idByNumber: new Map(taxonomy.pillars.map((pillar) => [pillar.number, pillar.id])),
  };
  compiledCache.set(taxonomy, compiled);
  return compiled;
}

interface PillarScore {
  /** Distinct terms matched (a handful at most: arrays are cheaper to make than sets). */
  aliasHits: string[];
  keywordHits: string[];
  firstAt: number;
}

/** Where the term's words after its first end in `folded`, read from `from` (the end of its first word); -1 if they differ. */
function endOfTerm(folded: string, from: number, term: Term): number {
  let position = from;
  for (let offset = 1; offset < term.words.length; offset++) {
    while (position < folded.length && !isWordCode(folded.charCodeAt(position))) position++;
    const expected = term.words[offset] ?? '';
    if (!folded.startsWith(expected, position)) return -1;
    position += expected.length;
    if (position < folded.length && isWordCode(folded.charCodeAt(position))) return -1;
  }
  return position;
}

/**
 * Which pillars' terms a text names, in one pass over its folded form. A word is only cut out and looked up when
 * some term starts with a word of its first letter and length (a few words in a sentence).
 */
function scoreText(text: string, compiled: CompiledTaxonomy): Map<string, PillarScore> {
  const scores = new Map<string, PillarScore>();
  const folded = foldText(text);
  const length = folded.length;
  let index = 0;
  let word = 0;
  for (;;) {
    while (index < length && !isWordCode(folded.charCodeAt(index))) index++;
    if (index >= length) break;
    let end = index + 1;
    while (end < length && isWordCode(folded.charCodeAt(end))) end++;
    let term: Term | undefined;
    let termEnd = end;
    if (compiled.firstWordShapes[shapeOf(folded.charCodeAt(index), end - index)] === 1) {
      for (const candidate of compiled.termsByFirstWord.get(folded.slice(index, end)) ?? []) {
        termEnd = endOfTerm(folded, end, candidate);
        if (termEnd !== -1) {
          term = candidate;
          break;
        }
      }
    }
    if (term === undefined) {
      index = end;
      word++;
      continue;
    }
    for (const owner of term.owners) {
      let score = scores.get(owner.pillarId);
      if (score === undefined) {
        score = { aliasHits: [], keywordHits: [], firstAt: word };
        scores.set(owner.pillarId, score);
      }
      const hits = owner.isAlias ? score.aliasHits : score.keywordHits;
      if (!hits.includes(term.key)) hits.push(term.key);
    }
    index = termEnd;
    word += term.words.length;
  }
  return scores;
}

const PILLAR_NUMBERS = /\b(?:pillars?|tru cot)\s*#?\s*(\d{1,2}(?:\s*(?:&|,|and|va|\+|\/)\s*\d{1,2})*)/;

/**
 * The pillar a highlight heading belongs to, or null. An explicit "Pillar 2" / "Trụ cột 4" wins; otherwise
 * names and aliases weigh more than keywords, and a tie goes to the area the heading names first.
 */
export function classifyHeadingPillar(heading: string, taxonomy: Taxonomy): string | null {
  const compiled = compileTaxonomy(taxonomy);
  const firstNumber = PILLAR_NUMBERS.exec(foldText(heading))?.[1]?.split(/\D+/)[0];
  if (firstNumber !== undefined) {
    const id = compiled.idByNumber.get(Number(firstNumber));
    if (id !== undefined) return id;
  }
  let best: { id: string; weight: number; firstAt: number } | null = null;
  for (const [id, score] of scoreText(heading, compiled)) {
    const weight = score.aliasHits.length * 3 + score.keywordHits.length;
    if (best === null || weight > best.weight || (weight === best.weight && score.firstAt < best.firstAt)) {
      best = { id, weight, firstAt: score.firstAt };
    }
  }
  return best?.id ?? null;
}

/**
 * The pillar a bullet clearly belongs to: at least two distinct terms of that pillar, and more than any
 * other pillar has. One passing mention ("IAM and logging matter") is not enough to file it anywhere.
 */
export function classifyPointPillar(point: string, taxonomy: Taxonomy): string | null {
  return clearPillarOf(scoreText(point, compileTaxonomy(taxonomy)));
}

function clearPillarOf(scores: ReadonlyMap<string, PillarScore>): string | null {
  let best: string | null = null;
  let bestHits = 0;
  let tie = false;
  for (const [id, score] of scores) {
    const hits = score.aliasHits.length + score.keywordHits.length;
    if (hits > bestHits) {
      best = id;
      bestHits = hits;
      tie = false;
    } else if (hits === bestHits) {
      tie = true;
    }
  }
  return best !== null && bestHits >= 2 && !tie ? best : null;
}

/**
 * A point's pillars under a section about `sectionIds`: the section's, unless the point names none of them and
 * clearly names another (two terms of it: "KMS encryption and Secrets Manager" under "Infrastructure Protection"
 * is data protection).
 */
export function pillarsOfPoint(point: string, sectionIds: readonly string[], taxonomy: Taxonomy): readonly string[] {
  const scores = scoreText(point, compileTaxonomy(taxonomy));
  if (scores.size === 0 || sectionIds.some((id) => scores.has(id))) return sectionIds;
  const other = clearPillarOf(scores);
  return other === null ? sectionIds : [other];
}

/** Resolves a user's pillar reference (id, number, name or alias) to a pillar id. */
export function resolvePillarReference(reference: string, taxonomy: Taxonomy): string | null {
  const folded = foldText(reference).trim();
  for (const pillar of taxonomy.pillars) {
    if (pillar.id === folded || String(pillar.number) === folded) return pillar.id;
    if (foldText(pillar.name) === folded || pillar.aliases.some((alias) => foldText(alias) === folded)) return pillar.id;
  }
  return classifyHeadingPillar(reference, taxonomy);
}

/**
 * The pillars a heading names: by number ("Pillar 2 & 3", "Trụ cột 4"), by name or alias, or, failing those, by
 * two terms of one pillar and none of another ("KMS & Secrets Manager"). A heading naming more than two pillars is
 * an overview of them, not one pillar's section. `byName` is false when only services or keywords matched.
 */
export function namedPillars(heading: string, taxonomy: Taxonomy): { ids: string[]; byName: boolean } {
  const compiled = compileTaxonomy(taxonomy);
  const folded = foldText(heading);
  const numbers = PILLAR_NUMBERS.exec(folded)?.[1];
  if (numbers !== undefined) {
    const ids = [...new Set(numbers.split(/\D+/).map((number) => compiled.idByNumber.get(Number(number))))].filter((id) => id !== undefined);
    if (ids.length > 0 && ids.length <= 2) return { ids, byName: true };
  }
  const scores = [...scoreText(heading, compiled)];
  const byAlias = scores.filter(([, score]) => score.aliasHits.length > 0).sort((left, right) => left[1].firstAt - right[1].firstAt);
  if (byAlias.length > 0) return byAlias.length <= 2 ? { ids: byAlias.map(([id]) => id), byName: true } : { ids: [], byName: false };
  const byTerms = clearPillarOf(new Map(scores));
  return { ids: byTerms === null ? [] : [byTerms], byName: false };
}

/**
 * The library's full-text indexes: minisearch's search (7.x: BM25+ ranking, prefix and fuzzy matching, AND / OR),
 * giving the same results and scores, to the last bit, from a compact index.
 *
 * minisearch keeps a Map per term per field, with an entry for each document holding the term, and an array per
 * document for its field lengths: some 40 bytes a posting. Here the terms are minisearch's own radix tree (its public
 * `SearchableMap`, filled in the same order, so prefix and fuzzy matches come in the same order), each term leading to
 * a run of postings in two typed arrays (document, count); the field lengths are one typed array. The ranking below
 * follows minisearch's code step by step, including the order in which scores are added (which decides ties and the
 * last bits); a test compares the two on random documents and queries. An index does not change once built: new
 * content gets a new library, and with it new indexes.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { runToEnd, type Steps } from '../knowledge/steps.js';

/** Splits a text into terms (the same function indexes and searches). */
export type Tokenize = (text: string) => string[];
/** A term as indexed, or null to leave it out. */
export type ProcessTerm = (term: string) => string | null;

export interface TextSearchOptions<Field extends string> {
  /** Also match terms starting with a query term (minisearch's `prefix`): every term, or those the function picks. */
  prefix?: boolean | ((term: string, index: number, terms: string[]) => boolean);
  /** Also match terms within an edit distance: a share of the term's length (below 1) or a count; true is 0.2. */
  fuzzy?: number | boolean | ((term: string, index: number, terms: string[]) => number | boolean);
  /** Whether a document must match every query term or any (default). */
  combineWith?: 'AND' | 'OR';
  /** The fields searched (default: every field). */
  fields?: readonly Field[];
  /** Each field's weight (default 1). */
  boost?: Partial<Record<Field, number>>;
  /** A document's weight for a matched term; 0 leaves the document out. */
  boostDocument?: (id: number, term: string) => number;
}

export interface TextHit {
  /** The document's number: how many documents were added before it. */
  id: number;
  score: number;
}

/** minisearch's defaults. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const MAX_FUZZY = 6;

/** minisearch's BM25+, written as it writes it (the order of operations decides the last bits). */
function bm25(termFrequency: number, matching: number, total: number, fieldLength: number, averageFieldLength: number): number {
  const { k, b, d } = BM25;
  const inverseDocumentFrequency = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return inverseDocumentFrequency * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)));
}

/** A document's match so far: its score, and the query terms it matched (their count multiplies the score). */
interface Match {
  score: number;
  terms: string[];
}
type Matches = Map<number, Match>;

function addUnique(target: string[], terms: readonly string[]): void {
  for (const term of terms) if (!target.includes(term)) target.push(term);
}

/** How minisearch combines the matches of two query terms: OR adds to the first, AND keeps what both matched. */
function combine(left: Matches, right: Matches, combineWith: 'and' | 'or'): Matches {
  if (combineWith === 'or') {
    for (const [id, match] of right) {
      const existing = left.get(id);
      if (existing === undefined) {
        left.set(id, match);
      } else {
        existing.score = existing.score + match.score;
        addUnique(existing.terms, match.terms);
      }
    }
    return left;
  }
  const combined: Matches = new Map();
  for (const [id, match] of right) {
    const existing = left.get(id);
    if (existing === undefined) continue;
    addUnique(existing.terms, match.terms);
    combined.set(id, { score: existing.score + match.score, terms: existing.terms });
  }
  return combined;
}

/** The numbers in an array of their own size, of the smallest type that holds them. */
function packed(values: Uint32Array): Uint16Array | Uint32Array {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  return largest <= 0xffff ? Uint16Array.from(values) : values;
}

/** A typed array at least `size` long: `values`, or a larger copy. */
function atLeast(values: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (size <= values.length) return values;
  let length = values.length;
  while (length < size) length *= 2;
  const larger = new Uint32Array(length);
  larger.set(values);
  return larger;
}

/** What an index is built from: a function giving document `id`'s fields, for ids 0 to `count` - 1. */
export interface TextDocuments<Field extends string> {
  count: number;
  document: (id: number) => Readonly<Record<Field, string>>;
}

export interface TextIndexSettings<Field extends string> {
  fields: readonly Field[];
  tokenize: Tokenize;
  processTerm: ProcessTerm;
}

/** Documents read between two steps of a build. */
const DOCUMENTS_PER_STEP = 512;

/** `textIndexSteps` at once. */
export function buildTextIndex<Field extends string>(settings: TextIndexSettings<Field>, documents: TextDocuments<Field>): TextIndex<Field> {
  return runToEnd(textIndexSteps(settings, documents));
}

/**
 * The index of the documents (minisearch's `addAll` of them, in order, their ids counting from 0), built in steps so a
 * reload can build it in slices. The documents are read twice: once to learn the terms and how many postings each
 * has, once to write the postings where they go; nothing is held meanwhile but a few numbers per term.
 */
export function* textIndexSteps<Field extends string>({ fields, tokenize, processTerm }: TextIndexSettings<Field>, { count, document }: TextDocuments<Field>): Steps<TextIndex<Field>> {
  const terms = new SearchableMap<number>();
  let termCount = 0;
  const fieldLengths = new Uint32Array(count * fields.length);
  const averageFieldLengths = fields.map(() => 0);
  // Per (term, field) key: how many documents hold it, the last document met plus one, and its count there.
  let postings: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);
  let lastDocument: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);
  let lastCount: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);
  let largestCount = 0;
  for (let id = 0; id < count; id++) {
    if (id % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    const fieldValues = document(id);
    for (const [fieldId, field] of fields.entries()) {
      const tokens = tokenize(fieldValues[field]);
      const length = new Set(tokens).size;
      fieldLengths[id * fields.length + fieldId] = length;
      // As minisearch keeps it: the running average over the documents so far.
      averageFieldLengths[fieldId] = ((averageFieldLengths[fieldId] as number) * id + length) / (id + 1);
      for (const token of tokens) {
        const term = processTerm(token);
        if (!term) continue;
        let number = terms.get(term);
        if (number === undefined) {
          // Terms enter the tree in the order minisearch's index meets them: its prefix and fuzzy matches come in that order.
          number = termCount++;
          terms.set(term, number);
        }
        const key = number * fields.length + fieldId;
        if (key >= postings.length) {
          postings = atLeast(postings, key + 1);
          lastDocument = atLeast(lastDocument, key + 1);
          lastCount = atLeast(lastCount, key + 1);
        }
        if (lastDocument[key] === id + 1) {
          lastCount[key] = (lastCount[key] as number) + 1;
        } else {
          lastDocument[key] = id + 1;
          lastCount[key] = 1;
          postings[key] = (postings[key] as number) + 1;
        }
        largestCount = Math.max(largestCount, lastCount[key] as number);
      }
    }
  }
  yield;
  const keys = termCount * fields.length;
  const starts = new Uint32Array(keys + 1);
  for (let key = 0; key < keys; key++) starts[key + 1] = (starts[key] as number) + (postings[key] as number);
  const rows = starts[keys] as number;
  const documents = new Uint32Array(rows);
  const counts = largestCount <= 0xffff ? new Uint16Array(rows) : new Uint32Array(rows);
  // Where each key's next posting goes (reusing the counts of the first reading), and its last row.
  const next = postings;
  next.set(starts.subarray(0, keys));
  const lastRow = lastCount;
  lastDocument.fill(0);
  for (let id = 0; id < count; id++) {
    if (id % DOCUMENTS_PER_STEP === DOCUMENTS_PER_STEP - 1) yield;
    const fieldValues = document(id);
    for (const [fieldId, field] of fields.entries()) {
      for (const token of tokenize(fieldValues[field])) {
        const term = processTerm(token);
        if (!term) continue;
        const key = (terms.get(term) as number) * fields.length + fieldId;
        if (lastDocument[key] === id + 1) {
          const row = lastRow[key] as number;
          counts[row] = (counts[row] as number) + 1;
        } else {
          const row = next[key] as number;
          next[key] = row + 1;
          lastDocument[key] = id + 1;
          lastRow[key] = row;
          documents[row] = id;
          counts[row] = 1;
        }
      }
    }
  }
  return new TextIndex(fields, tokenize, processTerm, { terms, documentCount: count, fieldLengths: packed(fieldLengths), averageFieldLengths, starts, documents, counts });
}

interface IndexData {
  /** Each term's number. */
  terms: SearchableMap<number>;
  documentCount: number;
  /** Document `id`'s length in field `f` at `id * fields + f`. */
  fieldLengths: Uint16Array | Uint32Array;
  averageFieldLengths: number[];
  /** The postings of term `t` in field `f` are rows `starts[t * fields + f]` to `starts[t * fields + f + 1]`. */
  starts: Uint32Array;
  documents: Uint32Array;
  counts: Uint16Array | Uint32Array;
}

interface QueryTerm {
  term: string;
  fuzzy: number | boolean;
  prefix: boolean;
}

/** A built index: search it as minisearch's `search` would. */
export class TextIndex<Field extends string> {
  constructor(
    private readonly fields: readonly Field[],
    private readonly tokenize: Tokenize,
    private readonly processTerm: ProcessTerm,
    private readonly data: IndexData,
  ) {}

  get documentCount(): number {
    return this.data.documentCount;
  }

  /** The documents matching the query, best first: as minisearch's `search(query, options)`, with ids and scores. */
  search(query: string, options: TextSearchOptions<Field> = {}): TextHit[] {
    const terms = this.tokenize(query)
      .map((term) => this.processTerm(term))
      .filter((term): term is string => !!term);
    const queries = terms.map((term, index): QueryTerm => ({
      term,
      fuzzy: typeof options.fuzzy === 'function' ? options.fuzzy(term, index, terms) : (options.fuzzy ?? false),
      prefix: typeof options.prefix === 'function' ? options.prefix(term, index, terms) : options.prefix === true,
    }));
    const combineWith = options.combineWith === 'AND' ? 'and' : 'or';
    const matched = queries.map((spec) => this.matchTerm(spec, options)).reduce<Matches | undefined>((left, right) => (left === undefined ? right : combine(left, right, combineWith)), undefined);
    const hits: TextHit[] = [];
    for (const [id, { score, terms: matchedTerms }] of matched ?? []) hits.push({ id, score: score * (matchedTerms.length || 1) });
    return hits.sort((left, right) => right.score - left.score);
  }

  /** One query term's matches: the term itself, then longer terms it starts, then terms within its edit distance. */
  private matchTerm(query: QueryTerm, options: TextSearchOptions<Field>): Matches {
    // Each field searched, in the order given, with its weight (a field the index does not have matches nothing).
    const boosts = new Map<number, number>();
    for (const field of options.fields ?? this.fields) {
      const fieldId = this.fields.indexOf(field);
      if (fieldId >= 0 && !boosts.has(fieldId)) boosts.set(fieldId, options.boost?.[field] || 1);
    }
    const results = this.termResults(query.term, query.term, 1, this.data.terms.get(query.term), boosts, options.boostDocument);
    const prefixMatches = query.prefix ? this.data.terms.atPrefix(query.term) : undefined;
    let fuzzyMatches: Map<string, [number, number]> | undefined;
    if (query.fuzzy) {
      const fuzzy = query.fuzzy === true ? 0.2 : query.fuzzy;
      const maxDistance = fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(query.term.length * fuzzy)) : fuzzy;
      if (maxDistance) fuzzyMatches = this.data.terms.fuzzyGet(query.term, maxDistance);
    }
    if (prefixMatches) {
      for (const [term, number] of prefixMatches) {
        const distance = term.length - query.term.length;
        if (!distance) continue;
        // A prefix match is scored as one, even when it is also within the fuzzy distance.
        fuzzyMatches?.delete(term);
        const weight = (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance);
        this.termResults(query.term, term, weight, number, boosts, options.boostDocument, results);
      }
    }
    if (fuzzyMatches) {
      for (const [term, [number, distance]] of fuzzyMatches) {
        if (!distance) continue;
        const weight = (FUZZY_WEIGHT * term.length) / (term.length + distance);
        this.termResults(query.term, term, weight, number, boosts, options.boostDocument, results);
      }
    }
    return results;
  }

  private termResults(
    queryTerm: string,
    term: string,
    weight: number,
    number: number | undefined,
    boosts: ReadonlyMap<number, number>,
    boostDocument: TextSearchOptions<Field>['boostDocument'],
    results: Matches = new Map(),
  ): Matches {
    if (number === undefined) return results;
    const { starts, documents, counts, fieldLengths, averageFieldLengths, documentCount } = this.data;
    const fields = this.fields.length;
    for (const [fieldId, fieldBoost] of boosts) {
      const start = starts[number * fields + fieldId] as number;
      const end = starts[number * fields + fieldId + 1] as number;
      if (start === end) continue;
      const matching = end - start;
      const averageFieldLength = averageFieldLengths[fieldId] as number;
      for (let row = start; row < end; row++) {
        const id = documents[row] as number;
        const documentBoost = boostDocument ? boostDocument(id, term) : 1;
        if (!documentBoost) continue;
        const score = bm25(counts[row] as number, matching, documentCount, fieldLengths[id * fields + fieldId] as number, averageFieldLength);
        // Multiplied in minisearch's order (term weight, term boost, field boost, document boost, score).
        const weighted = weight * 1 * fieldBoost * documentBoost * score;
        const result = results.get(id);
        if (result) {
          result.score += weighted;
          if (!result.terms.includes(queryTerm)) result.terms.push(queryTerm);
        } else {
          results.set(id, { score: weighted, terms: [queryTerm] });
        }
      }
    }
    return results;
  }
}

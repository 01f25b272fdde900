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

/** Numbers appended to a typed array that grows as needed. */
class Column {
  values: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);
  length = 0;

  push(value: number): void {
    this.values = grown(this.values, this.length + 1);
    this.values[this.length++] = value;
  }
}

/** The numbers in an array of their own size, of the smallest type that holds them. */
function packed(values: Uint32Array): Uint16Array | Uint32Array {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  return largest <= 0xffff ? Uint16Array.from(values) : values.slice();
}

function grown(values: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  let length = values.length;
  while (length < size) length *= 2;
  if (length === values.length) return values;
  const larger = new Uint32Array(length);
  larger.set(values);
  return larger;
}

/** Takes the documents in order (as minisearch's `add`, their ids counting from 0); `finish` gives the index. */
export class TextIndexBuilder<Field extends string> {
  private readonly terms = new SearchableMap<number>();
  private termCount = 0;
  private documentCount = 0;
  private readonly fieldLengths = new Column();
  private readonly averageFieldLengths: number[];
  /** One row per term, field and document, in the order met: the term and field as one key, the document, the count. */
  private readonly rowKeys = new Column();
  private readonly rowDocuments = new Column();
  private readonly rowCounts = new Column();
  /** Per key: its last row, and that row's document plus one (0: none yet). */
  private lastRow: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);
  private lastDocument: Uint32Array<ArrayBuffer> = new Uint32Array(1_024);

  constructor(
    private readonly fields: readonly Field[],
    private readonly tokenize: Tokenize,
    private readonly processTerm: ProcessTerm,
  ) {
    this.averageFieldLengths = fields.map(() => 0);
  }

  /** Adds the next document; its id is the number of documents added before it. */
  add(document: Readonly<Record<Field, string>>): number {
    const id = this.documentCount++;
    for (const [fieldId, field] of this.fields.entries()) {
      const tokens = this.tokenize(document[field]);
      const length = new Set(tokens).size;
      this.fieldLengths.push(length);
      // As minisearch keeps it: the running average over the documents so far.
      this.averageFieldLengths[fieldId] = ((this.averageFieldLengths[fieldId] as number) * id + length) / (id + 1);
      for (const token of tokens) {
        const term = this.processTerm(token);
        if (term) this.addTerm(fieldId, id, term);
      }
    }
    return id;
  }

  private addTerm(fieldId: number, id: number, term: string): void {
    let number = this.terms.get(term);
    if (number === undefined) {
      number = this.termCount++;
      this.terms.set(term, number);
    }
    const key = number * this.fields.length + fieldId;
    this.lastRow = grown(this.lastRow, key + 1);
    this.lastDocument = grown(this.lastDocument, key + 1);
    if (this.lastDocument[key] === id + 1) {
      const row = this.lastRow[key] as number;
      this.rowCounts.values[row] = (this.rowCounts.values[row] as number) + 1;
      return;
    }
    this.lastDocument[key] = id + 1;
    this.lastRow[key] = this.rowKeys.length;
    this.rowKeys.push(key);
    this.rowDocuments.push(id);
    this.rowCounts.push(1);
  }

  /** The index of the documents added. */
  finish(): TextIndex<Field> {
    const keys = this.termCount * this.fields.length;
    const rows = this.rowKeys.length;
    // The rows grouped by key, each group in the order its documents came (a counting sort).
    const starts = new Uint32Array(keys + 1);
    for (let row = 0; row < rows; row++) {
      const next = (this.rowKeys.values[row] as number) + 1;
      starts[next] = (starts[next] as number) + 1;
    }
    for (let key = 0; key < keys; key++) starts[key + 1] = (starts[key + 1] as number) + (starts[key] as number);
    const documents = new Uint32Array(rows);
    const counts = new Uint32Array(rows);
    const filled = starts.slice(0, keys);
    for (let row = 0; row < rows; row++) {
      const key = this.rowKeys.values[row] as number;
      const at = filled[key] as number;
      filled[key] = at + 1;
      documents[at] = this.rowDocuments.values[row] as number;
      counts[at] = this.rowCounts.values[row] as number;
    }
    return new TextIndex(this.fields, this.tokenize, this.processTerm, {
      terms: this.terms,
      documentCount: this.documentCount,
      fieldLengths: packed(this.fieldLengths.values.subarray(0, this.fieldLengths.length)),
      averageFieldLengths: [...this.averageFieldLengths],
      starts,
      documents,
      counts: packed(counts),
    });
  }
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

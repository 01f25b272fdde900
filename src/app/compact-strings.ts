/**
 * The texts a library answers from, each held once and on its own.
 *
 * A page's texts are cut out of the page as it was read (V8 keeps such a cut as a view into the whole text, so one
 * short lesson kept the whole page alive), and the same text comes many times (a speaker's role at every event, a
 * heading on every page of a site). Snapshots read back give every occurrence a copy of its own. `compactStrings`
 * replaces every string of plain objects and arrays with one copy per distinct text, copied out of what it was cut
 * from: the same values, in less memory.
 */

import { runToEnd, type Steps } from '../knowledge/steps.js';

/** Which copy of each text is kept, for one load: texts equal across sources and parts are kept once. */
export type StringPool = Map<string, string>;

/** A copy of the text that shares nothing with the string it came from. */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Replaces, in place, every string held by plain objects and arrays under `roots` with the pool's copy of that text.
 * Values stay equal; objects stay the same objects. Maps, sets and class instances are left as they are.
 */
export function compactStrings(roots: readonly unknown[], pool: StringPool = new Map()): StringPool {
  return runToEnd(compactStringsSteps(roots, pool));
}

/** Objects handled between two steps. */
const OBJECTS_PER_STEP = 2_048;

/** `compactStrings` as steps, for a reload to run in slices while the bot answers (see `runInSlices`). */
export function* compactStringsSteps(roots: readonly unknown[], pool: StringPool = new Map()): Steps<StringPool> {
  const seen = new Set<object>();
  const keep = (text: string): string => {
    let kept = pool.get(text);
    if (kept === undefined) {
      kept = text.length === 0 ? '' : ownCopy(text);
      pool.set(kept, kept);
    }
    return kept;
  };
  const pending: object[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      pending.push(value);
    }
  };
  for (const root of roots) visit(root);
  let handled = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (++handled % OBJECTS_PER_STEP === 0) yield;
    if (Object.isFrozen(next)) continue;
    if (Array.isArray(next)) {
      for (let index = 0; index < next.length; index++) {
        const item: unknown = next[index];
        if (typeof item === 'string') next[index] = keep(item);
        else visit(item);
      }
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(next);
    if (prototype !== Object.prototype && prototype !== null) continue;
    const record = next as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') record[key] = keep(item);
      else visit(item);
    }
  }
  return pool;
}

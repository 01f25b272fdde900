import { createHash } from 'node:crypto';
import type { PillarDefinition, Taxonomy } from '../content/model.js';
import { wordKey } from '../content/text.js';
import { classifyPillar } from './classify-pillar.js';
import type { LibraryEvent } from './library.js';

/** Which parts of a report feed the tip pool (`TIP_SOURCES`); front-matter `tips:` always do. */
export type TipSource = 'lessons' | 'learned' | 'highlights';
export const TIP_SOURCES: readonly TipSource[] = ['lessons', 'learned', 'highlights'];

export interface Tip {
  /** Stable across restarts and content edits elsewhere: a hash of the event key and the text. */
  id: string;
  text: string;
  event: LibraryEvent;
  /** Whose report the tip comes from. */
  author: string;
  pillar: PillarDefinition | null;
  /** The tip's place in the fixed shuffled order: a number derived from its id. */
  position: number;
}

/** One day's tip, as recorded in the store; the history makes the rotation survive restarts. */
export interface RotationEntry {
  day: string;
  tipId: string;
}

function tipId(eventKey: string, text: string): string {
  return createHash('sha256').update(`${eventKey}\n${text}`).digest('hex').slice(0, 16);
}

function positionOf(id: string): number {
  return Number.parseInt(id.slice(0, 12), 16);
}

/** Two tips of five words or more sharing 80% of their words ("Enable GuardDuty in every region" / "… in all regions"). */
function nearlySame(left: ReadonlySet<string>, right: ReadonlySet<string>): boolean {
  if (left.size < 5 || right.size < 5) return false;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared) >= 0.8;
}

/** Every tip of the pool, ordered by position: the fixed shuffled order the rotation walks. */
export function collectTips(events: readonly LibraryEvent[], taxonomy: Taxonomy, sources: readonly TipSource[]): Tip[] {
  const tips = new Map<string, Tip>();
  // Near-identical tips from different authors ("Enable GuardDuty." / "enable guardduty") are one tip.
  const seen = new Set<string>();
  // Per event, the word sets of the tips kept: a tip sharing nearly all its words with one of them is a repeat.
  const keptWords = new Map<string, Array<Set<string>>>();
  const add = (event: LibraryEvent, text: string, pillarHint: string | null) => {
    const id = tipId(event.key, text);
    const folded = wordKey(text);
    const key = `${event.key}\n${folded}`;
    if (tips.has(id) || seen.has(key)) return;
    seen.add(key);
    const words = new Set(folded.split(' '));
    const kept = keptWords.get(event.key) ?? [];
    if (kept.some((other) => nearlySame(words, other))) return;
    kept.push(words);
    keptWords.set(event.key, kept);
    const pillar = (pillarHint && taxonomy.pillars.find((entry) => entry.id === pillarHint)) || classifyPillar(text, taxonomy);
    tips.set(id, { id, text, event, author: event.authorOf.get(text) ?? event.author, pillar, position: positionOf(id) });
  };
  for (const event of events) {
    for (const text of event.tips) add(event, text, null);
    if (sources.includes('lessons')) for (const text of event.lessons) add(event, text, null);
    if (sources.includes('learned')) for (const text of event.learned) add(event, text, null);
    if (sources.includes('highlights')) {
      for (const highlight of event.highlights) for (const text of highlight.points) add(event, text, highlight.pillar);
    }
  }
  return [...tips.values()].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/** The calendar day of `date` in `timeZone`, as YYYY-MM-DD. */
export function dayInZone(date: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** Building a formatter costs far more than using one; one per zone is kept. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** Rotation history is anchored here when nothing has been recorded yet. */
const ROTATION_EPOCH = '2024-01-01';

/**
 * The tip for `day`: deterministic given the pool and the recorded history.
 *
 * The pool is walked in its fixed shuffled order (by position), one tip per day a tip was shown, skipping
 * tips already shown in the current cycle, so no tip repeats before all have been shown. A new tip takes its place
 * in the order and comes up when the walk reaches it; a removed one is skipped: neither reshuffles
 * what comes next. A day already in the history keeps the tip recorded for it.
 */
export function pickTip(tips: readonly Tip[], history: readonly RotationEntry[], day: string): Tip | null {
  if (tips.length === 0) return null;
  const byId = new Map(tips.map((tip) => [tip.id, tip]));
  const recorded = history.find((entry) => entry.day === day);
  const recordedTip = recorded && byId.get(recorded.tipId);
  if (recordedTip) return recordedTip;

  const past = history.filter((entry) => entry.day < day).sort((a, b) => a.day.localeCompare(b.day));
  let shown = new Set<string>();
  for (const entry of past) {
    if (shown.size >= tips.length) shown = new Set();
    if (byId.has(entry.tipId)) shown.add(entry.tipId);
  }
  const last = past[past.length - 1];
  let cursor = last ? positionOf(last.tipId) : -1;
  // One step after the last tip shown, however many days passed: days without a tip (weekends under a
  // weekday schedule) consume nothing. With no history yet, the starting point is derived from the date.
  let steps = last ? 1 : dayNumber(day) - dayNumber(ROTATION_EPOCH) + 1;
  let tip: Tip = tips[0] as Tip;
  // A full cycle with nothing shown is the same walk again: skip whole cycles arithmetically.
  if (shown.size === 0 && steps > tips.length) steps = ((steps - 1) % tips.length) + 1;
  for (let step = 0; step < steps; step += 1) {
    if (shown.size >= tips.length) shown = new Set();
    tip = nextAfter(tips, cursor, shown);
    shown.add(tip.id);
    cursor = tip.position;
  }
  return tip;
}

/** The first tip after `cursor` in the ring order that is not in `shown`. */
function nextAfter(tips: readonly Tip[], cursor: number, shown: ReadonlySet<string>): Tip {
  let low = 0;
  let high = tips.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((tips[middle] as Tip).position > cursor) high = middle;
    else low = middle + 1;
  }
  const start = low % tips.length;
  for (let offset = 0; offset < tips.length; offset += 1) {
    const tip = tips[(start + offset) % tips.length] as Tip;
    if (!shown.has(tip.id)) return tip;
  }
  return tips[start] as Tip;
}

/** "Another tip": the n-th tip after `tip` in the ring order. */
export function tipAfter(tips: readonly Tip[], tip: Tip, count: number): Tip {
  const index = Math.max(0, tips.findIndex((candidate) => candidate.id === tip.id));
  return tips[(index + count) % tips.length] as Tip;
}

import { describeError, ErrorCode, TakeawaysError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Library } from './library.js';
import { dayInZone, pickTip, type RotationEntry, type Tip } from './tips.js';

/** The store value holding the rotation's history: which tip each day got. */
export const ROTATION_KEY = 'tips:rotation';
/** Enough history to know the current cycle of any realistic pool. */
const MAX_HISTORY = 5_000;

const isRotationEntry = (entry: unknown): entry is RotationEntry =>
  typeof entry === 'object' && entry !== null && typeof (entry as RotationEntry).day === 'string' && typeof (entry as RotationEntry).tipId === 'string';

/**
 * The entries of a stored rotation record, and what is wrong with it: `damage` says so for a record that
 * is not JSON, not a list, or holds entries that are not a day with a tip. Only the first two make it
 * unusable (`usable: false`); stray entries are skipped.
 */
export function parseRotation(raw: string | null): { entries: RotationEntry[]; damage: string | null; usable: boolean } {
  if (!raw) return { entries: [], damage: null, usable: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { entries: [], damage: `it is not JSON (${describeError(error)})`, usable: false };
  }
  if (!Array.isArray(parsed)) return { entries: [], damage: 'it is not a list of days and their tips', usable: false };
  const entries = parsed.filter(isRotationEntry);
  const stray = parsed.length - entries.length;
  return { entries, damage: stray > 0 ? `${stray} of its ${parsed.length} entries are not a day with a tip` : null, usable: true };
}

/** The rotation's history; a record that cannot be read stops here, never silently restarted by the next write. */
export async function readRotation(store: Store, key: string = ROTATION_KEY): Promise<RotationEntry[]> {
  const { entries, damage, usable } = parseRotation(await store.getValue(key));
  if (!usable) {
    throw new TakeawaysError(ErrorCode.StoreCorrupt, `the tip rotation record (${key}) is damaged: ${damage ?? 'unreadable'}; \`takeaways doctor\` says how to start it afresh`, { key });
  }
  return entries;
}

/**
 * Today's tip for the whole bot: every target and the `tip` command agree on it.
 * The first time a day's tip is asked for, it is recorded, so later content edits do not change it
 * and the walk continues from it after a restart.
 */
export async function tipForDay(library: Library, store: Store, date: Date, timeZone: string, now: Date = date): Promise<Tip | null> {
  const day = dayInZone(date, timeZone);
  const history = await readRotation(store, library.rotationKey);
  const tip = pickTip(library.tips, history, day);
  if (!tip) return null;
  // Only a day that has come is recorded: a preview of a future day must not fix it.
  const today = dayInZone(now, timeZone);
  if (day <= today && !history.some((entry) => entry.day === day)) {
    const updated = [...history, { day, tipId: tip.id }].sort((a, b) => a.day.localeCompare(b.day)).slice(-MAX_HISTORY);
    await store.setValue(library.rotationKey, JSON.stringify(updated));
  }
  return tip;
}

/**
 * The tips the given posting days would get (YYYY-MM-DD, in order), as the schedule would show them:
 * each day is counted as shown before the next, and nothing is recorded. Pass the days the schedule
 * posts on, so a day without a post consumes no tip.
 */
export async function previewTips(library: Library, store: Store, days: readonly string[]): Promise<{ day: string; tip: Tip | null }[]> {
  const simulated = [...(await readRotation(store, library.rotationKey))];
  return days.map((day) => {
    const tip = pickTip(library.tips, simulated, day);
    if (tip && !simulated.some((entry) => entry.day === day)) simulated.push({ day, tipId: tip.id });
    return { day, tip };
  });
}

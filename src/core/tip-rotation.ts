import type { Store } from '../store/store.js';
import type { Library } from './library.js';
import { dayInZone, pickTip, type RotationEntry, type Tip } from './tips.js';

const ROTATION_KEY = 'tips:rotation';
/** Enough history to know the current cycle of any realistic pool. */
const MAX_HISTORY = 5_000;

export async function readRotation(store: Store): Promise<RotationEntry[]> {
  const raw = await store.getValue(ROTATION_KEY);
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (entry): entry is RotationEntry =>
      typeof entry === 'object' && entry !== null && typeof entry.day === 'string' && typeof entry.tipId === 'string',
  );
}

/**
 * Today's tip for the whole bot: every target and the `tip` command agree on it.
 * The first time a day's tip is asked for, it is recorded, so later content edits do not change it
 * and the walk continues from it after a restart.
 */
export async function tipForDay(library: Library, store: Store, date: Date, timeZone: string, now: Date = date): Promise<Tip | null> {
  const day = dayInZone(date, timeZone);
  const history = await readRotation(store);
  const tip = pickTip(library.tips, history, day);
  if (!tip) return null;
  // Only a day that has come is recorded: a preview of a future day must not fix it.
  const today = dayInZone(now, timeZone);
  if (day <= today && !history.some((entry) => entry.day === day)) {
    const updated = [...history, { day, tipId: tip.id }].sort((a, b) => a.day.localeCompare(b.day)).slice(-MAX_HISTORY);
    await store.setValue(ROTATION_KEY, JSON.stringify(updated));
  }
  return tip;
}

/**
 * The tips the given posting days would get (YYYY-MM-DD, in order), as the schedule would show them:
 * each day is counted as shown before the next, and nothing is recorded. Pass the days the schedule
 * posts on, so a day without a post consumes no tip.
 */
export async function previewTips(library: Library, store: Store, days: readonly string[]): Promise<{ day: string; tip: Tip | null }[]> {
  const simulated = [...(await readRotation(store))];
  return days.map((day) => {
    const tip = pickTip(library.tips, simulated, day);
    if (tip && !simulated.some((entry) => entry.day === day)) simulated.push({ day, tipId: tip.id });
    return { day, tip };
  });
}

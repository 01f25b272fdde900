import { createTask, parse, validateDetailed, type ScheduledTask } from 'node-cron';
import { ErrorCode, TakeawaysError } from '../errors.js';
import { formatLocalDate, formatLocalDateTime, localDateTime, nextDate, zonedInstant, type LocalDateTime, type ZonedInstant } from './zoned-time.js';

/** One scheduled post time, named by its local date-time in the schedule's zone. */
export interface Slot {
  /** `YYYY-MM-DDTHH:MM:SS` in the zone: the same name however often the clock shows that time. */
  id: string;
  /** `YYYY-MM-DD` in the zone: the tip of this day is posted. */
  day: string;
  at: Date;
  kind: ZonedInstant['kind'];
}

type Day = Pick<LocalDateTime, 'year' | 'month' | 'day'>;

/** How far ahead a schedule is searched for its next slot: leap days included. */
const SEARCH_DAYS = 366 * 8;

/**
 * Why `expression` cannot be a tip schedule, or null when it can: 5 fields (minute first) or 6
 * (second first), and at least one matching day.
 */
export function describeCronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `expected 5 fields (minute hour day month weekday, e.g. "0 9 * * 1-5") or 6 with seconds first; got ${fields.length}`;
  const validation = validateDetailed(expression.trim());
  if (!validation.valid) return validation.errors.map((error) => error.message).join('; ');
  const matcher = dayMatcher(fields);
  try {
    let day: Day = { year: 2024, month: 1, day: 1 };
    for (let offset = 0; offset < SEARCH_DAYS; offset += 1, day = nextDate(day)) if (matchesDay(matcher, day)) return null;
    return 'it never matches a day (e.g. 31 February)';
  } finally {
    void matcher.destroy();
  }
}

/**
 * A task used only for its `match`: node-cron's own reading of the day fields (L, W, #, names),
 * so the days the schedule computes are the days node-cron fires on.
 */
function dayMatcher(fields: string[]): ScheduledTask {
  const [dayOfMonth, month, dayOfWeek] = fields.slice(-3);
  return createTask(`0 0 12 ${dayOfMonth} ${month} ${dayOfWeek}`, () => undefined, { timezone: 'UTC', name: 'takeaways-day-matcher' });
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function matchesDay(matcher: ScheduledTask, day: Day): boolean {
  return matcher.match(new Date(Date.UTC(day.year, day.month - 1, day.day, 12)));
}

/**
 * The tip schedule: `TIP_CRON` read in `TIP_TIMEZONE`. node-cron decides the fields; the slots are
 * computed here from local dates and times, so a slot is one post even when the clock changes:
 * in the hour that repeats (autumn) a slot is the first occurrence; a slot in the hour that is
 * skipped (spring) happens as far after the jump as it was after the hour's start (02:30 → 03:30).
 */
export class TipSchedule {
  readonly expression: string;
  readonly timeZone: string;
  private readonly seconds: number[];
  private readonly minutes: number[];
  private readonly hours: number[];
  private readonly matcher: ScheduledTask;

  constructor(expression: string, timeZone: string) {
    const problem = describeCronProblem(expression);
    if (problem) throw new TakeawaysError(ErrorCode.ConfigInvalid, `TIP_CRON: "${expression}" is not a cron expression: ${problem}`, { key: 'TIP_CRON', value: expression });
    if (!isTimeZone(timeZone)) throw new TakeawaysError(ErrorCode.ConfigInvalid, `TIP_TIMEZONE: "${timeZone}" is not an IANA time zone such as Asia/Ho_Chi_Minh`, { key: 'TIP_TIMEZONE', value: timeZone });
    this.expression = expression.trim();
    this.timeZone = timeZone;
    const parsed = parse(this.expression);
    const ascending = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
    this.seconds = ascending(parsed.second);
    this.minutes = ascending(parsed.minute);
    this.hours = ascending(parsed.hour);
    this.matcher = dayMatcher(this.expression.split(/\s+/));
  }

  /** The slots of a local day, earliest first (none when the day does not match). */
  *slotsOn(day: Day, order: 'ascending' | 'descending' = 'ascending', untilHour = 23): Generator<Slot> {
    if (!matchesDay(this.matcher, day)) return;
    const sorted = (values: number[]) => (order === 'ascending' ? values : [...values].reverse());
    for (const hour of sorted(this.hours.filter((value) => value <= untilHour))) {
      for (const minute of sorted(this.minutes)) {
        for (const second of sorted(this.seconds)) {
          const local = { ...day, hour, minute, second };
          const zoned = zonedInstant(local, this.timeZone);
          yield { id: formatLocalDateTime(local), day: formatLocalDate(day), at: zoned.at, kind: zoned.kind };
        }
      }
    }
  }

  /** The latest slot of `now`'s local day that is due (at or before `now`); never one of an earlier day. */
  latestDue(now: Date): Slot | null {
    const today = localDateTime(now, this.timeZone);
    // A slot in a later hour cannot be due yet; one hour of margin covers the hour a clock change moves.
    for (const slot of this.slotsOn(today, 'descending', today.hour + 1)) if (slot.at.getTime() <= now.getTime()) return slot;
    return null;
  }

  /** The next `count` slots strictly after `from`. */
  next(from: Date, count: number): Slot[] {
    const found: Slot[] = [];
    let day: Day = localDateTime(from, this.timeZone);
    for (let offset = 0; offset < SEARCH_DAYS && found.length < count; offset += 1, day = nextDate(day)) {
      for (const slot of this.slotsOn(day)) {
        if (slot.at.getTime() > from.getTime()) found.push(slot);
        if (found.length >= count) break;
      }
    }
    return found;
  }

  /** The next `count` local days (YYYY-MM-DD) that have a slot, starting with `from`'s own day: the days a tip is posted. */
  postingDays(from: Date, count: number): string[] {
    const days: string[] = [];
    let day: Day = localDateTime(from, this.timeZone);
    for (let offset = 0; offset < SEARCH_DAYS && days.length < count; offset += 1, day = nextDate(day)) {
      const first = this.slotsOn(day).next();
      if (!first.done) days.push(first.value.day);
    }
    return days;
  }

  /** Releases node-cron's registration of the day matcher. */
  dispose(): void {
    void this.matcher.destroy();
  }
}

/**
 * Wall-clock time in an IANA zone, and back to instants, without a date library.
 * Only the scheduler needs this: it names a slot by its local date-time, so a clock change cannot
 * make one slot two (the repeated hour) or lose it (the skipped hour).
 */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ZonedInstant {
  at: Date;
  /**
   * How the local time maps to an instant: `exact`; `repeated` when the clock goes back and the time
   * happens twice (the first is used); `skipped` when the clock jumps over it (the instant the clock
   * would show had it not jumped is used, e.g. 02:30 → 03:30 on a one-hour spring-forward).
   */
  kind: 'exact' | 'repeated' | 'skipped';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year'] ?? 0,
    month: values['month'] ?? 0,
    day: values['day'] ?? 0,
    hour: values['hour'] ?? 0,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (UTC+07:00 → 25,200,000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function sameLocal(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}

const DAY_MS = 86_400_000;

/** The instant a local date-time names in `timeZone`, with the rule for repeated and skipped times. */
export function zonedInstant(local: LocalDateTime, timeZone: string): ZonedInstant {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  // Offsets a day either side cover any transition that can touch this local time.
  const before = zoneOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((time) => sameLocal(localDateTime(new Date(time), timeZone), local))
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return { at: new Date(first), kind: candidates.length > 1 ? 'repeated' : 'exact' };
  return { at: new Date(asUtc - before), kind: 'skipped' };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` */
export function formatLocalDate(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS`: a slot's identity. */
export function formatLocalDateTime(local: LocalDateTime): string {
  return `${formatLocalDate(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
}

/** `UTC+07:00`, `UTC-04:00`, `UTC` */
export function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'UTC';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `UTC${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The calendar day after `day` (YYYY-MM-DD), zone-free. */
export function nextDate(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>, days = 1): Pick<LocalDateTime, 'year' | 'month' | 'day'> {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * Event dates. Front matter `date` is often a template default or the day the page was written, so it is
 * checked, and a date stated in the body ("Date & Time:", an info table) is the event's own date.
 */
import { foldText } from './text.js';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** YYYY-MM-DD for a real calendar day (no 31 April, 29 February only in leap years), else null. */
function toIso(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const DAY_MONTH_YEAR = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;
const MONTH_DAY_YEAR = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/;
const DAY_MONTH_NAME_YEAR = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b/;
const VIETNAMESE = /\b(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,\s*|\s+nam\s+|\s+)(\d{4})\b/;

/**
 * Reads a date written by a person: ISO, DD/MM/YYYY (the Vietnamese order), "November 29, 2025",
 * "30 May, 2026", "3 tháng 10, 2025". Returns YYYY-MM-DD or null.
 */
/** Two days of one month: "22 – 23/09/2029", "22 va 23/09/2029", "22 va chu nhat 23/9/2029" (folded text). */
const DAY_RANGE = /\b(\d{1,2})\s*(?:[-–—]|va|and|&|den|to)\s*(?:(?:thu|chu|ngay)\s+\S+\s+|(?:sunday|saturday|monday|friday)\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;

export function parseDateText(text: string): string | null {
  const folded = foldText(text);
  const iso = ISO.exec(folded);
  if (iso) return toIso(Number(iso[1]), Number(iso[3]), Number(iso[4]));
  // "20–21 July 2030": a span of days in one month, named: its first day.
  const namedRange = /\b(\d{1,2})\s*[-–—]\s*\d{1,2}\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/.exec(folded);
  const namedRangeMonth = namedRange?.[2] === undefined ? undefined : MONTHS[namedRange[2]];
  if (namedRange && namedRangeMonth !== undefined) return toIso(Number(namedRange[3]), namedRangeMonth, Number(namedRange[1]));
  // A span of days: its first day ("22 – 23/09/2029", "thứ Bảy 22 và Chủ nhật 23/9/2029").
  const range = DAY_RANGE.exec(folded);
  if (range) return toIso(Number(range[4]), Number(range[3]), Number(range[1]));
  const dmy = DAY_MONTH_YEAR.exec(folded);
  if (dmy) return toIso(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const vietnamese = VIETNAMESE.exec(folded);
  if (vietnamese) return toIso(Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1]));
  const mdy = MONTH_DAY_YEAR.exec(folded);
  const mdyMonth = mdy?.[1] === undefined ? undefined : MONTHS[mdy[1]];
  if (mdy && mdyMonth !== undefined) return toIso(Number(mdy[3]), mdyMonth, Number(mdy[2]));
  const dmny = DAY_MONTH_NAME_YEAR.exec(folded);
  const dmnyMonth = dmny?.[2] === undefined ? undefined : MONTHS[dmny[2]];
  if (dmny && dmnyMonth !== undefined) return toIso(Number(dmny[3]), dmnyMonth, Number(dmny[1]));
  return null;
}

export type FrontMatterDate =
  | { kind: 'absent' }
  | { kind: 'trusted'; iso: string }
  | { kind: 'untrusted'; reason: string };

const TEMPLATE_EXPRESSION = /`|\{\{|\{%|<%|\bSys\.Date\b|\$\{/;

/**
 * Judges a front-matter `date`. YAML gives a Date for unquoted ISO dates and a string otherwise.
 * 2000-01-01, 1970-01-01 and any 1 January are template defaults in these sites, not event days.
 */
export function readFrontMatterDate(value: unknown): FrontMatterDate {
  if (value === undefined || value === null || value === '') return { kind: 'absent' };
  let iso: string | null = null;
  if (value instanceof Date) {
    iso = Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  } else if (typeof value === 'string') {
    if (TEMPLATE_EXPRESSION.test(value)) return { kind: 'untrusted', reason: `date "${value}" is a template expression, not a date` };
    iso = parseDateText(value);
  } else {
    return { kind: 'untrusted', reason: `date ${JSON.stringify(value)} is not a date (write YYYY-MM-DD)` };
  }
  if (iso === null) return { kind: 'untrusted', reason: `date "${String(value)}" is not a date I can read (write YYYY-MM-DD)` };
  if (iso.endsWith('-01-01') || iso === '1970-01-01') {
    return { kind: 'untrusted', reason: `date ${iso} looks like a template placeholder, not the event's date` };
  }
  return { kind: 'trusted', iso };
}

import { describe, expect, it } from 'vitest';
import { parseDateText, readFrontMatterDate } from '../../src/content/dates.js';

describe('parseDateText', () => {
  it.each([
    ['2025-11-29', '2025-11-29'],
    ['29/11/2025', '2025-11-29'],
    ['05/12/2025', '2025-12-05'],
    ['November 29, 2025', '2025-11-29'],
    ['September 18th, 2025', '2025-09-18'],
    ['Friday, October 3, 2025', '2025-10-03'],
    ['09:00, 30 May, 2026', '2026-05-30'],
    ['9:00 AM - 12:00 PM, Saturday, August 8, 2026', '2026-08-08'],
    ['Thứ Sáu, 3 tháng 10, 2025', '2025-10-03'],
    ['09:00 – 17:00 on 30/05/2026 (Saturday)', '2026-05-30'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each([['31/02/2025'], ['someday'], ['`r Sys.Date()`']])('finds no date in %j', (text) => {
    expect(parseDateText(text)).toBeNull();
  });
});

describe('readFrontMatterDate', () => {
  it('trusts a real ISO date, whether YAML made it a Date or a string', () => {
    expect(readFrontMatterDate(new Date('2025-11-29T00:00:00Z'))).toEqual({ kind: 'trusted', iso: '2025-11-29' });
    expect(readFrontMatterDate('29/11/2025')).toEqual({ kind: 'trusted', iso: '2025-11-29' });
  });

  it.each([['2000-01-01'], ['2024-01-01'], ['`r Sys.Date()`'], ['{{ now }}'], ['soon']])('does not trust the placeholder %j', (value) => {
    expect(readFrontMatterDate(value).kind).toBe('untrusted');
  });

  it('treats a missing date as absent, not as a problem', () => {
    expect(readFrontMatterDate(undefined)).toEqual({ kind: 'absent' });
  });
});

import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
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

describe('the date a page states at its top', () => {
  const dateOf = (lines: string[]) => {
    const outcome = extractPage(['---', 'title: "Event 2"', 'date: 2024-01-01', '---', '', ...lines, ''].join('\n'), identifyPage('4.2-Event2/_index.md', 'content'), defaultTaxonomy);
    return outcome.kind === 'event' ? outcome.event.date : undefined;
  };
  const sections = ['## Speakers', '', '- **Như Trần** – Account Manager, AWS', '', '## Key Takeaways', '', '- Registration for the next one closes on 30/11/2026.'];

  it('reads a subtitle line under the title, in either language', () => {
    expect(dateOf(['# Security Day', '', '*Saturday 24 October 2026 · 8:30 – 12:30 · Bitexco*', '', ...sections])).toBe('2026-10-24');
    expect(dateOf(['# Security Day', '', '*Thứ Bảy 24/10/2026 · 8:30 – 12:30*', '', ...sections])).toBe('2026-10-24');
  });

  it('leaves a date further in the page alone: a deadline is not the event', () => {
    expect(dateOf(['# Security Day', '', 'A half-day workshop.', '', ...sections])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flattenInline, foldText, unwrapDelimited } from '../../src/content/text.js';

describe('foldText', () => {
  it.each([
    ['Danh Sách Diễn Giả', 'danh sach dien gia'],
    ['Đội ngũ Chuyên gia', 'doi ngu chuyen gia'],
    ['Những Gì Học Được', 'nhung gi hoc duoc'],
    ['Bài học rút ra', 'bai hoc rut ra'],
    ['Trụ cột 4 — Bảo vệ Dữ liệu', 'tru cot 4 — bao ve du lieu'],
    ['Speaker List', 'speaker list'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('flattenInline', () => {
  it.each([
    ['**Tran Duc Anh** - AWS Cloud Club Captain (SGU)', 'Tran Duc Anh - AWS Cloud Club Captain (SGU)'],
    ['Use **Roles + SSO + OIDC** and `S3`', 'Use Roles + SSO + OIDC and S3'],
    ['see [the docs](https://example.com/a_(b)) now', 'see the docs now'],
    ['&emsp;**Event Name:** AWS &amp; friends', 'Event Name: AWS & friends'],
    ['line one  \nline two  ', 'line one line two'],
    ['a <br/> b <span class="x">c</span>', 'a b c'],
    ['*italic* and _under_ but snake_case_name stays', 'italic and under but snake_case_name stays'],
    ['Bronze \\> Silver', 'Bronze > Silver'],
  ])('turns %j into plain %j', (input, plain) => {
    expect(flattenInline(input)).toBe(plain);
  });

  it('drops images together with their alt text, which can hold personal data', () => {
    expect(flattenInline('Before ![Registration — Dang Van Hau (MSSV: redacted)](/images/reg.png) after')).toBe('Before after');
    expect(flattenInline('![Event](/images/4-EventParticipated/29.11(1).jpg)')).toBe('');
    expect(flattenInline('<img src="/a.jpg" alt="Student 12345"/>')).toBe('');
  });
});

describe('control characters in report text', () => {
  it.each([
    // What is left is visible text: harmless once the ESC and BEL that made it a hyperlink are gone.
    ['an OSC 8 terminal hyperlink', '\u001b]8;;https://evil.example\u0007here\u001b]8;;\u0007 is a lesson', ']8;;https://evil.examplehere]8;; is a lesson'],
    ['a screen-clearing escape', 'Rotate keys\u001b[2J often', 'Rotate keys[2J often'],
    ['an escape written as an entity', 'Rotate &#27;[2Jkeys', 'Rotate [2Jkeys'],
    ['a bidi override', 'Use \u202eSSO\u202c everywhere', 'Use SSO everywhere'],
  ])('drops %s', (_case, input, expected) => {
    const flat = flattenInline(input);
    expect(flat).toBe(expected);
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(flat).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('unwrapDelimited', () => {
  it('drops the same pairs as the backtracking pattern it replaces, on any short text', () => {
    const oracle = (text: string, marker: '**' | '~~') => text.replace(marker === '**' ? /(\*\*)(?=\S)([^\n]*?\S)\1/g : /(~~)(?=\S)([^\n]*?\S)\1/g, '$2');
    const piece = fc.constantFrom('**', '~~', '*', '~', 'a', ' ', '\n', 'é', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.constantFrom('**' as const, '~~' as const), (pieces, marker) => {
        const text = pieces.join('');
        expect(unwrapDelimited(text, marker)).toBe(oracle(text, marker));
      }),
      { numRuns: 2000 },
    );
  });
});

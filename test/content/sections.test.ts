import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/content/extract-event.js';
import { identifyPage } from '../../src/content/page-identity.js';
import { classifySectionHeading } from '../../src/content/sections.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';

describe('classifySectionHeading', () => {
  it.each([
    ['Speaker List', 'speakers'],
    ['What I took away', 'learned'],
    ['What stuck with me', 'learned'],
    ["What I'm taking away", 'learned'],
    ['Things I want to try next', 'learned'],
    ['Ghi chú mang về', 'learned'],
    ['Những điều đọng lại', 'learned'],
    ['Action items', 'learned'],
    ['Ghi nhớ', 'learned'],
    ['🎤 Speakers I heard', 'speakers'],
    ['Who presented', 'speakers'],
    ['Sessions and speakers', 'speakers'],
    ['Chương trình và người chia sẻ', 'speakers'],
    ['Speakers / Core Team', 'speakers'],
    ['Speakers', 'speakers'],
    ['2. Speaker List', 'speakers'],
    ['**Speakers & Topics**', 'speakers'],
    ['Danh Sách Diễn Giả', 'speakers'],
    ['Danh Sách Diễn Giả & Đề Tài', 'speakers'],
    ['Danh sách diễn giả (theo thông tin hiển thị trên slide)', 'speakers'],
    ['Diễn giả', 'speakers'],
    ['Distinguished Speakers', 'speakers'],
    ['Our Keynote Speakers', 'speakers'],
    ['Highlighted Content', 'highlights'],
    ['Key Highlights', 'highlights'],
    ['3. Key Content', 'highlights'],
    ['Nội Dung Nổi Bật', 'highlights'],
    ['Nội Dung Nổi Bật Của Các Bài Tham Luận', 'highlights'],
    ['Điểm nhấn Chính', 'highlights'],
    ['Speaker highlights (sessions I documented)', 'highlights'],
    ['What I Learned', 'learned'],
    ['Key Takeaways', 'learned'],
    ['Những Gì Học Được', 'learned'],
    ['Những Điểm Rút ra Chính', 'learned'],
    ['Lessons learned', 'lessons'],
    ['Bài học rút ra', 'lessons'],
    ['Bài Học Rút Ra', 'lessons'],
    ['Personal Experience & Lessons Learned', 'lessons'],
    ['Event Purpose', 'purpose'],
    ['Event Objectives', 'purpose'],
    ['Mục Đích Của Sự Kiện', 'purpose'],
    ['Mục tiêu Sự kiện', 'purpose'],
  ])('reads the heading %j as the %s section', (heading, kind) => {
    expect(classifySectionHeading(heading)?.kind).toBe(kind);
  });

  it.each([
    ['Takeaways from "AWS Well-Architected Security Pillar Workshop"'],
    ['Summary Report: “GenAI-powered App-DB Modernization workshop”'],
    ['Learning from highly specialized speakers'],
    ['Quotes from the speakers'],
    ['Notes by speakers'],
    ['Getting the unfiltered version of a hackathon, not just the demo highlight reel'],
    ['Event Experience'],
  ])('does not take %j for a section', (heading) => {
    expect(classifySectionHeading(heading)).toBeNull();
  });

  it.each([['Applying to Work'], ['Ứng dụng vào công việc'], ['Tổng kết'], ['Góc nhìn cá nhân']])('reads %j as takeaways only when the page has no other', (heading) => {
    expect(classifySectionHeading(heading)).toEqual({ kind: 'learned', weak: true });
  });
});

describe('takeaways a page gives under no heading', () => {
  const tipsOf = (lines: string[]) => {
    const outcome = extractPage(['---', 'title: "Event 4"', '---', '', ...lines, ''].join('\n'), identifyPage('4.4-Event4/_index.md', 'content'), defaultTaxonomy);
    return outcome.kind === 'event' ? outcome.event.tips : [];
  };

  it('takes the sentences of a closing reflection, and only of one that opens as a reflection', () => {
    const page = ['# Data Streaming Workshop', '', '### Notes', '', '- Parquet scans less.', '', 'The thing I will remember is that streaming is a product decision. File format and partitioning decide the bill.'];
    expect(tipsOf(page)).toEqual(['The thing I will remember is that streaming is a product decision.', 'File format and partitioning decide the bill.']);
    expect(tipsOf(['# Data Streaming Workshop', '', '### Notes', '', '- Parquet scans less.', '', 'We had pizza afterwards with the whole club, which was great.'])).toEqual([]);
  });
});

describe('a takeaway on a later line of a paragraph, and a subtitle after the event name', () => {
  it('takes "Takeaway: …" on the third line of a short page, and drops "— hallway interviews" from its name', () => {
    const outcome = extractPage(
      ['---', 'title: "Event 3"', '---', '', '# AWS Community Day Vietnam 2031 — hallway interviews', '', 'Went to the talk.', 'It was good.', 'Takeaway: finish my portfolio project before the summer.', ''].join('\n'),
      identifyPage('4.3-Event3/_index.md', 'content'),
      defaultTaxonomy,
    );
    expect(outcome.kind === 'event' ? [outcome.event.name, outcome.event.tips] : null).toEqual(['AWS Community Day Vietnam 2031', ['finish my portfolio project before the summer.']]);
  });
});

describe('a weak takeaway heading inside a takeaway section', () => {
  it('keeps "Ứng dụng vào Công việc" under "Bài học Chính" as part of it, its points among the tips', () => {
    const outcome = extractPage(
      ['---', 'title: "Event 2"', '---', '', '# DevOps trên AWS', '', '## Bài học Chính (Key Takeaways)', '', '### Chiến lược DevOps', '', '- Đo DORA metrics.', '', '### Ứng dụng vào Công việc', '', '- Triển khai CI/CD cho dự án.', ''].join('\n'),
      identifyPage('4.2-Event2/_index.vi.md', 'content'),
      defaultTaxonomy,
    );
    expect(outcome.kind === 'event' ? outcome.event.tips : null).toEqual(['Đo DORA metrics.', 'Triển khai CI/CD cho dự án.']);
  });
});

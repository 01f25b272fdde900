import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel, TakeawayEvent } from '../../src/content/model.js';

/** 21 real pages from 16 public FCJ report sites; see fixtures/corpus/SOURCES.md.txt for what each shows. */
const corpus = fileURLToPath(new URL('./fixtures/corpus', import.meta.url));

function eventFrom(model: ContentModel, sourcePrefix: string): TakeawayEvent {
  const event = model.events.find((candidate) => candidate.source.startsWith(sourcePrefix));
  if (event === undefined) throw new Error(`no event from ${sourcePrefix}`);
  return event;
}

describe('the corpus of real report pages', () => {
  let model: ContentModel;
  beforeAll(async () => {
    model = await loadContent(corpus);
  });

  it('loads every page with no error-severity problem', () => {
    expect(model.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(model.events).toHaveLength(19);
  });

  it('skips the chapter page and the empty stub, each with its reason', () => {
    expect(model.skipped).toEqual([
      { source: 'BeforeLights__AWS-Worklog__content_4-EventParticipated__index.md', reason: 'chapter page: lists 4 pages, not a report' },
      { source: 'DazielNguyen__aws-fcj-report__content_4-EventParticipated_4.6-Event6__index.md', reason: 'stub: front matter only, no body' },
    ]);
  });

  it('gives a vi twin lang vi and the same key as its English twin', () => {
    const english = model.events.filter((event) => event.source.startsWith('namdang-fdp'));
    expect(english.map((event) => [event.lang, event.id])).toEqual([
      ['en', 'namdang-fdp__aws-intern-report__content_4-eventparticipated_4.1-event1__index'],
      ['vi', 'namdang-fdp__aws-intern-report__content_4-eventparticipated_4.1-event1__index.vi'],
    ]);
    expect(english[0]?.key).toBe(english[1]?.key);
  });

  it.each([
    ['BeforeLights__AWS-Worklog__content_4-EventParticipated_4.4', 9, ['iam', 'detection', 'infrastructure', 'data', 'incident-response']],
    ['CrystalJohn', 2, ['iam', 'detection', 'infrastructure', 'data', 'incident-response']],
    ['DazielNguyen__aws-fcj-report__content_4-EventParticipated_4.6-Event6__index.vi', 13, ['iam', 'detection', 'infrastructure', 'data', 'incident-response']],
    ['36JungKwan', 10, ['iam', 'detection', 'infrastructure', 'data', 'incident-response']],
    ['29092004', 10, []],
  ])('reads %s: %i speakers, pillars %j', (prefix, speakers, pillars) => {
    const event = eventFrom(model, prefix);
    expect(event.speakers).toHaveLength(speakers);
    expect(event.pillars.map((pillar) => pillar.id)).toEqual(pillars);
  });

  it.each([
    ['36JungKwan', 'AWS Well-Architected Security Pillar Workshop', '2025-11-29'],
    ['Huntrot__TanNTSE190646-FCJ-FPTU__content_4-EventParticipated_4.7', 'AWS Cloud Club – Security & Data Protection Workshop', null],
    ['Huntrot__TanNTSE190646-FCJ-FPTU__content_4-EventParticipated_4.8', 'Building Agentic AI – CloudThinker x AWS', '2025-12-05'],
    ['Jhonstau', 'AWS Security Specialty Workshop', '2025-11-29'],
    ['Dang-Van-Hau', 'FCJ Saturday Sharing & Presentation Meet up', '2026-05-30'],
    ['EroEroz', 'AWS Security Governance & Automation', '2025-09-10'],
    ['LeBao004__AWS_Worklog_FALL_2025__content_4-EventParticipated_4.3-Event3_index.md', 'AI-Driven Development Lifecycle: Reshaping Software Engineering', '2025-10-03'],
    ['Async-Ng', 'DevOps on AWS Training Session', '2025-11-17'],
    ['tientho201', 'Agent Forge - Deepdive Day 2', '2026-08-08'],
  ])('names %s %j, dated %s (a date stated in the body beats front matter)', (prefix, name, date) => {
    const event = eventFrom(model, prefix);
    expect(event.name).toBe(name);
    expect(event.date).toBe(date);
  });

  it('warns about template dates instead of trusting them, and about front-matter dates the page contradicts', () => {
    const dateWarnings = model.problems.filter((problem) => problem.message.includes('date'));
    expect(dateWarnings.map((problem) => [problem.source.split('__')[0], problem.line])).toEqual([
      ['36JungKwan', 3],
      ['Async-Ng', 3],
      ['DangXiMi', 3],
      ['LeBao004', 3],
      ['LeBao004', 3],
      ['tientho201', 3],
    ]);
    expect(dateWarnings[0]?.message).toBe('front matter date 2025-09-09 disagrees with the date the page states (2025-11-29); the page\'s is used');
  });

  it('never surfaces image alt text, which can hold a student ID', () => {
    expect(JSON.stringify(model)).not.toMatch(/MSSV|Enter image alt description|Registration confirmation/);
  });

  it('reads the speaker separators of every format the corpus uses', () => {
    expect(eventFrom(model, 'namdang-fdp').speakers[0]).toEqual({ name: 'Jignesh Shah', role: 'Director, Open Source Databases', org: 'Open Source Databases' });
    expect(eventFrom(model, 'Huntrot__TanNTSE190646-FCJ-FPTU__content_4-EventParticipated_4.7').speakers.at(-1)).toEqual({
      name: 'Tinh Truong',
      role: 'AWS Community Builder, Platform Engineer tại TymeX',
      org: 'TymeX',
    });
    expect(eventFrom(model, 'Ben2811').speakers.map((speaker) => speaker.name)).toEqual(['Huynh Thai Linh', 'Team The Ballers', 'Nguyen Thi Quynh Nhu', 'Nghia Tran']);
  });
});

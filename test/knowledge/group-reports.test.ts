import { describe, expect, it } from 'vitest';
import type { Speaker, TakeawayEvent } from '../../src/content/model.js';
import { groupReports } from '../../src/knowledge/group-reports.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

let counter = 0;

/** A report as the loader gives it; `source` decides its site folder and its twin. */
function report(source: string, fields: Partial<TakeawayEvent> & { speakerNames?: string[] } = {}): TakeawayEvent {
  counter++;
  const { speakerNames, ...rest } = fields;
  const site = source.split('/')[0] ?? 'site';
  const key = source.replace(/\/_?index(?:\.vi)?\.md$/, '').toLowerCase();
  const lang = source.includes('.vi.') ? 'vi' : 'en';
  const speakers: Speaker[] = (speakerNames ?? []).map((name) => ({ name, role: null, org: null }));
  return {
    id: lang === 'en' ? key : `${key}.vi`,
    key,
    source,
    site,
    author: site,
    eventId: null,
    lang,
    title: `Event ${counter}`,
    name: `Event ${counter}`,
    date: null,
    purpose: [],
    speakers,
    highlights: [],
    pillars: [],
    learned: [],
    lessons: [],
    lessonsFrom: null,
    tips: [],
    talks: [],
    ...rest,
  };
}

const groupsOf = (reports: TakeawayEvent[]) => groupReports(reports).map((group) => group.reports.map((entry) => entry.source).sort());
const SECURITY_SPEAKERS = ['Tran Duc Anh', 'Huynh Hoang Long', 'Dinh Le Hoang Anh', 'Nguyen Tuan Thinh'];

describe('one event, many reports', () => {
  it('keeps language twins together whatever they say', () => {
    const groups = groupsOf([
      report('alice/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: '2025-09-18' }),
      report('alice/content/4.1-Event1/_index.vi.md', { name: 'Ngày hội Đám mây', date: '2025-09-19' }),
    ]);
    expect(groups).toEqual([['alice/content/4.1-Event1/_index.md', 'alice/content/4.1-Event1/_index.vi.md']]);
  });

  it('merges the same event under different names, and a report whose author got the date two days wrong', () => {
    const groups = groupsOf([
      report('alice/content/4.5-Event5/_index.md', { name: 'AWS Cloud Mastery Series #3: AWS Well-Architected Security Pillar Workshop', date: '2025-11-29', speakerNames: SECURITY_SPEAKERS }),
      report('bob/content/4.3-Event3/_index.md', { name: 'AWS Well-Architected Framework – Security Pillar Workshop', date: '2025-11-29' }),
      report('carol/content/4.4-Event4/_index.md', { name: 'The AWS Well-Architected Security Pillar', date: '2025-12-01', speakerNames: ['Trần Đức Anh', 'Huỳnh Hoàng Long'] }),
      report('dave/content/4.4-Event4/_index.md', { name: 'AWS Cloud Mastery Series #3', date: null }),
    ]);
    expect(groups).toHaveLength(1);
  });

  it('keeps apart the same generic name on different dates, and two pages of one chapter', () => {
    const groups = groupsOf([
      report('alice/content/4.1-Event1/_index.md', { name: 'FCAJ Community Day', date: '2026-05-23', speakerNames: ['Huynh Thai Linh'] }),
      report('bob/content/4.2-Event2/_index.md', { name: 'FCAJ Community Day', date: '2026-06-27', speakerNames: ['Huynh Thai Linh'] }),
      report('bob/content/4.1-Event1/_index.md', { name: 'FCAJ Community Day - May 2026', date: '2026-05-09' }),
      report('carol/content/4.1-Event1/_index.md', { name: 'FCAJ Community Day (May 23)', date: '2026-05-23' }),
      report('dave/content/4.1-Event1/_index.md', { name: 'Data Science on AWS', date: '2025-10-16', speakerNames: ['Van Hoang Kha'] }),
      report('dave/content/4.2-Event2/_index.md', { name: 'Data Science on AWS: part two', date: '2025-10-16', speakerNames: ['Van Hoang Kha'] }),
    ]);
    expect(groups).toEqual([
      ['alice/content/4.1-Event1/_index.md', 'carol/content/4.1-Event1/_index.md'],
      ['bob/content/4.1-Event1/_index.md'],
      ['bob/content/4.2-Event2/_index.md'],
      ['dave/content/4.1-Event1/_index.md'],
      ['dave/content/4.2-Event2/_index.md'],
    ]);
  });

  it('keeps apart two numbers of one series a few days apart, however much their speakers overlap', () => {
    const groups = groupsOf([
      report('alice/content/4.2-Event2/_index.md', { name: 'AWS Cloud Mastery Series #1: AI/ML/GenAI on AWS', date: '2025-11-15', speakerNames: SECURITY_SPEAKERS }),
      report('bob/content/4.1-Event1/_index.md', { name: 'AWS Cloud Mastery Series #2: DevOps on AWS', date: '2025-11-17', speakerNames: SECURITY_SPEAKERS }),
      report('carol/content/4.1-Event1/_index.md', { name: 'AWS Cloud Master Series #1', date: '2025-11-15' }),
    ]);
    expect(groups).toEqual([['alice/content/4.2-Event2/_index.md', 'carol/content/4.1-Event1/_index.md'], ['bob/content/4.1-Event1/_index.md']]);
  });

  it('leaves an undated report alone when it fits two events equally', () => {
    const groups = groupsOf([
      report('alice/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: '2025-05-01', speakerNames: SECURITY_SPEAKERS }),
      report('bob/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: '2025-06-01', speakerNames: SECURITY_SPEAKERS }),
      report('carol/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: null, speakerNames: SECURITY_SPEAKERS }),
    ]);
    expect(groups).toHaveLength(3);
  });

  it('follows front-matter event_id and events.yaml overrides, to merge and to split', () => {
    const reports = [
      report('alice/content/4.1-Event1/_index.md', { name: 'Kick-off', date: '2025-09-06', eventId: 'fall-kickoff' }),
      report('bob/content/4.1-Event1/_index.md', { name: 'Opening day', date: '2025-09-20', eventId: 'fall-kickoff' }),
      report('carol/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: '2025-09-18' }),
      report('dave/content/4.1-Event1/_index.md', { name: 'Cloud Day', date: '2025-09-18' }),
      report('erin/content/4.1-Event1/_index.md', { name: 'Something else', date: '2025-01-01' }),
    ];
    const base = buildKnowledgeBase(
      { events: reports },
      {
        overrides: {
          events: [{ id: 'cloud-day-erin', name: 'Cloud Day (Erin)', date: '2025-09-18', reports: ['erin/content/4.1-Event1/_index.md'] }],
          separate: [['carol/content/4.1-Event1/_index.md', 'dave/content/4.1-Event1/_index.md']],
        },
      },
    );
    const eventOf = new Map(base.reports.map((entry) => [entry.source, entry.event]));
    expect(eventOf.get('alice/content/4.1-Event1/_index.md')).toBe('fall-kickoff');
    expect(eventOf.get('bob/content/4.1-Event1/_index.md')).toBe('fall-kickoff');
    expect(eventOf.get('carol/content/4.1-Event1/_index.md')).not.toBe(eventOf.get('dave/content/4.1-Event1/_index.md'));
    expect(base.events.find((event) => event.id === 'cloud-day-erin')).toMatchObject({ name: 'Cloud Day (Erin)', date: '2025-09-18' });
  });
});

import type { ContentModel, Speaker, TakeawayEvent } from '../../src/content/model.js';
import type { LibraryEvent } from '../../src/core/library.js';

/** A report shaped like the workshop's own, written out as the loader's output. */
export function workshopEvent(overrides: Partial<TakeawayEvent> = {}): TakeawayEvent {
  const speakers: Speaker[] = [
    { name: 'Tran Duc Anh', role: 'AWS Cloud Club Captain', org: 'SGU' },
    { name: 'Nguyen Tuan Thinh', role: 'Cloud Engineer Trainee', org: null },
    { name: 'Nguyen Do Thanh', role: 'Cloud Engineer', org: null },
    { name: 'Thinh Lam', role: 'FCJer', org: null },
    { name: 'Đặng Thị Hương', role: 'Security Engineer', org: 'Example Co' },
    { name: 'Quang Tinh Truongh', role: 'AWS Community Builder - Platform Engineer at TymeX', org: 'TymeX' },
  ];
  return {
    id: '4-events/4.3-event3',
    key: '4-events/4.3-event3',
    source: '4-events/4.3-event3/_index.md',
    site: 'content',
    author: 'content',
    eventId: null,
    lang: 'en',
    title: 'Event 3',
    name: 'AWS Well-Architected Security Pillar Workshop',
    date: '2025-11-29',
    purpose: ['Build a security-first mindset'],
    speakers,
    highlights: [
      { heading: 'Identity & Access Management', pillar: 'iam', points: ['Use roles instead of users', 'Apply least privilege'] },
      { heading: 'Detection', pillar: 'detection', points: ['Detect threats with GuardDuty and aggregate with Security Hub'] },
    ],
    pillars: [
      { id: 'iam', title: 'Identity & Access Management', points: ['Use roles instead of users', 'Apply least privilege'], related: [] },
      { id: 'detection', title: 'Detection', points: ['Detect threats with GuardDuty and aggregate with Security Hub'], related: [] },
      { id: 'data', title: 'Data Protection', points: [], related: ['Protect data and secrets with AWS KMS and Secrets Manager'] },
    ],
    learned: ['Security is a foundation, not an afterthought'],
    lessons: [
      'Security must start from architecture',
      'IAM and logging are the two most important foundations',
      'Prepare incident response in advance with playbooks and automation',
      'Managed services reduce operational burden',
    ],
    lessonsFrom: 'lessons',
    tips: [],
    talks: [],
    ...overrides,
  };
}

export function modelOf(...events: TakeawayEvent[]): ContentModel {
  return { events, skipped: [], problems: [] };
}

const HOSTILE = '@everyone @here @channel <!channel> <!here> <@U123ABC> <@&987654321> #general [click](https://evil.example) https://bare.example/login *bold* `code` <https://evil.example|x>';

/** A report at the limits: hundreds of speakers, 1,000-character bullets, hostile text everywhere. */
export function hugeEvent(index = 0): TakeawayEvent {
  const long = (seed: string) => `${seed} ${HOSTILE} ${'lorem ipsum dolor sit amet '.repeat(40)}`.slice(0, 1_000);
  const speakers = Array.from({ length: 300 }, (_, position) => ({
    name: `Speaker ${position} ${HOSTILE.slice(0, 30)}`,
    role: long(`Role ${position}`).slice(0, 300),
    org: `Org ${position} <!channel>`,
  }));
  const points = Array.from({ length: 40 }, (_, position) => long(`Point ${position}`));
  return workshopEvent({
    id: `huge-${index}`,
    key: `huge-${index}`,
    source: `huge-${index}/_index.md`,
    // Two huge reports of one event: their points say "— from <author>", and an author's name can be hostile too.
    site: `huge-site-${index}`,
    author: `Author ${index} ${HOSTILE}`,
    name: `Huge ${HOSTILE} ${'x'.repeat(300)}`,
    title: `Huge ${index}`,
    speakers,
    purpose: points.slice(0, 10),
    highlights: [{ heading: `IAM ${HOSTILE}`, pillar: 'iam', points }],
    pillars: [{ id: 'iam', title: 'IAM', points, related: points.slice(0, 5) }],
    learned: points.slice(0, 20),
    lessons: points.slice(0, 30),
    tips: [long('Tip')],
  });
}

/** A report as the library answers about it when it is its event's only report. */
export function asLibraryEvent(event: TakeawayEvent): LibraryEvent {
  return { ...event, aliases: [], reports: [{ source: event.source, site: event.site, author: event.author, lang: event.lang }], authorOf: new Map() };
}

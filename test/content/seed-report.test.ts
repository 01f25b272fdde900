import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel, TakeawayEvent } from '../../src/content/model.js';

const seedSite = fileURLToPath(new URL('./fixtures/seed-site', import.meta.url));
const bundledContent = fileURLToPath(new URL('../../content', import.meta.url));

const NINE_SPEAKERS = [
  { name: 'Tran Duc Anh', role: 'AWS Cloud Club Captain (SGU)', org: 'SGU' },
  { name: 'Tran Doan Cong Ly', role: 'AWS Cloud Club Captain (PTIT)', org: 'PTIT' },
  { name: 'Danh Hoang Hieu Nghi', role: 'AWS Cloud Club Captain (HUFLIT)', org: 'HUFLIT' },
  { name: 'Nguyen Tuan Thinh', role: 'Cloud Engineer Trainee', org: null },
  { name: 'Nguyen Do Thanh', role: 'Cloud Engineer', org: null },
  { name: 'Thinh Lam', role: 'FCJer', org: null },
  { name: 'Viet Nguyen', role: 'FCJer', org: null },
  { name: 'NMendel Grabski (Long)', role: 'ex Head of Security & DevOps - Cloud Security Solution Architect', org: null },
  { name: 'Quang Tinh Truongh', role: 'AWS Community Builder - Platform Engineer at TymeX', org: 'TymeX' },
];

function onlyEvent(model: ContentModel): TakeawayEvent {
  expect(model.events).toHaveLength(1);
  const event = model.events[0];
  if (event === undefined) throw new Error('no event');
  return event;
}

describe('the seed report, as _index.md in a Hugo bundle', () => {
  let model: ContentModel;
  let event: TakeawayEvent;
  beforeAll(async () => {
    model = await loadContent(seedSite);
    event = onlyEvent(model);
  });

  it('is keyed by its bundle path and named after the quoted title', () => {
    expect(event).toMatchObject({
      id: '4-eventparticipated/4.3-event3',
      key: '4-eventparticipated/4.3-event3',
      source: '4-EventParticipated/4.3-Event3/_index.md',
      lang: 'en',
      title: 'Event 3',
      name: 'AWS Well-Architected Security Pillar Workshop',
    });
  });

  it('gives the nine speakers with names and roles exactly as written', () => {
    expect(event.speakers).toEqual(NINE_SPEAKERS);
  });

  it('maps the highlights to iam, detection, infrastructure and incident-response with all their points', () => {
    expect(event.highlights.map((highlight) => [highlight.pillar, highlight.points.length])).toEqual([
      ['iam', 4],
      ['detection', 3],
      ['infrastructure', 4],
      ['incident-response', 4],
    ]);
    expect(event.highlights[0]?.points).toEqual([
      'Design modern IAM with roles instead of users',
      'Apply least privilege principle',
      'Use IAM Identity Center (SSO) for multi-account model',
      'Manage and control permissions with SCP, permission boundaries and Access Analyzer',
    ]);
    expect(event.highlights[3]?.points).toContain('Automate incident handling with Lambda, Step Functions');
  });

  it('has the data pillar through related points (KMS, Secrets Manager) though it has no section', () => {
    const data = event.pillars.find((pillar) => pillar.id === 'data');
    expect(data?.points).toEqual([]);
    expect(data?.related).toContain('Clearly understand the role of AWS KMS, Secrets Manager in protecting data and managing secrets securely.');
    expect(event.pillars.map((pillar) => pillar.id)).toEqual(['iam', 'detection', 'infrastructure', 'data', 'incident-response']);
  });

  it('gives the four lessons and what was learned, as plain text', () => {
    expect(event.lessons).toEqual([
      'Security must start from architecture, cannot patch holes at the final stage',
      'IAM and logging are the two most important foundations, if done wrong will lead to many risks later.',
      'Incident Response needs to be prepared in advance with playbooks and automation, cannot be handled effectively if only reacting when incidents occur.',
      'Using AWS managed services helps reduce operational burden and limit human errors in security.',
    ]);
    expect(event.learned).toContain('IAM plays the role of the first gateway of the entire architecture.');
    const allText = JSON.stringify(event);
    expect(allText).not.toMatch(/\*\*|do not copy|\s"/);
  });

  it('does not trust the template date and says so with its line', () => {
    expect(event.date).toBeNull();
    expect(model.problems).toEqual([expect.objectContaining({ severity: 'warning', line: 3, message: expect.stringContaining('placeholder') })]);
  });
});

describe('the bundled content/ report', () => {
  it('loads without problems and carries the seed facts', async () => {
    const model = await loadContent(bundledContent);
    expect(model.problems).toEqual([]);
    const event = onlyEvent(model);
    expect(event.speakers).toEqual(NINE_SPEAKERS);
    expect(event.date).toBe('2025-11-29');
    expect(event.lessons).toHaveLength(4);
    expect(event.highlights.map((highlight) => highlight.pillar)).toEqual(['iam', 'detection', 'infrastructure', 'incident-response']);
    expect(event.pillars.find((pillar) => pillar.id === 'data')?.related.length).toBeGreaterThan(0);
    expect(model.skipped).toEqual([{ source: '4-EventParticipated/_index.md', reason: 'chapter page: lists 1 page, not a report' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { consoleUser, createTestBot } from '../support/test-bot.js';
import { modelOf, workshopEvent } from '../support/sample-model.js';

/** Two authors' reports of the workshop, and one of another event. */
function twoAuthorsModel() {
  return modelOf(
    workshopEvent({
      id: 'bao/4.5',
      key: 'bao/4.5',
      source: 'bao/content/4.5-Event5/_index.md',
      site: 'bao',
      author: 'Bao',
      name: 'AWS Cloud Mastery Series #3: Security Pillar',
      speakers: [{ name: 'Trần Đức Anh', role: 'AWS Cloud Club Captain', org: 'SGU' }, { name: 'Kha Van', role: 'Cloud Security Engineer', org: 'AWS' }],
      pillars: [{ id: 'detection', title: 'Detection', points: ['Enable GuardDuty in every region'], related: [] }],
      lessons: ['Prepare incident response before the incident.'],
    }),
    workshopEvent({
      id: 'linh/4.3',
      key: 'linh/4.3',
      source: 'linh/content/4.3-Event3/_index.md',
      site: 'linh',
      author: 'Linh',
      name: 'The AWS Well-Architected Security Pillar',
      speakers: [{ name: 'Tran Duc Anh', role: 'Captain', org: null }, { name: 'Nguyen Van Hoang Kha', role: null, org: null }],
      pillars: [{ id: 'detection', title: 'Detection', points: ['Aggregate findings in Security Hub', 'Enable GuardDuty in every region.'], related: [] }],
      lessons: ['prepare incident response before the incident', 'Automate what you would otherwise forget.'],
    }),
    workshopEvent({ id: 'linh/4.1', key: 'linh/4.1', source: 'linh/content/4.1-Event1/_index.md', site: 'linh', author: 'Linh', name: 'Vietnam Cloud Day 2025', date: '2025-09-18', speakers: [{ name: 'Eric Yeo', role: 'GM', org: 'AWS' }], pillars: [], lessons: ['Start small.'] }),
  );
}

const text = (reply: Reply) => JSON.stringify(reply.blocks);

describe('answers from the merged knowledge base', () => {
  it('lists each event once, with how many reports it has', async () => {
    const { bot } = createTestBot(twoAuthorsModel());
    const reply = await bot.run({ command: 'events', args: '', user: consoleUser });
    expect(reply.title).toBe('Events (2)');
    expect(text(reply)).toContain('2 reports');
  });

  it("shows an event's speakers once and says whose report each point comes from", async () => {
    const { bot } = createTestBot(twoAuthorsModel());
    const reply = await bot.run({ command: 'events', args: 'security pillar', user: consoleUser });
    const speakers = reply.blocks.find((block) => block.kind === 'list' && block.heading === 'Speakers');
    expect(speakers?.kind === 'list' && speakers.items.map((item) => item.split(' — ')[0])).toEqual(['Trần Đức Anh', 'Nguyen Van Hoang Kha']);
    const lessons = reply.blocks.find((block) => block.kind === 'list' && block.heading === 'Lessons learned');
    // The near-identical lesson of the second author is kept once.
    expect(lessons?.kind === 'list' && lessons.items).toEqual(['Prepare incident response before the incident. — from Bao', 'Automate what you would otherwise forget. — from Linh']);
    expect(text(reply)).toContain('From 2 reports by Bao, Linh');

    const pillar = await bot.run({ command: 'pillars', args: 'detection', user: consoleUser });
    expect(text(pillar)).toContain('Enable GuardDuty in every region — from Bao');
    expect(text(pillar)).toContain('Aggregate findings in Security Hub — from Linh');
    expect(text(pillar)).not.toContain('Enable GuardDuty in every region. — from Linh');
  });

  it('counts a person once across the reports and finds them by any spelling', async () => {
    const { bot } = createTestBot(twoAuthorsModel());
    const reply = await bot.run({ command: 'speakers', args: 'kha van', user: consoleUser });
    expect(reply.title).toBe('Nguyen Van Hoang Kha');
  });

  it('gives a tip once however many authors wrote it, naming whose report it is from', async () => {
    const { bot, library } = createTestBot(twoAuthorsModel());
    const incident = library.tips.filter((tip) => /incident response before/i.test(tip.text));
    expect(incident).toHaveLength(1);
    expect(incident[0]?.author).toBe('Bao');
    const reply = await bot.run({ command: 'tip', args: 'security pillar', user: consoleUser });
    expect(text(reply)).toMatch(/from (Bao|Linh)'s report/);
  });
});

describe('the tip pool of a merged event', () => {
  it('keeps one of two tips that differ by a word or two, written by two authors', () => {
    const model = modelOf(
      workshopEvent({ id: 'a/1', key: 'a/1', source: 'a/content/1/_index.md', site: 'a', author: 'Bao', lessons: ['Always enable Amazon GuardDuty in every AWS region you use.'] }),
      workshopEvent({ id: 'b/1', key: 'b/1', source: 'b/content/1/_index.md', site: 'b', author: 'Linh', lessons: ['Always enable Amazon GuardDuty in every AWS region you run.', 'Rotate secrets with Secrets Manager on a schedule.'] }),
    );
    const { library } = createTestBot(model);
    expect(library.tips.map((tip) => tip.text).sort()).toEqual(['Always enable Amazon GuardDuty in every AWS region you use.', 'Rotate secrets with Secrets Manager on a schedule.']);
  });
});

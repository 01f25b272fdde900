import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentModel } from '../../src/content/model.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { nameWords } from '../../src/knowledge/people.js';
import { eventOfFile, loadFixturesKnowledge, readGold, scoreGrouping, type GoldEvents } from '../support/grouping-score.js';

/**
 * The shared corpus (12 whole sites and 21 pages from other sites) against a reader's grouping of it
 * (test/knowledge/fixtures/gold-events.json, written by reading the pages, not from the bot's output).
 */
describe('the corpus as one knowledge base', () => {
  let gold: GoldEvents;
  let model: ContentModel;
  let base: KnowledgeBase;
  beforeAll(async () => {
    gold = readGold();
    ({ model, base } = await loadFixturesKnowledge());
  });

  it('groups report files into events like a careful reader (B-cubed precision ≥ 0.95, recall ≥ 0.90)', () => {
    const score = scoreGrouping(gold, eventOfFile(model, base));
    expect(score.missing).toEqual([]);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('holds the Security Pillar workshop as one event with nearly all its reports', () => {
    const goldFiles = gold.events.find((event) => event.date === '2025-11-29')?.files ?? [];
    const events = eventOfFile(model, base);
    const counts = new Map<string, number>();
    for (const file of goldFiles) counts.set(events.get(file) ?? '', (counts.get(events.get(file) ?? '') ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(goldFiles.length - 2);
  });

  it("names each of the workshop's speakers once, under every spelling the reports use", () => {
    const event = base.events.find((candidate) => candidate.date === '2025-11-29');
    const speakers = event?.speakers ?? [];
    for (const expected of gold.securityPillarWorkshopSpeakers) {
      const matching = speakers.filter((speaker) =>
        [expected.name, ...expected.variants].some((variant) => [speaker.name, ...speaker.aliases].some((name) => nameWords(name).join(' ') === nameWords(variant).join(' '))),
      );
      expect(matching.map((speaker) => speaker.name), expected.name).toHaveLength(1);
    }
  });

  it('keeps the traps apart: the Community Day of 9 May is not that of 23 May, nor of June or July', () => {
    const events = eventOfFile(model, base);
    const may9 = events.get('sites/AkiHayakwa__AWS-Intership-FCJ-/content/4-EventParticipated/4.1-Event1/_index.md');
    const may23 = events.get('sites/BTuanKiet__BTKiet-workshop/content/4-EventParticipated/4.1-Event1/_index.md');
    const june = events.get('sites/BTuanKiet__BTKiet-workshop/content/4-EventParticipated/4.2-Event2/_index.md');
    const july = events.get('sites/CheQuocDat__my-workshop/content/4-EventParticipated/4.3-Event3/_index.md');
    expect(new Set([may9, may23, june, july]).size).toBe(4);
  });
});

/**
 * Scores how the knowledge base groups reports into events against a reader's gold grouping
 * (test/knowledge/fixtures/gold-events.json): B-cubed precision and recall over report files.
 * Run: npx tsx test/support/grouping-score.ts [--events]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel } from '../../src/content/model.js';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';

export interface GoldEvents {
  events: Array<{ name: string; date: string | null; files: string[]; note?: string }>;
  notReports: string[];
  securityPillarWorkshopSpeakers: Array<{ name: string; variants: string[]; files: string[] }>;
}

export const fixturesDir = fileURLToPath(new URL('../content/fixtures', import.meta.url));

export function readGold(): GoldEvents {
  return JSON.parse(readFileSync(new URL('../knowledge/fixtures/gold-events.json', import.meta.url), 'utf8')) as GoldEvents;
}

/** The event id each file was put in; an identical copy goes with the file it copies. */
export function eventOfFile(model: ContentModel, base: KnowledgeBase): Map<string, string> {
  const events = new Map(base.reports.map((report) => [report.source, report.event]));
  for (const skipped of model.skipped) {
    const original = /^identical copy of (.+)$/.exec(skipped.reason)?.[1];
    const event = original === undefined ? undefined : events.get(original);
    if (event !== undefined) events.set(skipped.source, event);
  }
  return events;
}

export interface GroupingScore {
  precision: number;
  recall: number;
  files: number;
  missing: string[];
}

/** B-cubed: for each file, the share of its predicted event that is in its gold event (precision) and the reverse (recall). */
export function scoreGrouping(gold: GoldEvents, predicted: ReadonlyMap<string, string>): GroupingScore {
  const goldOf = new Map<string, number>();
  gold.events.forEach((event, index) => {
    for (const file of event.files) goldOf.set(file, index);
  });
  const files = [...goldOf.keys()];
  const missing = files.filter((file) => !predicted.has(file));
  const predictedMembers = new Map<string, string[]>();
  for (const file of files) {
    const event = predicted.get(file) ?? `missing:${file}`;
    predictedMembers.set(event, [...(predictedMembers.get(event) ?? []), file]);
  }
  let precision = 0;
  let recall = 0;
  for (const file of files) {
    const goldEvent = goldOf.get(file);
    const sameGold = files.filter((other) => goldOf.get(other) === goldEvent);
    const samePredicted = predictedMembers.get(predicted.get(file) ?? `missing:${file}`) ?? [];
    const both = samePredicted.filter((other) => goldOf.get(other) === goldEvent).length;
    precision += both / samePredicted.length;
    recall += both / sameGold.length;
  }
  return { precision: precision / files.length, recall: recall / files.length, files: files.length, missing };
}

export async function loadFixturesKnowledge(): Promise<{ model: ContentModel; base: KnowledgeBase }> {
  const model = await loadContent(fixturesDir);
  // The seed page is the fixture set's own copy of the workshop; the gold grouping covers sites/ and corpus/.
  const reports = model.events.filter((report) => report.source.startsWith('sites/') || report.source.startsWith('corpus/'));
  return { model, base: buildKnowledgeBase({ events: reports }) };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const gold = readGold();
  const { model, base } = await loadFixturesKnowledge();
  const predicted = eventOfFile(model, base);
  const score = scoreGrouping(gold, predicted);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`B-cubed over ${score.files} files: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}; ${base.events.length} events (gold ${gold.events.length})`);
  if (score.missing.length > 0) print(`not in any event: ${score.missing.join(', ')}`);
  if (process.argv.includes('--events')) {
    for (const [index, event] of gold.events.entries()) {
      const predictedEvents = new Set(event.files.map((file) => predicted.get(file)));
      if (predictedEvents.size > 1) print(`gold ${index} "${event.name}" split into ${[...predictedEvents].join(' | ')}`);
    }
    for (const event of base.events) {
      const golds = new Set(event.reports.map((report) => gold.events.findIndex((goldEvent) => goldEvent.files.includes(report.source))));
      if (golds.size > 1) print(`predicted "${event.id}" mixes gold events ${[...golds].map((index) => gold.events[index]?.name).join(' | ')}`);
    }
  }
}

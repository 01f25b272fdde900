/**
 * Merge benchmark: 1,000 and 10,000 reports, ten authors per event (names written two ways, a date missing on one
 * report in ten, speakers mostly once with a few regulars), merged into one knowledge base. The goal is linear:
 * the time per report at 10,000 no worse than at 1,000. Run alone with `npx tsx bench/knowledge-merge.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { TakeawayEvent } from '../src/content/model.js';
import { buildKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { formatBenchTable, median, type BenchRow } from './bench-table.js';

const GIVEN = ['Anh', 'Linh', 'Minh', 'Thinh', 'Viet', 'Quang', 'Hoang', 'Mai', 'Khang', 'Tuan', 'Long', 'Nghi', 'Duc', 'Lan', 'Hung'];
const FAMILY = ['Tran', 'Nguyen', 'Le', 'Pham', 'Huynh', 'Dang', 'Vo', 'Bui', 'Do', 'Danh'];
const TOPICS = ['Security Pillar', 'DevOps on AWS', 'Data Science', 'Agentic AI', 'Edge Services', 'Serverless Patterns', 'Cost Optimization', 'Observability'];
export const AUTHORS_PER_EVENT = 10;

function person(number: number): string {
  const extra = number >= 2250 ? ` ${GIVEN[Math.floor(number / 2250) % 15] ?? ''}` : '';
  return `${FAMILY[number % 10] ?? ''} ${GIVEN[Math.floor(number / 10) % 15] ?? ''} ${GIVEN[Math.floor(number / 150) % 15] ?? ''}${extra}`;
}

/** `count` reports of `count / 10` events, every event reported by ten authors on their own sites. */
export function generateReports(count: number): TakeawayEvent[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const reports: TakeawayEvent[] = [];
  for (let event = 0; reports.length < count; event++) {
    const date = new Date(Date.UTC(2024, 0, 1) + event * 2 * 86_400_000).toISOString().slice(0, 10);
    const topic = `${TOPICS[event % TOPICS.length] ?? ''} ${Math.floor(event / TOPICS.length)}`;
    // One regular of forty speaks at every event of theirs; the other five speak once or twice.
    const speakers = Array.from({ length: 6 }, (_, slot) => ({ name: person(slot === 0 ? event % 40 : 40 + ((event * 5 + slot * 7919) % 30_000)), role: 'Engineer', org: 'AWS' }));
    for (let author = 0; author < AUTHORS_PER_EVENT && reports.length < count; author++) {
      const site = `author${author}-${event % 50}`;
      const source = `${site}/content/4-EventParticipated/4.${event}-Event/_index.md`;
      reports.push({
        id: `${site}/e${event}`,
        key: `${site}/e${event}`,
        source,
        site,
        author: site,
        eventId: null,
        lang: 'en',
        title: `Event ${event}`,
        name: author % 2 === 0 ? `AWS ${topic} Workshop` : `Workshop: ${topic}`,
        date: author === 3 ? null : date,
        purpose: [],
        speakers: speakers.filter(() => random() < 0.7),
        highlights: [],
        pillars: [{ id: 'iam', title: 'IAM', points: [`Point ${event} by ${author}`, `Shared point of event ${event}`], related: [] }],
        learned: [],
        lessons: [`Lesson ${event} by ${author}`],
        lessonsFrom: 'lessons',
        tips: [`Lesson ${event} by ${author}`],
        talks: [],
      });
    }
  }
  return reports;
}

function timeIt(work: () => unknown): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** 1,000 and 10,000 reports merged, medians of five rounds, and the time per report at each size. */
export async function runKnowledgeMergeBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const perReport: number[] = [];
  for (const count of [1_000, 10_000]) {
    const reports = generateReports(count);
    const model = { events: reports };
    const base = buildKnowledgeBase(model);
    const times = Array.from({ length: 5 }, () => timeIt(() => buildKnowledgeBase(model)));
    const ms = median(times);
    perReport.push((ms * 1000) / count);
    rows.push({
      bench: 'knowledge-merge',
      scenario: `${count.toLocaleString('en-US')} reports, ${AUTHORS_PER_EVENT} authors per event`,
      result: `${ms.toFixed(0)} ms (${((ms * 1000) / count).toFixed(0)} µs/report) → ${base.events.length} events, ${base.people.length} people`,
      note: 'median of 5 rounds',
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  rows.push({ bench: 'knowledge-merge', scenario: 'per report, 10,000 against 1,000', result: `${((perReport[1] ?? 0) / (perReport[0] ?? 1)).toFixed(2)}×`, note: 'goal: linear (≤ 1.5×)' });
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatBenchTable(await runKnowledgeMergeBench()));
}

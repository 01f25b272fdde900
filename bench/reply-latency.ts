import { pathToFileURL } from 'node:url';
import { defaultTaxonomy } from '../src/content/taxonomy.js';
import type { TakeawayEvent } from '../src/content/model.js';
import { createBot } from '../src/core/create-bot.js';
import { createLibrary } from '../src/core/library.js';
import { createSilentLogger } from '../src/logger.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { workshopEvent } from '../test/support/sample-model.js';
import { formatBenchTable, percentile, type BenchRow } from './bench-table.js';

const FIRST_NAMES = ['Anh', 'Thinh', 'Lan', 'Minh', 'Hieu', 'Ly', 'Nghi', 'Long', 'Tinh', 'Huong', 'Quang', 'Bao'];
const LAST_NAMES = ['Tran', 'Nguyen', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui'];
const TOPICS = ['GuardDuty', 'KMS', 'IAM roles', 'VPC endpoints', 'Security Hub', 'WAF', 'CloudTrail', 'Step Functions', 'Secrets Manager'];

/** 1,000 seed-shaped events with distinct names, speakers and bullets. */
export function generateEvents(count: number): TakeawayEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const base = workshopEvent();
    const topic = (offset: number) => TOPICS[(index + offset) % TOPICS.length] as string;
    return {
      ...base,
      id: `events/event-${index}`,
      key: `events/event-${index}`,
      source: `events/event-${index}/_index.md`,
      name: `Cloud Security Day ${index}: ${topic(0)} in practice`,
      date: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      speakers: base.speakers.map((speaker, position) => ({
        ...speaker,
        name: `${LAST_NAMES[(index + position) % LAST_NAMES.length]} ${FIRST_NAMES[(index * 7 + position) % FIRST_NAMES.length]} ${index}-${position}`,
      })),
      highlights: base.highlights.map((highlight) => ({ ...highlight, points: highlight.points.map((point) => `${point} with ${topic(1)} (${index})`) })),
      lessons: base.lessons.map((lesson, position) => `${lesson}; ${topic(position)} case ${index}`),
      // Each event's sessions, given by two of its speakers: what "who spoke about" answers from.
      talks: [
        { title: `${topic(0)} in depth`, speakers: [`${LAST_NAMES[index % LAST_NAMES.length]} ${FIRST_NAMES[(index * 7) % FIRST_NAMES.length]} ${index}-0`], pillars: ['detection'], points: [`Enable GuardDuty with ${topic(1)} (${index})`] },
        { title: `${topic(2)} for builders`, speakers: [`${LAST_NAMES[(index + 1) % LAST_NAMES.length]} ${FIRST_NAMES[(index * 7 + 1) % FIRST_NAMES.length]} ${index}-1`], pillars: ['data'], points: [] },
      ],
    };
  });
}

interface Probe {
  command: string;
  args: (iteration: number) => string;
  /** Repeated questions are answered from the reply cache; distinct ones are computed every time. */
  arguments: 'repeated' | 'distinct';
}

const PROBES: Probe[] = [
  { command: 'help', args: () => '', arguments: 'repeated' },
  { command: 'speakers', args: (iteration) => FIRST_NAMES[iteration % FIRST_NAMES.length] as string, arguments: 'repeated' },
  { command: 'speakers', args: (iteration) => `nguyen ${iteration}`, arguments: 'distinct' },
  { command: 'pillars', args: (iteration) => ['', 'iam', 'data', '4', 'detection'][iteration % 5] as string, arguments: 'repeated' },
  { command: 'lessons', args: (iteration) => String((iteration % 1000) + 1), arguments: 'distinct' },
  { command: 'events', args: (iteration) => `security day ${iteration}`, arguments: 'distinct' },
  { command: 'search', args: (iteration) => `${TOPICS[iteration % TOPICS.length]} ${iteration}`, arguments: 'distinct' },
  { command: 'tip', args: () => '', arguments: 'repeated' },
  // "who spoke about …" as a member types it, a different topic each time.
  // Each names one event's session ("guardduty 17" is in event 17's points); past 999 nothing matches and the
  // answer is the "did you mean": both paths are measured.
  { command: 'speakers', args: (iteration) => `about guardduty ${iteration}`, arguments: 'distinct' },
];

export async function runReplyLatencyBench(iterations = 2_000): Promise<BenchRow[]> {
  const library = createLibrary({ events: generateEvents(1_000), skipped: [], problems: [] }, defaultTaxonomy);
  const bot = createBot({ library, store: new MemoryStore(), logger: createSilentLogger() });
  const user = { platform: 'console' as const, id: 'bench' };
  const rows: BenchRow[] = [];
  for (const probe of PROBES) {
    for (let warm = 0; warm < 50; warm += 1) await bot.run({ command: probe.command, args: probe.args(warm), user });
    const samples: number[] = [];
    for (let iteration = 0; iteration < iterations; iteration += 1) {
      const args = probe.args(iteration + 50);
      const start = performance.now();
      await bot.run({ command: probe.command, args, user });
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    rows.push({
      bench: 'reply latency (1,000 reports)',
      scenario: `${probe.command} ${probe.args(1) ? `"${probe.args(1)}"…` : ''}`.trim(),
      result: `p50 ${percentile(samples, 0.5).toFixed(3)} ms, p99 ${percentile(samples, 0.99).toFixed(3)} ms`,
      note: `${iterations} calls, ${probe.arguments === 'repeated' ? 'repeated questions (reply cache)' : 'a distinct argument each call (no cache)'}`,
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatBenchTable(await runReplyLatencyBench()));
}

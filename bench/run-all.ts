/**
 * `npm run bench`: every benchmark of the project, one after another on this machine, in one table.
 * These are benchmarks, not tests: compare rows of the same run (ratios, medians), never runs on different days.
 */
import { cpus, loadavg } from 'node:os';
import { formatBenchTable, type BenchRow } from './bench-table.js';
import { runContentLoadBench } from './content-load.js';
import { runDiscordRoundTripBench } from './discord-roundtrip.js';
import { runFirstSearchBench } from './first-search.js';
import { runKnowledgeMergeBench } from './knowledge-merge.js';
import { runReplyLatencyBench } from './reply-latency.js';
import { runSlackThroughputBench } from './slack-throughput.js';
import { runStartupMemoryBench } from './startup-memory.js';
import { runWholeProcessBench } from './whole-process.js';

const benches: [string, () => Promise<BenchRow[]>][] = [
  ['content load', runContentLoadBench],
  ['knowledge merge', runKnowledgeMergeBench],
  ['reply latency', () => runReplyLatencyBench()],
  ['Slack throughput', () => runSlackThroughputBench()],
  ['Discord round trip', () => runDiscordRoundTripBench()],
  ['first search on a big site', () => runFirstSearchBench()],
  ['start-up and memory', () => runStartupMemoryBench()],
  ['whole processes: npm start, export, memory with both platforms', () => runWholeProcessBench()],
];

const rows: BenchRow[] = [];
for (const [name, run] of benches) {
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await run()));
}
console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}\n`);
console.log(formatBenchTable(rows));

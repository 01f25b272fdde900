/**
 * Start-up time and memory: how long `takeaways ask hello` takes from process start to exit (the bundled report,
 * then 1,000 generated reports), next to bare `node` in the same run; and the heap a 1,000-report library holds.
 * Runs the built CLI (dist/), as `npm start` does. Run alone with `npx tsx bench/startup-memory.ts`.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSite } from './content-load.js';
import { formatBenchTable, median, type BenchRow } from './bench-table.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = resolve(ROOT, 'dist/src/cli.js');

function timeRun(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - started;
}

function medianOf(runs: number, work: () => number): number {
  return median(Array.from({ length: runs }, work));
}

/** Heap and RSS after loading and indexing `dir`, measured in a fresh process after a full GC. */
function memoryAfterLoading(dir: string): { heapMb: number; rssMb: number; baselineHeapMb: number } {
  const script = `
    const { loadLibrary } = await import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'dist/src/app/load-library.js')).href)});
    const { folderSources } = await import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'dist/src/sources/content-sources.js')).href)});
    globalThis.gc(); const before = process.memoryUsage().heapUsed;
    const loaded = await loadLibrary({ sources: folderSources([${JSON.stringify(dir)}]), lang: 'en', tipSources: ['lessons'] });
    globalThis.gc(); const after = process.memoryUsage();
    console.log(JSON.stringify({ before, heap: after.heapUsed, rss: after.rss, events: loaded.library.events.length }));`;
  const result = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`memory probe failed: ${result.stderr}`);
  const measured = JSON.parse(result.stdout) as { before: number; heap: number; rss: number };
  return { heapMb: measured.heap / 2 ** 20, rssMb: measured.rss / 2 ** 20, baselineHeapMb: measured.before / 2 ** 20 };
}

export async function runStartupMemoryBench(runs = 5): Promise<BenchRow[]> {
  const { dir } = await generateSite(1_000, 7);
  try {
    const bareNode = medianOf(runs, () => timeRun(['-e', ''], {}));
    const bundled = medianOf(runs, () => timeRun([CLI, 'ask', 'hello'], { CONTENT_DIR: resolve(ROOT, 'content') }));
    const thousand = medianOf(runs, () => timeRun([CLI, 'ask', 'hello'], { CONTENT_DIR: dir }));
    const memory = memoryAfterLoading(dir);
    return [
      { bench: 'start-up', scenario: 'bare node -e ""', result: `${bareNode.toFixed(0)} ms`, note: `median of ${runs}` },
      { bench: 'start-up', scenario: 'takeaways ask hello, bundled report', result: `${bundled.toFixed(0)} ms`, note: `median of ${runs}, process start to exit` },
      { bench: 'start-up', scenario: 'takeaways ask hello, 1,000 reports', result: `${thousand.toFixed(0)} ms`, note: `median of ${runs}, process start to exit` },
      {
        bench: 'memory',
        scenario: '1,000 reports loaded and indexed',
        result: `heap ${memory.heapMb.toFixed(0)} MB (+${(memory.heapMb - memory.baselineHeapMb).toFixed(0)} MB for the content), RSS ${memory.rssMb.toFixed(0)} MB`,
        note: 'after a full GC',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatBenchTable(await runStartupMemoryBench()));
}

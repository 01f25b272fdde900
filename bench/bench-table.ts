/** One line of the `npm run bench` table. Benchmarks return rows; run-all prints them together. */
export interface BenchRow {
  bench: string;
  scenario: string;
  result: string;
  note?: string;
}

export function formatBenchTable(rows: BenchRow[]): string {
  const headers = ['bench', 'scenario', 'result', 'note'] as const;
  const cells = rows.map((row) => [row.bench, row.scenario, row.result, row.note ?? '']);
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]?.length ?? 0)));
  const formatLine = (line: readonly string[]) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ').trimEnd();
  return [formatLine(headers), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(formatLine)].join('\n');
}

/** Percentile of already-sorted samples (nearest-rank). */
export function percentile(sortedSamples: readonly number[], fraction: number): number {
  if (sortedSamples.length === 0) return Number.NaN;
  const index = Math.min(sortedSamples.length - 1, Math.max(0, Math.ceil(fraction * sortedSamples.length) - 1));
  return sortedSamples[index] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 0.5);
}

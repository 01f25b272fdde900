/**
 * `takeaways check [DIR]` and `takeaways export [DIR]`: what a report writer runs to see what the bot will
 * read from their Hugo site, and the JSON contract other tools read.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { contentSnapshotsIn } from '../app/content-snapshots.js';
import type { ContentSnapshots, SnapshotFolder } from '../content/content-snapshot.js';
import { readSourceConfig } from '../config.js';
import { contentFingerprint, loadContent } from '../content/load-content.js';
import type { ContentModel, ContentProblem } from '../content/model.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { buildKnowledgeBase, exportKnowledge, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { readExportSnapshot, writeExportSnapshot } from '../knowledge/export-snapshot.js';
import { builderVersion, buildKnowledgeBaseWithSnapshot, knowledgeSnapshotHeader } from '../knowledge/knowledge-snapshot.js';
import { resolveContentSources } from '../sources/content-sources.js';
import { loadSources } from '../sources/load-sources.js';
import { createLogger } from '../logger.js';
import { writeBytes, writeJson } from './write-json.js';

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function countProblems(problems: readonly ContentProblem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const parts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''];
  return parts.filter((part) => part !== '').join(', ') || '-';
}

/** One `source:line: severity: message` line, as compilers print, so editors can jump to it. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === null ? problem.source : `${problem.source}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}

/**
 * The table of reports (source, event, date, speakers, pillars with points of their own, lessons, tips, problems),
 * then every problem on its own line. Lessons read from a page's takeaways are marked `(t)`.
 */
export function formatCheckReport(model: ContentModel): string {
  const problemsBySource = new Map<string, ContentProblem[]>();
  for (const problem of model.problems) problemsBySource.set(problem.source, [...(problemsBySource.get(problem.source) ?? []), problem]);
  const rows: string[][] = [];
  const listed = new Set<string>();
  for (const event of model.events) {
    listed.add(event.source);
    rows.push([
      event.source,
      shorten(event.name, 48),
      event.date ?? '-',
      String(event.speakers.length),
      event.pillars.filter((pillar) => pillar.points.length > 0).map((pillar) => pillar.id).join(',') || '-',
      event.lessonsFrom === 'takeaways' ? `${event.lessons.length} (t)` : String(event.lessons.length),
      String(event.tips.length),
      countProblems(problemsBySource.get(event.source) ?? []),
    ]);
  }
  for (const page of model.skipped) {
    listed.add(page.source);
    // A skip reason is read whole: it says why a page is not a report.
    rows.push([page.source, `(skipped: ${page.reason})`, '-', '-', '-', '-', '-', countProblems(problemsBySource.get(page.source) ?? [])]);
  }
  for (const [source, problems] of problemsBySource) {
    if (!listed.has(source)) rows.push([source, '(not loaded)', '-', '-', '-', '-', '-', countProblems(problems)]);
  }
  rows.sort((left, right) => ((left[0] ?? '') < (right[0] ?? '') ? -1 : 1));
  const headers = ['source', 'event', 'date', 'speakers', 'pillars', 'lessons', 'tips', 'problems'];
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const formatRow = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const lines = [formatRow(headers), formatRow(widths.map((width) => '-'.repeat(width))), ...rows.map(formatRow)];
  const errors = model.problems.filter((problem) => problem.severity === 'error').length;
  lines.push('', `${model.events.length} reports, ${model.skipped.length} skipped, ${errors} errors, ${model.problems.length - errors} warnings`);
  if (model.problems.length > 0) lines.push('', ...model.problems.map(formatProblem));
  return lines.join('\n');
}

/** The merged events: date, name, and the reports (by author) each was read from. */
export function formatEventList(base: KnowledgeBase): string {
  const lines = [`${base.events.length} events from ${base.reports.length} reports:`];
  for (const event of base.events) {
    const authors = [...new Set(event.reports.map((report) => report.author))];
    lines.push(`  ${event.date ?? 'no date   '}  ${event.name}  (${event.reports.length} ${event.reports.length === 1 ? 'report' : 'reports'}: ${authors.join(', ')})`);
  }
  return lines.join('\n');
}

/**
 * The model `check` and `export` show: DIR's reports when given; else every source the bot itself reads, the
 * CONTENT_DIR folders and the CONTENT_REPOS clones as they are on disk (`takeaways sync` updates them; this never
 * touches the network), else ./content. With `snapshots`, pages unchanged since the content snapshot was written are
 * taken from it (`export`); without, every page is read (`check`, which shows what the reader makes of the pages as
 * they are).
 */
export async function loadCommandContent(dir: string | undefined, env: Record<string, string | undefined> = process.env, options: { snapshots?: ContentSnapshots | undefined } = {}): Promise<ContentModel> {
  const taxonomy = loadTaxonomy(env['TAXONOMY_FILE']);
  if (dir !== undefined && dir !== '') return loadContent(dir, { taxonomy, snapshots: options.snapshots });
  const config = readSourceConfig(env);
  return loadSources(resolveContentSources({ folders: config.CONTENT_DIR, repositories: config.CONTENT_REPOS, dataDir: config.DATA_DIR }), { taxonomy, snapshots: options.snapshots });
}

/** The content snapshot `export` uses: DATA_DIR's, when it exists and may be written (see `contentSnapshotsIn`). */
function exportSnapshots(env: Record<string, string | undefined>): SnapshotFolder | undefined {
  // Given a folder, the sources' keys do not matter: a mistake in them is not this command's to report.
  const dataDir = readSourceConfigIfValid(env)?.DATA_DIR;
  return dataDir === undefined ? undefined : contentSnapshotsIn(dataDir, createLogger({ level: 'warn' }), { create: false });
}

function readSourceConfigIfValid(env: Record<string, string | undefined>): ReturnType<typeof readSourceConfig> | undefined {
  try {
    return readSourceConfig(env);
  } catch {
    return undefined;
  }
}

export function registerContentCommands(program: Command): void {
  program
    .command('check')
    .description('load every report under DIR and show what the bot reads from each, with every problem found')
    .argument('[dir]', 'Hugo content folder (default: every configured source: the $CONTENT_DIR folders and the $CONTENT_REPOS clones, else ./content)')
    .action(async (dir: string | undefined) => {
      const model = await loadCommandContent(dir);
      const base = buildKnowledgeBase(model);
      console.log(formatCheckReport(model));
      console.log(`\n${formatEventList(base)}`);
      for (const problem of base.problems) console.log(formatProblem(problem));
      if (model.problems.some((problem) => problem.severity === 'error')) process.exitCode = 1;
    });
  program
    .command('export')
    .description('print the content model of the reports under DIR as JSON')
    .argument('[dir]', 'Hugo content folder (default: every configured source: the $CONTENT_DIR folders and the $CONTENT_REPOS clones, else ./content)')
    .action(async (dir: string | undefined) => {
      const snapshots = exportSnapshots(process.env);
      const taxonomy = loadTaxonomy(process.env['TAXONOMY_FILE']);
      const options = { pillarOrder: taxonomy.pillars.map((pillar) => pillar.id) };
      const given = dir !== undefined && dir !== '';
      if (!snapshots) {
        const read = await loadCommandContent(dir, process.env);
        await writeJson(exportKnowledge(read, buildKnowledgeBase(read, options)));
        return;
      }
      const place = { folder: snapshots.folder, scope: `export ${given ? resolve(dir) : ''}`, logger: snapshots.logger };
      // A folder whose files are as they were: the text printed last time, found from the files' stats alone.
      const fingerprint = given ? await contentFingerprint(dir, { taxonomy, version: builderVersion() }) : null;
      const statHeader = fingerprint === null ? undefined : Buffer.from(JSON.stringify({ fingerprint, options }));
      const printed = statHeader === undefined ? undefined : readExportSnapshot({ ...place, header: statHeader });
      if (printed !== undefined) {
        await writeBytes(printed);
        return;
      }
      // Else the content as read (unchanged pages from the content snapshot), and the knowledge base built from it last time.
      const read = await loadCommandContent(dir, process.env, { snapshots });
      const modelHeader = knowledgeSnapshotHeader(read, options);
      const header = statHeader ?? modelHeader;
      const stored = statHeader === undefined ? readExportSnapshot({ ...place, header }) : undefined;
      if (stored !== undefined) {
        await writeBytes(stored);
        return;
      }
      const { model, base } = await buildKnowledgeBaseWithSnapshot(read, options, { ...place, header: modelHeader });
      const copy = writeExportSnapshot({ ...place, header });
      if (await writeJson(exportKnowledge(model, base), process.stdout, (piece) => copy.add(piece))) copy.commit();
      else copy.abort();
    });
}

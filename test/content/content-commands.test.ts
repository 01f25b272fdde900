import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatCheckReport, loadCommandContent, registerContentCommands } from '../../src/cli/content-commands.js';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel, TakeawayEvent } from '../../src/content/model.js';

const corpus = fileURLToPath(new URL('./fixtures/corpus', import.meta.url));

async function runCli(args: string[]): Promise<{ output: string; exitCode: number | string | undefined }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
    lines.push(values.join(' '));
  });
  // `export` writes its JSON to standard output in pieces.
  let written = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = new Command().exitOverride();
    registerContentCommands(program);
    await program.parseAsync(['node', 'takeaways', ...args]);
    return { output: written === '' ? lines.join('\n') : written, exitCode: process.exitCode };
  } finally {
    log.mockRestore();
    write.mockRestore();
    process.exitCode = previousExitCode;
  }
}

describe('takeaways check and export', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks the corpus: a table row per page, problems as source:line lines, exit code 0', async () => {
    const { output, exitCode } = await runCli(['check', corpus]);
    expect(exitCode).toBeUndefined();
    expect(output.split('\n')[0]).toMatch(/^source\s+event\s+date\s+speakers\s+pillars\s+lessons\s+tips\s+problems$/);
    expect(output).toMatch(/^BeforeLights__AWS-Worklog__content_4-EventParticipated__index\.md\s+\(skipped: chapter page: lists 4 pages, not a report\)/m);
    expect(output).toMatch(/^36JungKwan__\S+\s+AWS Well-Architected Security Pillar Workshop\s+2025-11-29\s+10\s+iam,detection,infrastructure,data,incident-response\s+\d+ \(t\)\s+\d+\s/m);
    expect(output).toContain('19 reports, 2 skipped, 0 errors');
    expect(output).toMatch(/^Async-Ng__.*__index\.md:3: warning: date "`r Sys\.Date\(\)`" is a template expression/m);
  });

  it('exits 1 when a report has an error', async () => {
    await writeFile(join(dir, 'broken.md'), '---\ntitle: [\n---\n');
    const { output, exitCode } = await runCli(['check', dir]);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/^broken\.md:\d+: error: front matter is not valid YAML/m);
  });

  it('exports every report with its event, and the merged events, with the contract field names', async () => {
    await mkdir(join(dir, 'talk'));
    await writeFile(join(dir, 'talk', 'index.md'), '---\ntitle: Talk\nauthor: Bao\n---\n\n### Speakers\n\n- **Jane Doe** - Engineer at Example\n');
    await writeFile(join(dir, 'talk', 'index.vi.md'), '---\ntitle: Bài nói\n---\n\n### Diễn giả\n\n- **Jane Doe** - Kỹ sư\n');
    const { output } = await runCli(['export', dir]);
    const exported = JSON.parse(output) as { reports: Array<TakeawayEvent & { event: string }>; events: Array<Record<string, unknown>>; skipped: unknown[]; problems: unknown[] };
    expect(Object.keys(exported)).toEqual(['reports', 'events', 'people', 'skipped', 'problems']);
    expect(exported.reports.map((report) => [report.id, report.key, report.lang, report.author])).toEqual([
      ['talk', 'talk', 'en', 'Bao'],
      ['talk.vi', 'talk', 'vi', basename(dir)],
    ]);
    expect(Object.keys(exported.reports[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'key', 'source', 'site', 'author', 'lang', 'title', 'name', 'date', 'purpose', 'speakers', 'highlights', 'pillars', 'learned', 'lessons', 'tips', 'event']),
    );
    expect(exported.reports[0]?.speakers).toEqual([{ name: 'Jane Doe', role: 'Engineer at Example', org: 'Example' }]);
    expect(exported.events).toHaveLength(1);
    expect(Object.keys(exported.events[0] ?? {})).toEqual(expect.arrayContaining(['id', 'name', 'aliases', 'date', 'reports', 'speakers', 'pillars', 'learned', 'lessons']));
    expect(exported.events[0]).toMatchObject({ name: 'Talk', aliases: ['Bài nói'], reports: ['talk/index.md', 'talk/index.vi.md'] });
    expect(exported.events[0]?.speakers).toEqual([expect.objectContaining({ name: 'Jane Doe', aliases: [], reports: ['talk/index.md', 'talk/index.vi.md'] })]);
    expect(exported.reports.every((report) => report.event === exported.events[0]?.id)).toBe(true);
  });

  it('reads DIR when given, else every CONTENT_DIR folder, else ./content', async () => {
    await mkdir(join(dir, 'one', 'talk'), { recursive: true });
    await writeFile(join(dir, 'one', 'talk', 'index.md'), '---\ntitle: Talk\n---\n\n### Speakers\n\n- **Jane Doe** - Engineer\n');
    await mkdir(join(dir, 'two'));
    await writeFile(join(dir, 'two', 'panel.md'), '---\ntitle: Panel\n---\n\n### Speakers\n\n- **John Roe** - Engineer\n');
    const ids = async (folder: string | undefined, env: Record<string, string>) => (await loadCommandContent(folder, env)).events.map((event) => event.id);

    expect(await ids(join(dir, 'one'), { CONTENT_DIR: join(dir, 'two') })).toEqual(['talk']);
    expect(await ids(undefined, { CONTENT_DIR: join(dir, 'two') })).toEqual(['panel']);
    expect(await ids(undefined, { CONTENT_DIR: `${join(dir, 'one')},${join(dir, 'two')}` })).toEqual(['one/talk', 'two/panel']);
    expect(await ids(undefined, {})).toEqual(['4-eventparticipated/4.3-event3']);
  });

  it('lists a page that failed to load in the table too', async () => {
    await writeFile(join(dir, 'bad.md'), Buffer.from([0xff, 0xfe, 0x00]));
    const model: ContentModel = await loadContent(dir);
    expect(formatCheckReport(model)).toMatch(/^bad\.md\s+\(not loaded\)/m);
  });
});

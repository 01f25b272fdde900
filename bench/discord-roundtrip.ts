import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadLibrary } from '../src/app/load-library.js';
import { folderSources } from '../src/sources/content-sources.js';
import { createBot } from '../src/core/create-bot.js';
import { encodeActionId } from '../src/core/render/action-id.js';
import { defaultTaxonomy } from '../src/content/taxonomy.js';
import { createSilentLogger } from '../src/logger.js';
import { pillarChoicesFromTaxonomy } from '../src/platforms/discord/command-registration.js';
import { startDiscord } from '../src/platforms/discord/discord-platform.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeDiscord, type InteractionHandle } from '../test/fakes/fake-discord.js';
import { formatBenchTable, percentile, type BenchRow } from './bench-table.js';

const BUNDLED_CONTENT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'content');
const REPORTS = 1_000;
const WARM_UP = 20;

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * 1,000 reports in a temp dir: copies of the bundled report(s), each in its own folder (so its own key),
 * with a varied title, event name and speaker names, so lookups and autocomplete see 1,000 distinct events.
 */
async function generateReports(count: number): Promise<{ dir: string; files: number }> {
  const sources = await listMarkdown(BUNDLED_CONTENT);
  if (sources.length === 0) throw new Error(`no report in ${BUNDLED_CONTENT} to repeat`);
  const dir = await mkdtemp(join(tmpdir(), 'takeaways-discord-bench-'));
  const originals = await Promise.all(sources.map(async (file) => ({ path: relative(BUNDLED_CONTENT, file), text: await readFile(file, 'utf8') })));
  let files = 0;
  for (let index = 0; index < count; index += 1) {
    for (const original of originals) {
      const text = original.text
        .replace(/^((?:title|event):\s*["']?)(.*?)(["']?\s*)$/gm, `$1$2 ${index}$3`)
        .replace(/^(# .+)$/m, `$1 ${index}`)
        .replace(/^- \*\*(.+?)\*\*/gm, `- **$1 ${index}**`);
      const target = join(dir, `copy-${index}`, original.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
      files += 1;
    }
  }
  return { dir, files };
}

interface Scenario {
  name: string;
  dispatch: (fake: FakeDiscord, iteration: number) => InteractionHandle;
}

const SCENARIOS: Scenario[] = [
  { name: '/speakers name:thinh', dispatch: (fake) => fake.slashCommand({ name: 'speakers', options: { name: 'thinh' } }) },
  { name: '/pillars pillar:iam', dispatch: (fake) => fake.slashCommand({ name: 'pillars', options: { pillar: 'iam' } }) },
  { name: '/search query:<varied>', dispatch: (fake, iteration) => fake.slashCommand({ name: 'search', options: { query: `GuardDuty ${iteration}` } }) },
  { name: '/tip', dispatch: (fake) => fake.slashCommand({ name: 'tip' }) },
  { name: 'autocomplete speakers "thi"', dispatch: (fake) => fake.autocomplete({ name: 'speakers', options: { name: 'thi' }, focused: 'name' }) },
  { name: 'button: another tip', dispatch: (fake, iteration) => fake.button({ customId: encodeActionId({ command: 'tip', args: '', variant: (iteration % 5) + 1 }) }) },
];

/** Interaction round trip: the fake dispatches INTERACTION_CREATE and times the callback's arrival. */
export async function runDiscordRoundTripBench(iterations = 300): Promise<BenchRow[]> {
  const generated = await generateReports(REPORTS);
  const fake = await FakeDiscord.start();
  const logger = createSilentLogger();
  const store = new MemoryStore();
  try {
    const { library } = await loadLibrary({ sources: folderSources([generated.dir]), lang: 'en', tipSources: ['lessons'] });
    const bot = createBot({ library, store, logger });
    const platform = await startDiscord({ bot, store, logger, token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, pillarChoices: pillarChoicesFromTaxonomy(defaultTaxonomy) });
    const rows: BenchRow[] = [];
    const all: number[] = [];
    try {
      for (const scenario of SCENARIOS) {
        const samples: number[] = [];
        for (let iteration = 0; iteration < WARM_UP + iterations; iteration += 1) {
          const handle = scenario.dispatch(fake, iteration);
          const callback = await fake.waitForCallback(handle);
          if (callback.status !== 204) throw new Error(`${scenario.name}: the fake refused the callback (${callback.status})`);
          if (iteration >= WARM_UP) samples.push(callback.at - handle.dispatchedAt);
        }
        samples.sort((a, b) => a - b);
        all.push(...samples);
        rows.push({
          bench: `discord round trip (${library.events.length.toLocaleString('en-US')} reports)`,
          scenario: scenario.name,
          result: `p50 ${percentile(samples, 0.5).toFixed(2)} ms, p99 ${percentile(samples, 0.99).toFixed(2)} ms`,
          note: `${iterations} interactions, dispatch → callback at the local fake`,
        });
      }
    } finally {
      await platform.stop();
    }
    all.sort((a, b) => a - b);
    rows.push({
      bench: `discord round trip (${library.events.length.toLocaleString('en-US')} reports)`,
      scenario: 'all interactions',
      result: `p50 ${percentile(all, 0.5).toFixed(2)} ms, p99 ${percentile(all, 0.99).toFixed(2)} ms`,
      note: `${all.length} interactions; real discord.js over a local gateway (${generated.files} report files)`,
    });
    return rows;
  } finally {
    await fake.close();
    await store.close();
    await rm(generated.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatBenchTable(await runDiscordRoundTripBench()));
}

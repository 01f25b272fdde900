import { pathToFileURL } from 'node:url';
import { defaultTaxonomy } from '../src/content/taxonomy.js';
import { createBot } from '../src/core/create-bot.js';
import { createLibrary, createLibraryInSlices, type Library } from '../src/core/library.js';
import { prepareLibrary } from '../src/core/prepare-library.js';
import { createSilentLogger } from '../src/logger.js';
import { pillarChoicesFromTaxonomy } from '../src/platforms/discord/command-registration.js';
import { startDiscord } from '../src/platforms/discord/discord-platform.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { FakeDiscord } from '../test/fakes/fake-discord.js';
import { formatBenchTable, type BenchRow } from './bench-table.js';
import { generateEvents } from './reply-latency.js';

const REPORTS = 4_000;

/**
 * The first /search after start-up and after a reload on a big site, through the real discord.js: the full-text
 * index is built when the content loads (as `npm start` and the reloader do), so the first search does not build it
 * inside Discord's 3-second window. The last row builds it lazily, as the first search did before, for comparison.
 */
export async function runFirstSearchBench(reports = REPORTS): Promise<BenchRow[]> {
  const build = (offset: number) => createLibrary({ events: generateEvents(reports).map((event) => ({ ...event, name: `${event.name} v${offset}` })), skipped: [], problems: [] }, defaultTaxonomy);
  const fake = await FakeDiscord.start();
  const logger = createSilentLogger();
  const store = new MemoryStore();
  let current: Library = prepareLibrary(build(1));
  const bot = createBot({ library: () => current, store, logger });
  const platform = await startDiscord({ bot, store, logger, token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, pillarChoices: pillarChoicesFromTaxonomy(defaultTaxonomy) });
  const firstSearch = async (query: string) => {
    const handle = fake.slashCommand({ name: 'search', options: { query } });
    const callback = await fake.waitForCallback(handle, 30_000);
    return { ms: callback.at - handle.dispatchedAt, type: (callback.body as { type?: number }).type };
  };
  const row = (scenario: string, sample: { ms: number; type: number | undefined }, note: string): BenchRow => ({
    bench: `first /search (${reports.toLocaleString('en-US')} reports)`,
    scenario,
    result: `initial response ${sample.ms.toFixed(1)} ms${sample.type === 5 ? ' (deferred)' : ''}`,
    note,
  });
  try {
    const rows = [row('after start-up', await firstSearch('GuardDuty 17'), 'index built at load; goal under 3 s (Discord 10062), aim under 0.5 s')];
    current = prepareLibrary(build(2));
    rows.push(row('after a reload', await firstSearch('KMS 23'), 'new library indexed before it is swapped in'));
    // A search arriving while a reload builds the next library: in slices (as the reloader does), or all at once.
    const model = (offset: number) => ({ events: generateEvents(reports).map((event) => ({ ...event, name: `${event.name} v${offset}` })), skipped: [], problems: [] });
    // The search is sent, then the build starts before the bot has read it.
    const slicedModel = model(4);
    const duringSliced = firstSearch('GuardDuty 41');
    const sliced = createLibraryInSlices(slicedModel, defaultTaxonomy);
    rows.push(row('during a reload, built in slices', await duringSliced, 'the reloader gives the event loop back every 10 ms'));
    current = await sliced;
    const atOnceModel = model(5);
    const duringAtOnce = firstSearch('GuardDuty 43');
    current = prepareLibrary(createLibrary(atOnceModel, defaultTaxonomy));
    rows.push(row('during a reload, built at once', await duringAtOnce, 'for comparison: the build blocks the event loop, as before'));
    current = build(3);
    rows.push(row('index built lazily', await firstSearch('WAF 31'), 'for comparison: the first search builds the index, as before'));
    return rows;
  } finally {
    await platform.stop();
    await fake.close();
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatBenchTable(await runFirstSearchBench(Number(process.argv[2] ?? REPORTS))));
}

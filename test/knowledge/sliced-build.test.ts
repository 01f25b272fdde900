import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel } from '../../src/content/model.js';
import { defaultTaxonomy } from '../../src/content/taxonomy.js';
import { createLibrary, createLibraryInSlices } from '../../src/core/library.js';
import { buildKnowledgeBase, buildKnowledgeBaseInSlices } from '../../src/knowledge/knowledge-base.js';
import { runInSlices } from '../../src/knowledge/steps.js';

const sites = fileURLToPath(new URL('../content/fixtures/sites/', import.meta.url));

/** How many times the event loop ran other callbacks while `work` was going on. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work;
  running = false;
  return turns;
}

describe('a library built in slices, as a reload builds it', () => {
  let model: ContentModel;
  beforeAll(async () => {
    model = await loadContent(sites);
  });

  it('gives the same knowledge base as a build at once', async () => {
    const options = { lang: 'en', pillarOrder: defaultTaxonomy.pillars.map((pillar) => pillar.id) };
    expect(await buildKnowledgeBaseInSlices(model, options)).toEqual(buildKnowledgeBase(model, options));
  });

  it('answers as the library built at once does, in every language', async () => {
    const sliced = await createLibraryInSlices(model, defaultTaxonomy);
    const direct = createLibrary(model, defaultTaxonomy);
    for (const lang of ['en', 'vi']) {
      expect(sliced.inLanguage(lang).events).toEqual(direct.inLanguage(lang).events);
      expect(sliced.inLanguage(lang).tips).toEqual(direct.inLanguage(lang).tips);
      expect(sliced.inLanguage(lang).search('GuardDuty', 5).map((hit) => [hit.kind, hit.text])).toEqual(direct.inLanguage(lang).search('GuardDuty', 5).map((hit) => [hit.kind, hit.text]));
    }
  });

  it('gives the event loop back between steps once a slice has taken its time', async () => {
    // A slice of 0 ms returns to the event loop after every step: each step is a turn other callbacks can take.
    let steps = 0;
    function* counted(): Generator<void, number, void> {
      for (let index = 0; index < 20; index++) {
        steps++;
        yield;
      }
      return steps;
    }
    expect(await turnsDuring(runInSlices(counted(), 0))).toBeGreaterThanOrEqual(19);
  });
});

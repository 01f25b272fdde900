import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load-content.js';
import type { ContentModel } from '../../src/content/model.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { buildKnowledgeBaseWithSnapshot } from '../../src/knowledge/knowledge-snapshot.js';
import { recordingLogger } from '../support/recording-logger.js';

const SITES = fileURLToPath(new URL('../content/fixtures/sites/', import.meta.url));
const OPTIONS = { lang: 'en', pillarOrder: ['iam', 'detection', 'infrastructure', 'data', 'incident-response'] };

describe('the knowledge snapshot', () => {
  let model: ContentModel;
  let folder: string;

  beforeAll(async () => {
    model = await loadContent(SITES);
  });
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'takeaways-knowledge-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives back the knowledge base built from the same model, equal in every value, without building it', async () => {
    const fresh = buildKnowledgeBase(structuredClone(model), OPTIONS);
    const first = await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites' });
    expect(first.reused).toBe(false);
    expect(first.base).toStrictEqual(fresh);
    const second = await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites' });
    expect(second.reused).toBe(true);
    expect(second.base).toStrictEqual(fresh);
    expect(second.model).toStrictEqual(model);
  });

  it.each([
    ['a report changed', (changed: ContentModel) => changed.events[0] && (changed.events[0].name = `${changed.events[0].name} (edited)`), {}],
    ['other options', () => undefined, { lang: 'vi' }],
    ['another version of the code', () => undefined, { version: 'another' }],
  ])('builds afresh for %s', async (_label, change, other: { lang?: string; version?: string }) => {
    await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites' });
    const changed = structuredClone(model);
    change(changed);
    const options = { ...OPTIONS, ...(other.lang ? { lang: other.lang } : {}) };
    const again = await buildKnowledgeBaseWithSnapshot(changed, options, { folder, scope: 'sites', ...(other.version ? { version: other.version } : {}) });
    expect(again.reused).toBe(false);
    expect(again.base).toStrictEqual(buildKnowledgeBase(structuredClone(changed), options));
  });

  it('survives a damaged snapshot: warns, builds afresh and writes it again', async () => {
    await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites' });
    const [file] = readdirSync(folder);
    const path = join(folder, file ?? '');
    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const { logger, text } = recordingLogger();
    const damaged = await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites', logger });
    expect(damaged.reused).toBe(false);
    expect(text()).toMatch(/knowledge snapshot could not be used/);
    expect((await buildKnowledgeBaseWithSnapshot(structuredClone(model), OPTIONS, { folder, scope: 'sites' })).reused).toBe(true);
  });

  it('covers all the code that builds it: the knowledge modules import nothing of the project but content, errors and the logger type', () => {
    const folder = resolve('src/knowledge');
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
      const imports = [...readFileSync(join(folder, name), 'utf8').matchAll(/from '(\.{2}\/[^']+)'/g)].map((match) => match[1] ?? '');
      expect(imports.filter((path) => !path.startsWith('../content/') && path !== '../errors.js' && path !== '../logger.js'), name).toEqual([]);
    }
  });
});

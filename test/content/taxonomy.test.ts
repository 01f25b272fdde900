import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTakeawaysError } from '../../src/errors.js';
import { classifyHeadingPillar } from '../../src/content/pillars.js';
import { defaultTaxonomy, loadTaxonomy } from '../../src/content/taxonomy.js';

describe('taxonomy', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeaways-taxonomy-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('ships the workshop five pillars in its order, each with aliases, keywords and services', () => {
    expect(defaultTaxonomy.pillars.map((pillar) => [pillar.number, pillar.id])).toEqual([
      [1, 'iam'],
      [2, 'detection'],
      [3, 'infrastructure'],
      [4, 'data'],
      [5, 'incident-response'],
    ]);
    for (const pillar of defaultTaxonomy.pillars) {
      expect(pillar.description).not.toBe('');
      expect(pillar.aliases.length).toBeGreaterThan(0);
      expect(pillar.keywords.length).toBeGreaterThan(0);
      expect(pillar.services.length).toBeGreaterThan(0);
    }
  });

  it('adds areas from a YAML file and extends known pillars', async () => {
    const file = join(dir, 'taxonomy.yaml');
    await writeFile(file, 'pillars:\n  - id: appsec\n    name: Application Security\n    description: Code and dependencies.\n    aliases: [AppSec, Bảo mật ứng dụng]\n    keywords: [sast, dependency scanning]\n  - id: iam\n    aliases: [Quản trị danh tính]\n');
    const taxonomy = loadTaxonomy(file);
    expect(taxonomy.pillars.map((pillar) => pillar.id)).toEqual(['iam', 'detection', 'infrastructure', 'data', 'incident-response', 'appsec']);
    expect(taxonomy.pillars.at(-1)?.number).toBe(6);
    expect(classifyHeadingPillar('Bảo mật ứng dụng trong CI', taxonomy)).toBe('appsec');
    expect(classifyHeadingPillar('Quản trị danh tính', taxonomy)).toBe('iam');
  });

  it.each([
    ['a file that does not exist', null],
    ['invalid YAML', 'pillars: [\n'],
    ['an area without an id', 'pillars:\n  - name: No id\n'],
  ])('refuses %s with a config error naming the file', async (_case, content) => {
    const file = join(dir, 'bad.yaml');
    if (content !== null) await writeFile(file, content);
    expect(() => loadTaxonomy(file)).toThrow(/taxonomy file .*bad\.yaml/);
    try {
      loadTaxonomy(file);
    } catch (error) {
      expect(isTakeawaysError(error, 'config_invalid')).toBe(true);
    }
  });

  it('uses the bundled taxonomy when no file is given', () => {
    expect(loadTaxonomy(undefined)).toBe(defaultTaxonomy);
    expect(loadTaxonomy('')).toBe(defaultTaxonomy);
  });
});

import { resolve } from 'node:path';
import type { ContentModel } from '../content/model.js';
import { loadContent } from '../content/load-content.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { createLibrary, type Library } from '../core/library.js';
import type { TipSource } from '../core/tips.js';

export interface LibrarySettings {
  contentDir: string;
  lang: string;
  tipSources: readonly TipSource[];
  taxonomyFile?: string | undefined;
}

export interface LoadedLibrary {
  library: Library;
  model: ContentModel;
}

/** Reads the reports and the taxonomy and indexes them for answering. Never throws for bad content. */
export async function loadLibrary(settings: LibrarySettings): Promise<LoadedLibrary> {
  const taxonomy = loadTaxonomy(settings.taxonomyFile);
  const model = await loadContent(resolve(settings.contentDir), { taxonomy });
  return { model, library: createLibrary(model, taxonomy, { lang: settings.lang, tipSources: settings.tipSources }) };
}

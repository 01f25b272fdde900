import type { Config } from '../config.js';
import type { ContentSnapshots, SnapshotFolder } from '../content/content-snapshot.js';
import type { ContentModel } from '../content/model.js';
import { loadTaxonomy } from '../content/taxonomy.js';
import { createLibrary, knowledgeOptionsOf, type Library } from '../core/library.js';
import { buildKnowledgeBaseWithSnapshot } from '../knowledge/knowledge-snapshot.js';
import type { TipSource } from '../core/tips.js';
import { resolveContentSources, type ContentSource } from '../sources/content-sources.js';
import { combineSourceContents, readSources, type SourceContent } from '../sources/load-sources.js';
import { compactStrings } from './compact-strings.js';

export interface LibrarySettings {
  /** Every folder and clone the reports are read from, in the configured order. */
  sources: readonly ContentSource[];
  lang: string;
  tipSources: readonly TipSource[];
  taxonomyFile?: string | undefined;
  /** The content snapshot, where the command keeps one (see `contentSnapshotsIn`); reloads use it too. */
  snapshots?: ContentSnapshots | undefined;
  /** Where the knowledge base built at start is kept for the next start (beside the content snapshot). */
  knowledgeSnapshots?: Pick<SnapshotFolder, 'folder' | 'logger'> | undefined;
}

export interface LoadedLibrary {
  library: Library;
  model: ContentModel;
  /** Each source's reports as read from it alone, so a reload can keep one source's last good content. */
  contents: SourceContent[];
}

/** The sources and answering settings a configuration names: CONTENT_DIR's folders, then CONTENT_REPOS' clones. */
export function librarySettingsOf(config: Config, snapshots?: SnapshotFolder): LibrarySettings {
  return {
    sources: resolveContentSources({ folders: config.CONTENT_DIR, repositories: config.CONTENT_REPOS, dataDir: config.DATA_DIR }),
    lang: config.BOT_LANG,
    tipSources: config.TIP_SOURCES,
    taxonomyFile: config.TAXONOMY_FILE,
    snapshots,
    knowledgeSnapshots: snapshots,
  };
}

/**
 * Reads the reports of every source as they are on disk (clones included; never the network) and the taxonomy, and
 * indexes them for answering. Never throws for bad content.
 */
export async function loadLibrary(settings: LibrarySettings): Promise<LoadedLibrary> {
  const taxonomy = loadTaxonomy(settings.taxonomyFile);
  const read = await readSources(settings.sources, { taxonomy, snapshots: settings.snapshots });
  // Before anything is built from them: what is built shares the texts, and the pages they were cut from are let go.
  const strings = compactStrings(read.map((content) => content.model));
  const combined = combineSourceContents(read, settings.sources.length);
  const options = { lang: settings.lang, tipSources: settings.tipSources };
  if (settings.knowledgeSnapshots === undefined) return { model: combined, contents: read, library: createLibrary(combined, taxonomy, options) };
  const { model, base } = await buildKnowledgeBaseWithSnapshot(combined, knowledgeOptionsOf(taxonomy, options), {
    folder: settings.knowledgeSnapshots.folder,
    scope: JSON.stringify(settings.sources.map((source) => [source.site, source.dir])),
    logger: settings.knowledgeSnapshots.logger,
  });
  if (model === combined) return { model, contents: read, library: createLibrary(model, taxonomy, { ...options, knowledge: base }) };
  // From the knowledge snapshot: a model equal to the one read, with the knowledge base stored with it. The reports
  // are kept once (the sources' contents point at the stored ones), and each text once across the model and the base.
  const contents = contentsOfStored(read, combined, model, settings.sources.length);
  compactStrings([model, base], strings);
  return { model, contents, library: createLibrary(model, taxonomy, { ...options, knowledge: base }) };
}

/**
 * The sources' contents with their reports taken from `stored`, a model equal in value to `combined` (what
 * `combineSourceContents` made of `read`): with one source its reports are the stored ones; with more, each is the
 * stored report under its path in its own source.
 */
function contentsOfStored(read: SourceContent[], combined: ContentModel, stored: ContentModel, sourceCount: number): SourceContent[] {
  if (stored.events.length !== combined.events.length) return read;
  let at = 0;
  return read.map(({ source, model: part }) => ({
    source,
    model: {
      ...part,
      events: part.events.map((event) => {
        const twin = stored.events[at++];
        if (twin === undefined) return event;
        return sourceCount <= 1 ? twin : { ...twin, id: event.id, key: event.key, source: event.source };
      }),
    },
  }));
}

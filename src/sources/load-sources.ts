/**
 * Many sources → one content model. Each source is read on its own (a source that cannot be read is one problem
 * naming it, and the others still load); with more than one, every path and id is prefixed with the source's site so
 * that two sites' `4-eventparticipated/4.1-event1` stay two reports.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { loadContent } from '../content/load-content.js';
import type { ContentSnapshots } from '../content/content-snapshot.js';
import type { ContentModel, EventOverrides, ContentProblem, Taxonomy } from '../content/model.js';
import { describeError } from '../errors.js';
import { readableFolderOf, type ContentSource } from './content-sources.js';

/** One source's reports, as read from it alone (paths and ids not prefixed). */
export interface SourceContent {
  source: ContentSource;
  model: ContentModel;
}

export interface LoadSourcesOptions {
  taxonomy?: Taxonomy;
  /** Readings kept from earlier loads (DATA_DIR's content snapshot): unchanged pages are not parsed again. */
  snapshots?: ContentSnapshots | undefined;
}

/** Reads each source as it is on disk now; never touches the network, never throws for bad content. */
export async function readSources(sources: readonly ContentSource[], options: LoadSourcesOptions = {}): Promise<SourceContent[]> {
  const contents: SourceContent[] = [];
  for (const source of sources) contents.push({ source, model: await readSource(source, options) });
  return contents;
}

async function readSource(source: ContentSource, options: LoadSourcesOptions): Promise<ContentModel> {
  if (source.kind === 'git' && !existsSync(source.dir)) {
    const problem: ContentProblem = {
      source: source.site,
      line: null,
      severity: 'warning',
      message: `repository ${source.url ?? source.site} is not cloned yet (no ${source.dir}): \`takeaways sync\` clones it, and so does the bot when it starts`,
    };
    return { events: [], skipped: [], problems: [problem] };
  }
  try {
    return await loadContent(readableFolderOf(source), { ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}), site: source.site, snapshots: options.snapshots });
  } catch (error) {
    // loadContent reports bad content as problems; this is for whatever else could go wrong with the source itself.
    return { events: [], skipped: [], problems: [{ source: source.dir, line: null, severity: 'error', message: `content could not be loaded from ${source.dir}: ${describeError(error)}` }] };
  }
}

/**
 * The sources' contents as one model, in the order given. `sourceCount` is how many sources are configured: with
 * one, everything stays exactly as that source gave it; with more, each report's `source`, `key` and `id` and each
 * skipped page's and problem's `source` start with `<site>/`, and a problem about a whole source (its folder cannot
 * be read, it is not cloned yet) names the site.
 */
export function combineSourceContents(contents: readonly SourceContent[], sourceCount = contents.length): ContentModel {
  if (sourceCount <= 1) {
    const only = contents[0]?.model;
    if (!only) return { events: [], skipped: [], problems: [] };
    return { events: [...only.events], skipped: [...only.skipped], problems: [...only.problems], ...(only.overrides ? { overrides: only.overrides } : {}) };
  }
  const model: ContentModel = { events: [], skipped: [], problems: [] };
  const overrides: EventOverrides = { events: [], separate: [] };
  for (const { source, model: part } of contents) {
    const prefix = `${source.site}/`;
    const inSource = (path: string) => `${prefix}${path}`;
    const aboutWholeSource = (path: string) => path === source.site || path === source.dir || path === readableFolderOf(source) || isAbsolute(path);
    for (const event of part.events) model.events.push({ ...event, id: inSource(event.id), key: inSource(event.key), source: inSource(event.source) });
    for (const page of part.skipped) model.skipped.push({ ...page, source: inSource(page.source) });
    for (const problem of part.problems) {
      model.problems.push({ ...problem, source: aboutWholeSource(problem.source) ? source.site : inSource(problem.source) });
    }
    // A source's events.yaml names its own pages: prefixed like them.
    for (const entry of part.overrides?.events ?? []) overrides.events.push({ ...entry, reports: entry.reports.map(inSource) });
    for (const [left, right] of part.overrides?.separate ?? []) overrides.separate.push([inSource(left), inSource(right)]);
  }
  if (overrides.events.length > 0 || overrides.separate.length > 0) model.overrides = overrides;
  return model;
}

/** Every source read and combined into the one model the bot answers from. */
export async function loadSources(sources: readonly ContentSource[], options: LoadSourcesOptions = {}): Promise<ContentModel> {
  return combineSourceContents(await readSources(sources, options), sources.length);
}

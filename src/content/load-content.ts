/**
 * The loader: a Hugo content folder → the content model. It never throws for bad content: each bad file
 * becomes one problem naming it (and the line where there is one), and every other report still loads.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { basename, join, posix, resolve } from 'node:path';
import { describeError } from '../errors.js';
import type { ContentModel, TakeawayEvent, Taxonomy } from './model.js';
import { RECENT_CHANGE_MS, stampOf, type ContentSnapshots, type FileStamp, type SnapshotSession } from './content-snapshot.js';
import type { ChapterEntry } from './extract-event.js';
import { OVERRIDES_FILES, readEventOverrides } from './event-overrides.js';
import { bundleIndexOf, identifyPage, siteOf } from './page-identity.js';
import { defaultTaxonomy } from './taxonomy.js';
import type { PageFileOutcome, PageJob } from './read-page.js';
import { READ_SLICE, readPages } from './read-pages.js';
import { walkMarkdownFiles, type FoundFile } from './walk-files.js';

export { MAX_REPORT_BYTES } from './limits.js';
export { READ_SLICE } from './read-pages.js';

export interface LoadContentOptions {
  taxonomy?: Taxonomy;
  /** The site its pages belong to when their path holds no `content/` folder (default: the folder's name). */
  site?: string;
  /**
   * Readings kept from earlier loads: a page whose file has not changed is not parsed again. The model is the same
   * with or without them.
   */
  snapshots?: ContentSnapshots | undefined;
}

type FileOutcome = PageFileOutcome & { file: FoundFile };

/**
 * Folders whose `_index` page is a chapter: they hold pages in folders of their own below them. Hugo calls such a
 * page a section's list page; whatever its text says, it lists the events, it does not report one.
 */
function foldersWithChildPages(files: readonly FoundFile[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.relativePath.split('/');
    // A page in a/b/c.md: its own folder is a/b; the folders above it (a, and the root) hold a page in a folder.
    for (let depth = 0; depth < parts.length - 1; depth++) folders.add(parts.slice(0, depth).join('/'));
  }
  return folders;
}

function isChapterByStructure(relativePath: string, chapterFolders: ReadonlySet<string>): boolean {
  if (bundleIndexOf(relativePath) !== '_index') return false;
  const slash = relativePath.lastIndexOf('/');
  return chapterFolders.has(slash === -1 ? '' : relativePath.slice(0, slash));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every file's outcome, in order: from the snapshot when the file is as it was when last read, else read (see
 * `read-pages.ts`) and remembered. The stats are taken in slices that give the event loop back.
 */
async function readAll(files: readonly FoundFile[], rootName: string, taxonomy: Taxonomy, snapshot: SnapshotSession | undefined): Promise<FileOutcome[]> {
  const chapterFolders = foldersWithChildPages(files);
  const outcomes: Array<FileOutcome | undefined> = [];
  const toRead: Array<{ at: number; job: PageJob; stamp: FileStamp | undefined }> = [];
  for (let start = 0; start < files.length; start += READ_SLICE) {
    for (const file of files.slice(start, start + READ_SLICE)) {
      let stats: BigIntStats;
      try {
        stats = statSync(file.absolutePath, { bigint: true });
      } catch (error) {
        outcomes.push({ file, kind: 'problem', problem: { line: null, severity: 'error', message: `cannot be read: ${describeError(error)}` } });
        continue;
      }
      const listsChildPages = isChapterByStructure(file.relativePath, chapterFolders);
      const stamp = snapshot === undefined ? undefined : stampOf(stats, listsChildPages);
      const kept = stamp === undefined ? undefined : snapshot?.reading(file.relativePath, stamp);
      if (kept !== undefined) {
        outcomes.push({ file, ...kept });
        continue;
      }
      toRead.push({ at: outcomes.length, job: { absolutePath: file.absolutePath, relativePath: file.relativePath, size: Number(stats.size), listsChildPages }, stamp });
      outcomes.push(undefined);
    }
    if (start + READ_SLICE < files.length) await yieldToEventLoop();
  }
  const read = await readPages(
    toRead.map(({ job }) => job),
    rootName,
    taxonomy,
  );
  for (const [index, { at, job, stamp }] of toRead.entries()) {
    const outcome = read[index] as PageFileOutcome;
    outcomes[at] = { file: files[at] as FoundFile, ...outcome };
    if (snapshot === undefined || stamp === undefined) continue;
    // A file that cannot be read now may be readable the next time: only what its text gave is kept.
    if (outcome.kind === 'empty') snapshot.remember(job.relativePath, stamp, { kind: 'empty' });
    else if (outcome.kind === 'page') snapshot.remember(job.relativePath, stamp, { kind: 'page', hash: outcome.hash, outcome: outcome.outcome });
  }
  return outcomes as FileOutcome[];
}

/**
 * Dates a chapter page gives for the events it links to, applied where the event page has none. A link may name
 * the folder (`4.1-Event1/`) or its index file (`4.1-Event1/_index.md`). Each language's chapter dates its own
 * language's pages first, so a copy error in one twin's chapter does not overwrite the other's.
 */
function applyChapterDates(events: TakeawayEvent[], chapters: ReadonlyArray<{ key: string; lang: string; entries: ChapterEntry[] }>): void {
  const sameLanguage = new Map<string, string>();
  const anyLanguage = new Map<string, string>();
  for (const chapter of chapters) {
    for (const entry of chapter.entries) {
      if (entry.date === null || /^[a-z]+:|^\/\//i.test(entry.target)) continue;
      let target = entry.target.replace(/[?#].*$/, '').replace(/\/+$/, '').toLowerCase();
      if (bundleIndexOf(target) !== null) target = posix.dirname(target);
      const key = target.startsWith('/') ? target.slice(1) : posix.normalize(chapter.key === '' ? target : `${chapter.key}/${target}`);
      sameLanguage.set(`${key}\n${chapter.lang}`, entry.date);
      if (!anyLanguage.has(key)) anyLanguage.set(key, entry.date);
    }
  }
  for (const event of events) {
    if (event.date !== null) continue;
    const date = sameLanguage.get(`${event.key}\n${event.lang}`) ?? anyLanguage.get(event.key);
    if (date !== undefined) event.date = date;
  }
}

/** Events of one site sharing one front-matter date: from this many on, the date is the template's, not theirs. */
export const PLACEHOLDER_DATE_EVENTS = 3;

/**
 * A front-matter date that several different events of one site share (`date: 2025-09-09` on every page) is the
 * template's default, not an event's day: those events lose it (a chapter page's date may then fill in).
 */
function dropSharedFrontMatterDates(model: ContentModel, frontMatterDates: ReadonlyMap<TakeawayEvent, string>): void {
  // Sibling bundles (4.1-Event1/, 4.2-Event2/ in one chapter folder) are one author's different events; loose
  // files side by side may be many authors' reports of one event, so they are not compared.
  const groups = new Map<TakeawayEvent, string>();
  const keysByGroup = new Map<string, Set<string>>();
  for (const [event, date] of frontMatterDates) {
    if (bundleIndexOf(event.source) === null) continue;
    const group = `${posix.dirname(posix.dirname(event.source))}\n${date}`;
    groups.set(event, group);
    keysByGroup.set(group, (keysByGroup.get(group) ?? new Set<string>()).add(event.key));
  }
  for (const [event, group] of groups) {
    const sharing = keysByGroup.get(group)?.size ?? 0;
    if (sharing < PLACEHOLDER_DATE_EVENTS) continue;
    event.date = null;
    model.problems.push({ source: event.source, line: null, severity: 'warning', message: `front matter date ${frontMatterDates.get(event) ?? ''} is shared by ${sharing} different events of this site: a template default, not used` });
  }
}

/**
 * A digest of everything `loadContent(dir, options)` reads, from the files' stats (path, size, modification and
 * change times, inode, chapter role: what the content snapshot trusts a page's reading by), the bytes of the
 * overrides file, the folder's name and the taxonomy, with `version` (the code that reads them). The same digest,
 * the same content model. Null when it cannot vouch for that: a problem walking the folder, or a file changed in the
 * last 2 s (a second edit within the same tick of its clock would leave the same stamp).
 */
export async function contentFingerprint(dir: string, options: { taxonomy?: Taxonomy; version: string }): Promise<string | null> {
  const root = resolve(dir);
  const rootName = basename(root).replace(/\.md$/i, '');
  const walk = await walkMarkdownFiles(root);
  if (walk.problems.length > 0) return null;
  const digest = createHash('sha256').update(JSON.stringify({ version: options.version, root, rootName, taxonomy: options.taxonomy ?? defaultTaxonomy }));
  const chapterFolders = foldersWithChildPages(walk.files);
  const recent = Date.now() - RECENT_CHANGE_MS;
  for (const [index, file] of walk.files.entries()) {
    let stamp: FileStamp;
    try {
      stamp = stampOf(statSync(file.absolutePath, { bigint: true }), isChapterByStructure(file.relativePath, chapterFolders));
    } catch {
      return null;
    }
    if (stamp.modifiedAtMs > recent) return null;
    digest.update(`\n${file.relativePath}\n${stamp.key}`);
    if (index % READ_SLICE === READ_SLICE - 1) await yieldToEventLoop();
  }
  for (const name of OVERRIDES_FILES) {
    let bytes: Buffer | null;
    try {
      bytes = readFileSync(join(root, name));
    } catch {
      bytes = null;
    }
    digest.update(`\n${name}\n${bytes === null ? 'none' : createHash('sha256').update(bytes).digest('hex')}`);
  }
  return digest.digest('hex');
}

/**
 * A page without a language in its file name is in the site's default language, English unless the site says
 * otherwise; when the same page also exists as `x.en.md`, the unsuffixed one is the other language: Vietnamese when
 * its text is (Hugo sites with `defaultContentLanguage = "vi"`), else it stays English and clashes, as before.
 */
function inSiteLanguage(event: TakeawayEvent, vietnamese: boolean, translatedToEnglish: ReadonlySet<string>): TakeawayEvent {
  if (!vietnamese || !translatedToEnglish.has(event.key) || /\.[a-z]{2}(?:-[a-z]{2,4})?\.md$/i.test(event.source)) return event;
  return { ...event, lang: 'vi', id: `${event.key}.vi` };
}

/**
 * Loads every report under `dir` (a Hugo `content/` folder, any folder of reports, or one `.md` file).
 * Pages are keyed by their bundle path; `index.vi.md` twins share the key and get `lang: "vi"`.
 * Identical copies (same content hash) are loaded once; two different pages with one id keep the first.
 */
export async function loadContent(dir: string, options: LoadContentOptions = {}): Promise<ContentModel> {
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const model: ContentModel = { events: [], skipped: [], problems: [] };
  try {
    const root = resolve(dir);
    const rootName = basename(root).replace(/\.md$/i, '');
    const walk = await walkMarkdownFiles(root);
    model.problems.push(...walk.problems);
    // Everything a page's reading depends on besides its own file: the folder's name (in ids) and the taxonomy.
    const snapshot = options.snapshots?.open(root, JSON.stringify({ rootName, taxonomy }));
    let outcomes: FileOutcome[];
    try {
      outcomes = await readAll(walk.files, rootName, taxonomy, snapshot);
    } finally {
      await snapshot?.close();
    }

    // Keys with an explicit English page (`x.en.md`): beside it, the unsuffixed `x.md` is in the site's own language.
    const translatedToEnglish = new Set(outcomes.filter((result) => /\.en\.md$/i.test(result.file.relativePath)).map((result) => identifyPage(result.file.relativePath, rootName).key));
    const sourceByHash = new Map<string, string>();
    const sourceById = new Map<string, string>();
    const chapters: Array<{ key: string; lang: string; entries: ChapterEntry[] }> = [];
    const frontMatterDates = new Map<TakeawayEvent, string>();
    for (const result of outcomes) {
      const source = result.file.relativePath;
      if (result.kind === 'problem') {
        model.problems.push({ source, ...result.problem });
        continue;
      }
      if (result.kind === 'empty') {
        model.skipped.push({ source, reason: 'empty file' });
        model.problems.push({ source, line: null, severity: 'warning', message: 'empty file: nothing to load' });
        continue;
      }
      const { outcome } = result;
      for (const problem of outcome.problems) model.problems.push({ source, ...problem });
      const original = sourceByHash.get(result.hash);
      if (original !== undefined) {
        model.skipped.push({ source, reason: `identical copy of ${original}` });
        model.problems.push({ source, line: null, severity: 'warning', message: `identical to ${original}: loaded once` });
        continue;
      }
      sourceByHash.set(result.hash, source);
      if (outcome.kind === 'skipped') {
        model.skipped.push({ source, reason: outcome.reason });
        if (outcome.chapterEntries.length > 0) {
          const { key, lang } = identifyPage(source, rootName);
          chapters.push({ key, lang, entries: outcome.chapterEntries });
        }
        continue;
      }
      if (outcome.kind === 'failed') continue;
      const site = siteOf(source, options.site ?? rootName);
      const event = inSiteLanguage({ ...outcome.event, source, site, author: outcome.event.author || site }, outcome.vietnamese, translatedToEnglish);
      const clash = sourceById.get(event.id);
      if (clash !== undefined) {
        model.problems.push({ source, line: null, severity: 'error', message: `id "${event.id}" is already used by ${clash}; this page is not loaded (rename or remove one of them)` });
        continue;
      }
      sourceById.set(event.id, source);
      model.events.push(event);
      if (outcome.frontMatterDate !== null) frontMatterDates.set(event, outcome.frontMatterDate);
    }
    dropSharedFrontMatterDates(model, frontMatterDates);
    const overrides = readEventOverrides(root);
    model.problems.push(...overrides.problems);
    if (overrides.overrides !== null) model.overrides = overrides.overrides;
    applyChapterDates(model.events, chapters);
  } catch (error) {
    model.problems.push({ source: dir, line: null, severity: 'error', message: `content could not be loaded: ${describeError(error)}` });
  }
  return model;
}

/**
 * Where a page sits: its `key` (shared by language twins), `lang`, and `id`.
 * Hugo bundles are folders (`4.3-Event3/_index.md`, `index.vi.md`); plain pages are files (`foo.md`).
 */
export interface PageIdentity {
  key: string;
  lang: string;
  id: string;
}

export const DEFAULT_LANG = 'en';

const PAGE_FILE = /^(.*?)(?:\.([a-z]{2}(?:-[a-z]{2,4})?))?\.md$/i;

/**
 * Which bundle index a file is, in any language: `_index` (a section's list page, which may hold child pages),
 * `index` (a leaf bundle), or null for a plain page.
 */
export function bundleIndexOf(relativePath: string): '_index' | 'index' | null {
  const stem = PAGE_FILE.exec(relativePath.slice(relativePath.lastIndexOf('/') + 1))?.[1];
  return stem === '_index' || stem === 'index' ? stem : null;
}

/**
 * `4-EventParticipated/4.3-Event3/index.vi.md` → key `4-eventparticipated/4.3-event3`, lang `vi`, id `….vi`.
 * A bundle at the content folder's root takes the folder's own name as its key.
 */
export function identifyPage(relativePath: string, rootName: string): PageIdentity {
  const segments = relativePath.split('/');
  const fileName = segments.pop() ?? relativePath;
  const match = PAGE_FILE.exec(fileName);
  const stem = match?.[1] ?? fileName;
  const lang = (match?.[2] ?? DEFAULT_LANG).toLowerCase();
  const isBundleIndex = bundleIndexOf(fileName) !== null;
  const parts = isBundleIndex ? segments : [...segments, stem];
  const key = (parts.length > 0 ? parts.join('/') : rootName || 'index').toLowerCase();
  return { key, lang, id: lang === DEFAULT_LANG ? key : `${key}.${lang}` };
}

/**
 * The site a page belongs to: the folders above a `content/` folder on its path (a folder holding whole Hugo sites,
 * `AkiHayakwa__AWS-Intership-FCJ-/content/4-EventParticipated/…`), else `sourceSite`, the name of the source read.
 */
export function siteOf(relativePath: string, sourceSite: string): string {
  const segments = relativePath.split('/');
  const content = segments.lastIndexOf('content', segments.length - 2);
  return content > 0 ? segments.slice(0, content).join('/') : sourceSite;
}

import { LANGUAGES } from './i18n.js';
import type { Library } from './library.js';

/**
 * Builds what a library builds lazily (the full-text index, on its first search; each language's view) now, while the content loads, so
 * no answer pays for it: on a big site the first `/search` after start-up or a reload would otherwise build it inside
 * Discord's 3-second window. The reloader keeps answering from the last library until this one is ready.
 */
export function prepareLibrary(library: Library): Library {
  library.search('', 1);
  // Each language's view of the content too, so the first answer in Vietnamese does not build it either.
  for (const language of LANGUAGES) library.inLanguage(language);
  return library;
}

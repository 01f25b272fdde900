import type { Library } from './library.js';

/**
 * Builds what a library builds lazily (the full-text index, on its first search) now, while the content loads, so
 * no answer pays for it: on a big site the first `/search` after start-up or a reload would otherwise build it inside
 * Discord's 3-second window. The reloader keeps answering from the last library until this one is ready.
 */
export function prepareLibrary(library: Library): Library {
  library.search('', 1);
  return library;
}

/** Far above any real report (the largest in the corpus is 28 KB), far below what would hurt the process. */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

// Size limits on input files, shared by the CLI (checked before a file is read) and the browser.

/** Articles larger than this are skipped with a reason: no news article comes near it. */
export const MAX_ARTICLE_BYTES = 50 * 1024 * 1024;

/** "too large (61 MB; articles over 50 MB are not read)". */
export function tooLarge(bytes: number, limit = MAX_ARTICLE_BYTES, what = "articles"): string {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return `too large (${mb(bytes)}; ${what} over ${mb(limit)} are not read)`;
}

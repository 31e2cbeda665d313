/** Most tokens one query (or directory entry) yields; keeps a pasted essay cheap. */
const MAX_TOKENS = 300;

/** Plain ASCII needs no accent folding: the common case skips `normalize`, which is costly. */
const ASCII = /^[ -~\t\n\r]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Lower case, accents removed ("Café" → "cafe"). */
function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Whether text needs no folding beyond lower case (plain printable ASCII). */
export function isPlainText(text: string): boolean {
  return ASCII.test(text);
}

/**
 * The searchable form of some text: folded words, each preceded by one space
 * (" cafe run "). A token prefix-matches one of its words exactly when `" " + token` occurs
 * in it, so a search is a few `includes` per row instead of an index entry per word.
 */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  const folded = fold(parts.filter(Boolean).join(' '));
  const spaced = folded.replace(ASCII.test(folded) ? ASCII_SEPARATORS : SEPARATORS, ' ');
  return ` ${spaced.trim()} `;
}

/** A search, prepared once and matched against many rows. */
export interface TextQuery {
  /** Folded tokens, for a `searchText`. */
  tokens: readonly string[];
  /**
   * The same tokens as case-insensitive word-prefix patterns for plain ASCII text, which
   * needs no folding; null when a token is not plain ASCII (it cannot match such text).
   */
  plain: readonly RegExp[] | null;
}

/** The query for `text`, or null when it holds no word. */
export function textQuery(text: string): TextQuery | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  // Tokens are runs of letters and digits: nothing to escape. `[^a-z0-9]` under `i`
  // excludes upper case too, so the pattern starts at a word start exactly as a fold would.
  const plain = tokens.every((t) => /^[a-z0-9]+$/.test(t))
    ? tokens.map((t) => new RegExp(`(?:^|[^a-z0-9])${t}`, 'i'))
    : null;
  return { tokens, plain };
}

/**
 * Whether every word of the query prefix-matches a word of the text: `folded` (a
 * `searchText`) when the text needed folding, else its plain ASCII `parts` as they are.
 */
export function matchesText(
  query: TextQuery,
  folded: string | undefined,
  parts: readonly (string | null | undefined)[],
): boolean {
  if (folded !== undefined) return query.tokens.every((t) => folded.includes(` ${t}`));
  if (query.plain === null) return false;
  return query.plain.every((pattern) => parts.some((part) => !!part && pattern.test(part)));
}

/**
 * Search tokens: lower case, accents removed ("café" → "cafe"), split on anything that is
 * not a letter or digit. Records are folded the same way (`searchText`), so they match.
 */
export function tokenize(text: string): string[] {
  const tokens = new Set<string>();
  for (const token of fold(text).split(SEPARATORS)) {
    if (token) tokens.add(token);
    if (tokens.size >= MAX_TOKENS) break;
  }
  return [...tokens];
}

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

/** Whether every token (from `tokenize`) prefix-matches a word of a `searchText`. */
export function matchesAllTokens(text: string, tokens: readonly string[]): boolean {
  for (const token of tokens) {
    if (!text.includes(` ${token}`)) return false;
  }
  return true;
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

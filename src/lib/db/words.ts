/** Most tokens one record contributes to the `_words` index; keeps a long text cheap. */
const MAX_TOKENS = 300;

/**
 * Search tokens: lower case, accents removed ("café" → "cafe"), split on anything that is
 * not a letter or digit. The same function tokenizes records and queries, so they match.
 */
export function tokenize(text: string): string[] {
  const normal = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const tokens = new Set<string>();
  for (const token of normal.split(/[^\p{L}\p{N}]+/u)) {
    if (token) tokens.add(token);
    if (tokens.size >= MAX_TOKENS) break;
  }
  return [...tokens];
}

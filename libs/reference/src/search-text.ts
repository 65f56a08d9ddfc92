/**
 * Text keys for matching names typed in Ukrainian or in Latin letters: lower case, apostrophes and
 * punctuation dropped, Latin look-alike letters inside Cyrillic words fixed.
 */
export function normalizeSearchText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A query's stem: its trailing vowels (and the soft sign) dropped when it is long enough, so that a
 * settlement's name finds its hromada's adjectival name ("Бережани"/"Berezhany" → "Бережанська"/
 * "Berezhanska", "Lviv" → "Lvivska").
 */
export function queryStem(normalized: string): string {
  const stem = normalized.replace(/[aeiouyаеєиіїоуюяь]+$/u, '');
  return stem.length >= 3 ? stem : normalized;
}

/**
 * Name normalisation for duplicate detection and search: Ukrainian Cyrillic is transliterated with
 * the national (2010) table, so "Український дім" and "Ukrainskyi dim" meet; case, accents and
 * punctuation are dropped.
 */
const UK_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i',
  ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', '’': '', "'": '', 'ʼ': '',
  // Russian and Belarusian letters that turn up in diaspora names.
  ы: 'y', э: 'e', ё: 'e', ъ: '', ў: 'u',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += UK_TO_LATIN[ch] ?? ch;
  return out;
}

/** Lower-case Latin letters and digits separated by single spaces. */
export function normalizeText(text: string): string {
  return transliterate(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Key used to spot the same organisation entered twice. */
export function nameKey(name: string): string {
  return normalizeText(name).replace(/ /g, '');
}

export function searchTokens(q: string): string[] {
  return normalizeText(q).split(' ').filter((t) => t.length > 0).slice(0, 8);
}

/** Longest word prefix stored for search; a longer query word is looked up by its first letters. */
export const SEARCH_PREFIX_MAX = 12;

/**
 * Every prefix (1 to SEARCH_PREFIX_MAX letters) of every word of a normalised search text: the
 * `searchPrefixes` of an organisation. A query word is then one equality on that array, which FerretDB
 * v1 pushes down to PostgreSQL and MongoDB serves from a multikey index; an anchored regex over
 * `searchText` (what `q` used alone before) is evaluated in FerretDB on every document.
 */
export function searchPrefixes(searchText: string): string[] {
  const out = new Set<string>();
  for (const word of searchText.split(' ')) {
    for (let n = 1; n <= Math.min(word.length, SEARCH_PREFIX_MAX); n++) out.add(word.slice(0, n));
  }
  return [...out];
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

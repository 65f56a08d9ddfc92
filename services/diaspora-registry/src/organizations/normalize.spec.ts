import { nameKey, normalizeText, SEARCH_PREFIX_MAX, searchPrefixes, searchTokens } from './normalize';

describe('name normalisation', () => {
  it('matches a Ukrainian name with its Latin transliteration', () => {
    expect(nameKey('Український дім')).toBe(nameKey('Ukrainskyi Dim'));
    expect(normalizeText('Спілка українців у Польщі')).toBe('spilka ukraintsiv u polshchi');
  });

  it('ignores case, punctuation and accents', () => {
    expect(nameKey('Ukraїnska Hromada — München e.V.')).toBe(nameKey('ukrainska hromada munchen ev'));
  });

  it('splits a query into at most eight tokens', () => {
    expect(searchTokens('  Київ   Berlin!! ')).toEqual(['kyiv', 'berlin']);
    expect(searchTokens('a b c d e f g h i j')).toHaveLength(8);
  });

  it('stores every word prefix up to SEARCH_PREFIX_MAX letters, so any word start is one lookup', () => {
    const p = searchPrefixes(normalizeText('Спілка українців у Польщі'));
    for (const w of ['s', 'sp', 'spilka', 'u', 'ukraintsiv'.slice(0, SEARCH_PREFIX_MAX), 'polshchi', 'pol']) expect(p).toContain(w);
    expect(p).not.toContain('pilka'); // not a word start
    expect(new Set(p).size).toBe(p.length);
    expect(searchPrefixes(normalizeText('Internationalisation')).filter((x) => x.startsWith('intern'))).toHaveLength(SEARCH_PREFIX_MAX - 5);
  });
});

import { nameKey, normalizeText, searchTokens } from './normalize';

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
});

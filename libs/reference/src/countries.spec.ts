import { countries, countryByAlpha2, countryByAlpha3, isCountryCode } from './countries';
import { readSharedCsv } from './shared-data';

describe('countries', () => {
  it('lists every ISO 3166-1 country once with zero-padded numeric codes and uk/en names', () => {
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(new Set(countries.map((c) => c.alpha2)).size).toBe(countries.length);
    expect(new Set(countries.map((c) => c.alpha3)).size).toBe(countries.length);
    for (const c of countries) {
      expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.numeric).toMatch(/^\d{3}$/);
      expect(c.name.uk.length).toBeGreaterThan(1);
      expect(c.name.en.length).toBeGreaterThan(1);
    }
  });

  it('finds Ukraine by alpha-2 and alpha-3, ignoring case and spaces', () => {
    expect(countryByAlpha2('ua')).toEqual({
      alpha2: 'UA',
      alpha3: 'UKR',
      numeric: '804',
      name: { uk: 'Україна', en: 'Ukraine' },
    });
    expect(countryByAlpha3(' ukr ')?.alpha2).toBe('UA');
    expect(countryByAlpha2('AD')?.numeric).toBe('020');
  });

  it('maps the Kosovo codes used by UNHCR and the World Bank (XKX) to XK', () => {
    expect(countryByAlpha3('XKX')?.alpha2).toBe('XK');
    expect(countryByAlpha3('XKK')?.alpha2).toBe('XK');
    expect(countryByAlpha2('XK')?.userAssigned).toBe(true);
  });

  it('returns undefined for unknown codes and validates upper-case alpha-2 only', () => {
    expect(countryByAlpha2('ZZ')).toBeUndefined();
    expect(countryByAlpha3('ABC')).toBeUndefined();
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('de')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
  });

  it('resolves every host country of the UNHCR refugees CSV', () => {
    const rows = readSharedCsv(
      'diaspora',
      'unhcr_refugees_from_ukraine_by_country_monthly_ONEcampaign.csv',
    ) as { iso_code: string }[];
    const codes = [...new Set(rows.map((r) => r.iso_code))];
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => !countryByAlpha3(c))).toEqual([]);
  });
});

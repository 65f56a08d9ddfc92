import data from './data/countries.json';
import type { LocalizedText } from './types';

/** An ISO 3166-1 country (plus Kosovo's user-assigned XK, flagged `userAssigned`). */
export interface Country {
  alpha2: string;
  alpha3: string;
  /** Three-digit ISO 3166-1 numeric code, zero-padded ("020"). */
  numeric: string;
  name: LocalizedText;
  userAssigned?: boolean;
}

export const COUNTRIES_SOURCE: string = data.source;
export const countries: readonly Country[] = data.items;

const byAlpha2 = new Map(countries.map((c) => [c.alpha2, c]));
const byAlpha3 = new Map(countries.map((c) => [c.alpha3, c]));
// Non-ISO alpha-3 codes met in real data. UNHCR and the World Bank write Kosovo as XKX (the EU uses
// XK/XKX; i18n-iso-countries says XKK). The UNHCR CSV in test/fixtures/diaspora currently uses only
// ISO codes, but its upstream publishes XKX, so accept both.
const ALPHA3_ALIASES: Record<string, string> = { XKX: 'XK', XKK: 'XK' };

export function countryByAlpha2(code: string): Country | undefined {
  return byAlpha2.get(code.trim().toUpperCase());
}

export function countryByAlpha3(code: string): Country | undefined {
  const c = code.trim().toUpperCase();
  const alias = ALPHA3_ALIASES[c];
  return alias ? byAlpha2.get(alias) : byAlpha3.get(c);
}

/** Whether `alpha2` is a known country code (upper case, as stored; "ua" is not accepted). */
export function isCountryCode(alpha2: string): boolean {
  return byAlpha2.has(alpha2);
}

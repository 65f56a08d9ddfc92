/**
 * Numbers, money and percentages for people, in each language's own format (Intl): `uk` as uk-UA
 * (827 808 344,88 грн; 33,3 %), `en` as en-GB (UAH 827,808,344.88; 33.3%). One definition for every
 * text a person reads: reports, assessments, recommendations.
 */
export type TextLang = 'uk' | 'en';

export const TEXT_LOCALES: Record<TextLang, string> = { uk: 'uk-UA', en: 'en-GB' };

/** Kopiykas as an exact decimal string of hryvnias ("13710755.55", "-0.05"): no float ever touches money. */
export function uah(kopiykas: number): string {
  if (!Number.isSafeInteger(kopiykas)) throw new Error(`not an integer amount of kopiykas: ${kopiykas}`);
  const sign = kopiykas < 0 ? '-' : '';
  const abs = BigInt(Math.abs(kopiykas));
  const minor = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${abs / 100n}.${minor}`;
}

/** Money: Intl in the language's locale, formatted from the exact decimal string; '—' when unknown. */
export function money(kopiykas: number | null | undefined, lang: TextLang): string {
  if (kopiykas === null || kopiykas === undefined) return '—';
  // Intl.NumberFormat formats a decimal string exactly (no conversion to a double).
  return new Intl.NumberFormat(TEXT_LOCALES[lang], { style: 'currency', currency: 'UAH', currencyDisplay: lang === 'uk' ? 'symbol' : 'code' }).format(
    uah(kopiykas) as unknown as number,
  );
}

/** A ratio as a percentage with `digits` decimals ("33,3 %" / "33.3%"); '—' when unknown. */
export function percent(ratio: number | null | undefined, lang: TextLang, digits = 1): string {
  if (ratio === null || ratio === undefined) return '—';
  return new Intl.NumberFormat(TEXT_LOCALES[lang], { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** A number with exactly `digits` decimals ("0,5453" / "0.5453"); '—' when unknown. */
export function num(value: number | null | undefined, lang: TextLang, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(TEXT_LOCALES[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

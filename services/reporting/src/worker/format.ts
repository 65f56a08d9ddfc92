import { ReportLang } from '@vidnova/contracts';

/** Text in both languages, as every source and the report carry it. */
export interface Text {
  uk: string;
  en: string;
}

const LOCALE: Record<ReportLang, string> = { uk: 'uk-UA', en: 'en-GB' };

/** Kopiykas as an exact decimal string of hryvnias ("13710755.55", "-0.05"): no float ever touches money. */
export function uah(kopiykas: number): string {
  if (!Number.isSafeInteger(kopiykas)) throw new Error(`not an integer amount of kopiykas: ${kopiykas}`);
  const sign = kopiykas < 0 ? '-' : '';
  const abs = BigInt(Math.abs(kopiykas));
  const minor = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${abs / 100n}.${minor}`;
}

/** Money for people: Intl in uk-UA (or en-GB), formatted from the exact decimal string. */
export function money(kopiykas: number | null | undefined, lang: ReportLang): string {
  if (kopiykas === null || kopiykas === undefined) return '—';
  // Intl.NumberFormat formats a decimal string exactly (no conversion to a double).
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'UAH', currencyDisplay: lang === 'uk' ? 'symbol' : 'code' }).format(
    uah(kopiykas) as unknown as number,
  );
}

export function percent(ratio: number | null | undefined, lang: ReportLang, digits = 1): string {
  if (ratio === null || ratio === undefined) return '—';
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

export function num(value: number | null | undefined, lang: ReportLang, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function date(iso: string | Date, lang: ReportLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'Europe/Kyiv' }).format(new Date(iso));
}

export function ordinal(n: number, lang: ReportLang): string {
  if (lang === 'uk') return `${n}-е`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

export const pick = (t: Text | undefined | null, lang: ReportLang): string => (t ? t[lang] || t.uk || t.en : '');

/** HTML-escapes text put into the report. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

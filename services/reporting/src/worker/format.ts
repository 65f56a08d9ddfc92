import { ReportLang, TEXT_LOCALES } from '@vidnova/contracts';

/** Text in both languages, as every source and the report carry it. */
export interface Text {
  uk: string;
  en: string;
}

// Numbers, money and percentages: one definition for every text people read (libs/contracts/src/formats.ts).
export { money, num, percent, uah } from '@vidnova/contracts';
const LOCALE = TEXT_LOCALES;

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

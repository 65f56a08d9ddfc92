/**
 * The UNHCR "refugees from Ukraine recorded in country" table as republished monthly by the ONE
 * Campaign (test/fixtures/diaspora/unhcr_refugees_from_ukraine_by_country_monthly_ONEcampaign.csv):
 * `iso_code,Country,Data Date,Refugees from Ukraine recorded in country as of date,date_month,...`,
 * one row per host country (ISO alpha-3) and month (`MM-YYYY`). Only the first four columns are read;
 * the others (difference, ratios) are derived and recomputed by whoever needs them.
 */
export const UNHCR_SOURCE = 'UNHCR Operational Data Portal, Ukraine refugee situation, monthly by country (as collected by ONE Campaign)';

export const UNHCR_COLUMNS = {
  country: 'iso_code',
  countryName: 'Country',
  date: 'Data Date',
  refugees: 'Refugees from Ukraine recorded in country as of date',
} as const;

/** The required columns missing from a header (empty when the file is this table). */
export function missingColumns(header: string[]): string[] {
  const have = new Set(header.map((h) => h.trim()));
  return Object.values(UNHCR_COLUMNS).filter((c) => !have.has(c));
}

export interface Observation {
  country: string;
  /** Calendar month, `YYYY-MM`. */
  month: string;
  refugees: number;
  sourceCountryName?: string;
}

export type RowResult = { ok: true; observation: Observation } | { ok: false; reason: string };

/**
 * One data row → an observation, or the reason it cannot be one. `alpha3ToAlpha2` maps the host
 * country (undefined for codes that are not ISO 3166-1).
 */
export function parseRow(record: Record<string, string | undefined>, alpha3ToAlpha2: (a3: string) => string | undefined): RowResult {
  const a3 = (record[UNHCR_COLUMNS.country] ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(a3)) return { ok: false, reason: `"${a3}" is not an ISO 3166-1 alpha-3 code` };
  const country = alpha3ToAlpha2(a3);
  if (!country) return { ok: false, reason: `unknown country code ${a3}` };
  const rawDate = (record[UNHCR_COLUMNS.date] ?? '').trim();
  const m = /^(\d{2})-(\d{4})$/.exec(rawDate);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 2014 || Number(m[2]) > 2100) {
    return { ok: false, reason: `"${rawDate}" is not a month as MM-YYYY` };
  }
  const rawCount = (record[UNHCR_COLUMNS.refugees] ?? '').trim().replace(/[\s_]/g, '');
  // Whole people only; "4000.0" is accepted as 4000, "12.5" is not.
  const n = /^\d+(\.0+)?$/.test(rawCount) ? Number(rawCount) : NaN;
  if (!Number.isSafeInteger(n)) return { ok: false, reason: `"${rawCount}" is not a whole number of refugees` };
  const name = (record[UNHCR_COLUMNS.countryName] ?? '').trim();
  return { ok: true, observation: { country, month: `${m[2]}-${m[1]}`, refugees: n, ...(name ? { sourceCountryName: name } : {}) } };
}

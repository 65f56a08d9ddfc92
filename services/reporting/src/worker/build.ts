import { ReportLang, ReportSubjectField, ReportType } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { communityByBudgetCode, communityByKatottg, countryByAlpha2, oblastByKatottg, oblastTitle } from '@vidnova/reference';
import { subjectOf } from '../reports/run-id';
import { Text } from './format';
import { gapOf, Recommendation, ReportGapEntry, ReportSource, SourceContext, sourcesFor } from './sources';

export const REPORT_TITLES: Record<ReportType, Text> = {
  'community-monitoring': { uk: 'Моніторинг громади', en: 'Community monitoring' },
  'budget-brief': { uk: 'Бюджетна довідка', en: 'Budget brief' },
  'civil-society-involvement': { uk: 'Залученість громадянського суспільства', en: 'Civil society involvement' },
  'diaspora-landscape': { uk: 'Діаспора в країні перебування', en: 'Diaspora landscape' },
};

export interface RunInput {
  id: string;
  revision: number;
  type: ReportType;
  community?: string;
  oblast?: string;
  budgetCode?: string;
  country?: string;
  period: string;
  lang: ReportLang;
}

/** The report as JSON (content.json): the figures of every section as the sources answered them. */
export interface ReportModel {
  id: string;
  revision: number;
  type: ReportType;
  title: Text;
  /** What the report is about; `name` is its title ("Волинська область" for an oblast). */
  subject: { field: ReportSubjectField; code: string; name: Text | null };
  period: string;
  year: number;
  generatedAt: string;
  status: 'completed' | 'partial';
  /** Section id → the source's figures (see services/reporting/src/worker/sources). */
  sections: Record<string, unknown>;
  /** Which service each section came from, in order. */
  sources: { id: string; service: string; title: Text; ok: boolean }[];
  recommendations: Recommendation[];
  gaps: ReportGapEntry[];
  methodology: string;
}

/**
 * The year, the first and last month (YYYY-MM) and the first and last day (YYYY-MM-DD) of a period:
 * `2022` → 2022-01..2022-12, `2025-Q3` → 2025-07..2025-09, `2025-07` → 2025-07.
 */
export function periodBounds(period: string): { year: number; start: string; end: string; from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const q = /-Q([1-4])$/.exec(period);
  const mm = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  const [first, last] = q ? [Number(q[1]) * 3 - 2, Number(q[1]) * 3] : /^\d{4}-\d{2}$/.test(period) ? [Number(period.slice(5)), Number(period.slice(5))] : [1, 12];
  // Day 0 of the next month is the last day of this one (UTC, no time zone involved).
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { year, start: mm(first), end: mm(last), from: `${mm(first)}-01`, to: `${mm(last)}-${String(lastDay).padStart(2, '0')}` };
}

function subjectName(field: ReportSubjectField, code: string): Text | null {
  if (field === 'community') return communityByKatottg(code)?.name ?? null;
  if (field === 'oblast') {
    const oblast = oblastByKatottg(code);
    return oblast ? oblastTitle(oblast) : null;
  }
  if (field === 'budgetCode') return communityByBudgetCode(code)?.name ?? null;
  return countryByAlpha2(code)?.name ?? null;
}

/**
 * Asks every source of the report type, one after another (derived sections read earlier ones). A
 * source that fails or does not answer in time becomes a data gap: the report is then `partial`.
 */
export async function buildReport(
  run: RunInput,
  bus: BusClient,
  timeoutMs: number,
  onProgress: (pct: number) => Promise<void>,
  sources: ReportSource[] = sourcesFor(run.type),
): Promise<ReportModel> {
  const { field, code } = subjectOf(run.type, run)!;
  const { year, end, from, to } = periodBounds(run.period);
  const sections: Record<string, unknown> = {};
  const ctx: SourceContext = { bus, type: run.type, community: run.community, oblast: run.oblast, budgetCode: run.budgetCode, country: run.country, period: run.period, year, periodEnd: end, from, to, timeoutMs, sections };
  const gaps: ReportModel['gaps'] = [];
  const done: ReportModel['sources'] = [];
  const recommendations: Recommendation[] = [];
  for (const [i, source] of sources.entries()) {
    try {
      const data = await source.fetch(ctx);
      sections[source.id] = data;
      recommendations.push(...(source.recommendations?.(data) ?? []));
      done.push({ id: source.id, service: source.service, title: source.title, ok: true });
    } catch (e) {
      gaps.push(gapOf(source, e));
      done.push({ id: source.id, service: source.service, title: source.title, ok: false });
    }
    await onProgress(Math.round(((i + 1) / sources.length) * 80));
  }
  const budget = sections.budget as { community?: { name: Text | null } | null } | undefined;
  return {
    id: run.id,
    revision: run.revision,
    type: run.type,
    title: REPORT_TITLES[run.type],
    subject: { field, code, name: subjectName(field, code) ?? budget?.community?.name ?? null },
    period: run.period,
    year,
    generatedAt: new Date().toISOString(),
    // A section that does not apply to the subject (per-community source, oblast report) is named under data gaps, but nothing failed.
    status: gaps.some((g) => g.reason !== 'not_applicable') ? 'partial' : 'completed',
    sections,
    sources: done,
    recommendations,
    gaps,
    methodology: `docs/reporting.md#${run.type}`,
  };
}

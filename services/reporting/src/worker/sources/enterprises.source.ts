import { ENTERPRISE_EFFICIENCY_OPS, FLAG_KEYS, FlagKey, OverviewEntry, ReportLang, Sector, SECTORS } from '@vidnova/contracts';
import { barChart } from '../render/svg';
import { esc, money, num, percent, pick, Text, uah } from '../format';
import { GAP_MESSAGES } from './gaps';
import { ask, FigureRow, Recommendation, ReportSource, SourceContext, SourceGap } from './source';

export interface EnterpriseFigures {
  edrpou: string;
  name: Text;
  sector: Sector;
  /** Composite score 0..100 as enterprise-efficiency answers it; null with the reason it gives. */
  score: number | null;
  scoreReason: string | null;
  flags: { key: FlagKey; text: Text }[];
  /** Budget support of the year in kopiykas; `shareOfBudget` = total / the community budget's executed expenditure. */
  budgetSupport: { operatingSubsidies: number; capitalTransfers: number; charterCapital: number; total: number; shareOfBudget: number | null } | null;
  procurement: {
    procedures: number;
    competitive: number;
    nonCompetitive: number;
    nonCompetitiveShare: number | null;
    expectedValue: number;
    contractedValue: number;
    savings: number;
    averageTenderers: number | null;
  } | null;
}

export interface EnterprisesSection {
  /** The financial year the figures are of (see docs/reporting.md: the period's year, else the latest before it with figures). */
  year: number;
  enterprises: EnterpriseFigures[];
  /** Sums over the enterprises (counts; money in kopiykas). */
  totals: { enterprises: number; scored: number; flagged: number; budgetSupport: number; procedures: number; nonCompetitive: number; contractedValue: number };
  recommendations: { edrpou: string; trigger: string; text: Text; figures: Record<string, unknown> }[];
}

/** How many years before the period's year are tried when the community's enterprises have no figures for it. */
const YEARS_BACK = 2;

const text = (t: { uk?: string; en?: string } | undefined): Text => ({ uk: t?.uk ?? t?.en ?? '', en: t?.en ?? t?.uk ?? '' });
const hasFigures = (e: OverviewEntry) => e.score !== null || e.flags.length > 0 || (e.budgetSupport?.total ?? 0) > 0 || (e.procurement?.procedures ?? 0) > 0;

async function overviewOf(ctx: SourceContext) {
  let first = null;
  for (let year = ctx.year; year >= ctx.year - YEARS_BACK; year--) {
    const o = await ctx.bus.send(ENTERPRISE_EFFICIENCY_OPS.communityOverview, { katottg: ctx.community!, year }, ask(ctx));
    first ??= o;
    if (!o.enterprises.length) break;
    if (o.enterprises.some(hasFigures)) return o;
  }
  return first!;
}

/**
 * Communal enterprises of the community (enterprise-efficiency): `community-overview` for the year
 * (scores, flags, budget support, procurement), then `assessment` of each enterprise that has a
 * statement for the texts of its flags and its recommendations with their figures.
 */
export const enterprisesSource: ReportSource<EnterprisesSection> = {
  id: 'enterprises',
  service: 'enterprise-efficiency',
  title: { uk: 'Комунальні підприємства', en: 'Communal enterprises' },
  types: ['community-monitoring'],
  async fetch(ctx) {
    const overview = await overviewOf(ctx);
    if (!overview.enterprises.length) throw new SourceGap('no_data', GAP_MESSAGES.noEnterprises(ctx.community!));
    const enterprises: EnterpriseFigures[] = [];
    const recommendations: EnterprisesSection['recommendations'] = [];
    for (const e of overview.enterprises) {
      const assessed = e.score !== null || e.flags.length ? await ctx.bus.send(ENTERPRISE_EFFICIENCY_OPS.assessment, { edrpou: e.edrpou, year: overview.year }, ask(ctx)) : null;
      const flagText = new Map((assessed?.flags ?? []).map((f) => [f.key, text(f.text)]));
      for (const r of assessed?.recommendations ?? []) recommendations.push({ edrpou: e.edrpou, trigger: r.trigger, text: text(r.text), figures: r.figures });
      const s = e.budgetSupport;
      const p = e.procurement;
      enterprises.push({
        edrpou: e.edrpou,
        name: text(e.name),
        sector: e.sector,
        score: e.score,
        scoreReason: e.scoreReason ?? null,
        flags: e.flags.map((key) => ({ key, text: flagText.get(key) ?? { uk: key, en: key } })),
        budgetSupport: s ? { operatingSubsidies: s.operatingSubsidies, capitalTransfers: s.capitalTransfers, charterCapital: s.charterCapital, total: s.total, shareOfBudget: s.communityBudget?.share ?? null } : null,
        procurement: p
          ? { procedures: p.procedures, competitive: p.competitive, nonCompetitive: p.nonCompetitive, nonCompetitiveShare: p.nonCompetitiveShare, expectedValue: p.expectedValue, contractedValue: p.contractedValue, savings: p.savings, averageTenderers: p.averageTenderers }
          : null,
      });
    }
    const sum = (f: (e: EnterpriseFigures) => number) => enterprises.reduce((t, e) => t + f(e), 0);
    return {
      year: overview.year,
      enterprises,
      totals: {
        enterprises: enterprises.length,
        scored: enterprises.filter((e) => e.score !== null).length,
        flagged: enterprises.filter((e) => e.flags.length).length,
        budgetSupport: sum((e) => e.budgetSupport?.total ?? 0),
        procedures: sum((e) => e.procurement?.procedures ?? 0),
        nonCompetitive: sum((e) => e.procurement?.nonCompetitive ?? 0),
        contractedValue: sum((e) => e.procurement?.contractedValue ?? 0),
      },
      recommendations,
    };
  },
  html(d, lang) {
    const L = (uk: string, en: string) => (lang === 'uk' ? uk : en);
    const t = d.totals;
    let html =
      `<p>${L('Фінансовий рік', 'Financial year')}: <b>${d.year}</b>. ${L('Підприємств', 'Enterprises')}: ${num(t.enterprises, lang)}, ` +
      `${L('з оцінкою', 'scored')}: ${num(t.scored, lang)}, ${L('з тривожними ознаками', 'flagged')}: ${num(t.flagged, lang)}.</p>` +
      `<table class="kv"><tbody>` +
      `<tr><th>${L('Бюджетна підтримка, разом', 'Budget support, total')}</th><td class="n" data-figure="enterprises.budgetSupport">${money(t.budgetSupport, lang)}</td></tr>` +
      `<tr><th>${L('Закупівлі, процедур', 'Procurement procedures')}</th><td class="n">${num(t.procedures, lang)}</td></tr>` +
      `<tr><th>${L('з них неконкурентних', 'of them non-competitive')}</th><td class="n">${num(t.nonCompetitive, lang)}</td></tr>` +
      `<tr><th>${L('Укладено договорів на', 'Contracted value')}</th><td class="n">${money(t.contractedValue, lang)}</td></tr>` +
      `</tbody></table>`;
    const scored = d.enterprises.filter((e) => e.score !== null).sort((a, b) => b.score! - a.score!);
    html += barChart(
      'enterprise-scores',
      L('Інтегральна оцінка підприємств (0–100)', 'Enterprise composite scores (0–100)'),
      scored.map((e) => ({ label: pick(e.name, lang), value: e.score!, text: num(e.score, lang, 1), ...(e.flags.length ? { badge: `⚑${e.flags.length}` } : {}) })),
      '#2e8b57',
    );
    const head = L(
      '<th>Підприємство</th><th>Галузь</th><th>Оцінка</th><th>Бюджетна підтримка</th><th>Частка бюджету</th><th>Закупівлі (неконкур.)</th>',
      '<th>Enterprise</th><th>Sector</th><th>Score</th><th>Budget support</th><th>Share of budget</th><th>Procurement (non-comp.)</th>',
    );
    const rows = d.enterprises
      .map(
        (e) =>
          `<tr><td>${esc(pick(e.name, lang))} <span class="muted">${esc(e.edrpou)}</span></td><td>${esc(pick(SECTORS[e.sector], lang))}</td>` +
          `<td class="n">${e.score === null ? `— <span class="muted">${esc(e.scoreReason ?? '')}</span>` : num(e.score, lang, 1)}</td>` +
          `<td class="n">${money(e.budgetSupport?.total, lang)}</td><td class="n">${percent(e.budgetSupport?.shareOfBudget, lang, 2)}</td>` +
          `<td class="n">${e.procurement ? `${num(e.procurement.procedures, lang)} (${num(e.procurement.nonCompetitive, lang)})` : '—'}</td></tr>`,
      )
      .join('');
    html += `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    const flagged = d.enterprises.filter((e) => e.flags.length);
    if (flagged.length) {
      html += `<h3>${L('Тривожні ознаки', 'Flags')}</h3><ul>` + flagged.map((e) => e.flags.map((f) => `<li><b>${esc(pick(e.name, lang))}</b>: ${esc(pick(f.text, lang))}</li>`).join('')).join('') + '</ul>';
    }
    return html;
  },
  rows(d) {
    const r: FigureRow[] = [
      ['', 'financial_year', d.year, 'year'],
      ['', 'enterprises', d.totals.enterprises, 'count'],
      ['', 'enterprises_scored', d.totals.scored, 'count'],
      ['', 'enterprises_flagged', d.totals.flagged, 'count'],
      ['', 'budget_support_total', uah(d.totals.budgetSupport), 'UAH'],
      ['', 'procurement_procedures', d.totals.procedures, 'count'],
      ['', 'procurement_non_competitive', d.totals.nonCompetitive, 'count'],
      ['', 'procurement_contracted', uah(d.totals.contractedValue), 'UAH'],
    ];
    for (const e of d.enterprises) {
      r.push([e.edrpou, 'score', e.score, 'points']);
      for (const f of e.flags) r.push([e.edrpou, 'flag', f.key, 'flag']);
      if (e.budgetSupport) {
        r.push(
          [e.edrpou, 'support_operating_subsidies', uah(e.budgetSupport.operatingSubsidies), 'UAH'],
          [e.edrpou, 'support_capital_transfers', uah(e.budgetSupport.capitalTransfers), 'UAH'],
          [e.edrpou, 'support_charter_capital', uah(e.budgetSupport.charterCapital), 'UAH'],
          [e.edrpou, 'support_total', uah(e.budgetSupport.total), 'UAH'],
          [e.edrpou, 'support_share_of_budget', e.budgetSupport.shareOfBudget, 'share'],
        );
      }
      if (e.procurement) {
        r.push(
          [e.edrpou, 'procedures', e.procurement.procedures, 'count'],
          [e.edrpou, 'procedures_non_competitive', e.procurement.nonCompetitive, 'count'],
          [e.edrpou, 'non_competitive_share', e.procurement.nonCompetitiveShare, 'share'],
          [e.edrpou, 'contracted_value', uah(e.procurement.contractedValue), 'UAH'],
          [e.edrpou, 'savings', uah(e.procurement.savings), 'UAH'],
        );
      }
    }
    return r;
  },
  recommendations(d): Recommendation[] {
    const names = new Map(d.enterprises.map((e) => [e.edrpou, e.name]));
    return d.recommendations.map((r) => {
      const name = names.get(r.edrpou)!;
      return {
        source: 'enterprise-efficiency',
        id: `${r.edrpou}:${r.trigger}`,
        severity: (FLAG_KEYS as readonly string[]).includes(r.trigger) ? 'warning' : 'info',
        text: { uk: `${name.uk}: ${r.text.uk}`, en: `${name.en}: ${r.text.en}` },
        evidence: { edrpou: r.edrpou, year: d.year, trigger: r.trigger, ...r.figures },
      };
    });
  },
};
export type { ReportLang };

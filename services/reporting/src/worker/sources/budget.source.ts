import { BUDGET_OPS, BudgetRecovery, ReportLang } from '@vidnova/contracts';
import { barChart } from '../render/svg';
import { esc, money, percent, pick, Text, uah } from '../format';
import { ask, FigureRow, Recommendation, ReportSource, SourceContext, SourceGap } from './source';
import { GAP_MESSAGES } from './gaps';

export interface RecoveryLine {
  id: string;
  name: Text;
  executed: number | null;
  share: number | null;
  codes: string[];
}

export interface BudgetSection {
  budgetCode: string;
  community: { katottg: string; name: Text | null } | null;
  year: number;
  /** Latest period used (YYYY-MM), null for annual KSE figures. */
  period: string | null;
  source: string;
  totals: { plan: number | null; amendedPlan: number | null; executed: number };
  executionRate: number | null;
  capital: { executed: number; plan: number | null; shareOfExecuted: number | null };
  perCapita: { population: number; executed: number | null } | null;
  incomes: { total: number; own: number; officialTransfers: number; transferDependence: number | null } | null;
  recovery: { basis: 'program' | 'functional' | 'economic'; executed: number; taxonomyVersion: string; categories: RecoveryLine[] } | null;
  anomalies: { id: string; severity: string; text: Text; evidence: Record<string, unknown> }[];
  guidelines: { id: string; severity: string; text: Text; basedOn: string[]; evidence: Record<string, unknown> }[];
}

/** The budget's subject: a community (KATOTTG) or a budget code. */
const budgetOf = (ctx: SourceContext) => ctx.budgetCode ?? ctx.community!;

/** Up to the end of the period: the period parameter of budget-analysis (a year means its December). */
const periodParam = (ctx: SourceContext) => ({ period: ctx.periodEnd });

/** Which recovery basis the report reads: programme codes where present, else functional, else economic. */
export function recoveryBasis(r: BudgetRecovery): BudgetSection['recovery'] {
  const bases = [
    ['program', r.programBasis],
    ['functional', r.functionalBasis],
    ['economic', r.economicBasis],
  ] as const;
  for (const [basis, b] of bases) {
    if (!b) continue;
    const categories = r.categories
      .filter((c) => c.basis === basis)
      .map((c) => ({ id: c.id, name: c.name, executed: c.executed, share: c.shareOfExpenditure, codes: c.codes }));
    return { basis, executed: b.executed, taxonomyVersion: r.taxonomyVersion, categories };
  }
  return null;
}

/**
 * Budget execution, capital spending, transfer dependence, recovery spending by category, anomalies
 * and guidelines (budget-analysis: summary, incomes, recovery, anomalies, guidelines for one year up
 * to the end of the period). Only the summary is required; the others may be missing for a budget.
 */
export const budgetSource: ReportSource<BudgetSection> = {
  id: 'budget',
  service: 'budget-analysis',
  title: { uk: 'Бюджет: виконання та видатки на відновлення', en: 'Budget: execution and recovery spending' },
  types: ['community-monitoring', 'budget-brief'],
  async fetch(ctx) {
    const req = { budget: budgetOf(ctx), year: ctx.year, ...periodParam(ctx) };
    const summary = await ctx.bus.send(BUDGET_OPS.summary, req, ask(ctx)).catch((e) => {
      if ((e as { envelope?: { code?: string } }).envelope?.code === 'not_found') {
        throw new SourceGap('no_data', GAP_MESSAGES.noBudget(req.budget, ctx.year));
      }
      throw e;
    });
    const optional = <T>(p: Promise<T>) => p.catch((e: { envelope?: { code?: string } }) => (e.envelope?.code === 'not_found' ? null : Promise.reject(e)));
    const [incomes, recovery, anomalies, guidelines] = await Promise.all([
      optional(ctx.bus.send(BUDGET_OPS.incomes, req, ask(ctx))),
      optional(ctx.bus.send(BUDGET_OPS.recovery, req, ask(ctx))),
      optional(ctx.bus.send(BUDGET_OPS.anomalies, req, ask(ctx))),
      optional(ctx.bus.send(BUDGET_OPS.guidelines, req, ask(ctx))),
    ]);
    return {
      budgetCode: summary.budgetCode,
      community: summary.community ? { katottg: summary.community.katottg, name: summary.community.name } : null,
      year: summary.year,
      period: summary.period,
      source: summary.source,
      totals: { ...summary.totals },
      executionRate: summary.executionRate?.againstPlan ?? null,
      capital: { executed: summary.capital.executed, plan: summary.capital.plan, shareOfExecuted: summary.capital.shareOfExecuted },
      perCapita: summary.perCapita ? { population: summary.perCapita.population, executed: summary.perCapita.executed } : null,
      incomes: incomes
        ? { total: incomes.totals.executed, own: incomes.own.executed, officialTransfers: incomes.officialTransfers.executed, transferDependence: incomes.ratios.transferDependence }
        : null,
      recovery: recovery ? recoveryBasis(recovery) : null,
      anomalies: (anomalies?.anomalies ?? []).map((a) => ({ id: a.id, severity: a.severity, text: a.text, evidence: a.evidence })),
      guidelines: (guidelines?.guidelines ?? []).map((g) => ({ id: g.id, severity: g.severity, text: g.text, basedOn: g.basedOn, evidence: g.evidence })),
    };
  },
  html(d, lang) {
    const L = (uk: string, en: string) => (lang === 'uk' ? uk : en);
    const src = d.source === 'kse-annual' ? L('річні дані KSE (без планів)', 'annual KSE figures (no plans)') : L(`портал «Відкритий бюджет», станом на ${d.period}`, `Open Budget portal, as of ${d.period}`);
    const kv = (k: string, v: string) => `<tr><th>${k}</th><td class="n">${v}</td></tr>`;
    let html =
      `<p>${L('Бюджет', 'Budget')} ${esc(d.budgetCode)}, ${d.year}: ${src}.</p><table class="kv">` +
      kv(L('Виконано видатків', 'Spending executed'), money(d.totals.executed, lang)) +
      kv(L('План', 'Plan'), money(d.totals.plan, lang)) +
      kv(L('Виконання плану', 'Execution against plan'), percent(d.executionRate, lang)) +
      kv(L('Капітальні видатки', 'Capital spending'), money(d.capital.executed, lang)) +
      kv(L('Частка капітальних видатків', 'Capital share of spending'), percent(d.capital.shareOfExecuted, lang)) +
      (d.perCapita ? kv(L('Видатки на мешканця', 'Spending per resident'), money(d.perCapita.executed, lang)) : '') +
      (d.incomes
        ? kv(L('Доходи', 'Income'), money(d.incomes.total, lang)) +
          kv(L('Власні доходи', 'Own revenues'), money(d.incomes.own, lang)) +
          kv(L('Офіційні трансферти', 'Official transfers'), money(d.incomes.officialTransfers, lang)) +
          kv(L('Трансфертна залежність', 'Transfer dependence'), percent(d.incomes.transferDependence, lang))
        : '') +
      `</table>`;
    if (d.recovery) {
      const cats = d.recovery.categories.filter((c) => (c.executed ?? 0) > 0).sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
      html += barChart(
        'recovery-spending',
        L('Видатки за категоріями відновлення, частка', 'Spending by recovery category, share'),
        cats.map((c) => ({ label: pick(c.name, lang), value: c.share ?? 0, text: `${percent(c.share, lang)} · ${money(c.executed, lang)}` })),
      );
    }
    if (d.anomalies.length) {
      html += `<h3>${L('Аномалії', 'Anomalies')}</h3><ul>${d.anomalies.map((a) => `<li><b>${esc(a.severity)}</b> ${esc(pick(a.text, lang))}</li>`).join('')}</ul>`;
    }
    return html;
  },
  rows(d) {
    const r: FigureRow[] = [
      ['', 'executed', uah(d.totals.executed), 'UAH'],
      ['', 'plan', d.totals.plan === null ? null : uah(d.totals.plan), 'UAH'],
      ['', 'execution_rate', d.executionRate, 'share'],
      ['', 'capital_executed', uah(d.capital.executed), 'UAH'],
      ['', 'capital_share', d.capital.shareOfExecuted, 'share'],
    ];
    if (d.incomes) {
      r.push(['', 'income_total', uah(d.incomes.total), 'UAH'], ['', 'income_own', uah(d.incomes.own), 'UAH'], ['', 'official_transfers', uah(d.incomes.officialTransfers), 'UAH'], ['', 'transfer_dependence', d.incomes.transferDependence, 'share']);
    }
    for (const c of d.recovery?.categories ?? []) {
      r.push([c.id, `recovery_executed_${d.recovery!.basis}`, c.executed === null ? null : uah(c.executed), 'UAH'], [c.id, `recovery_share_${d.recovery!.basis}`, c.share, 'share']);
    }
    for (const a of d.anomalies) r.push([a.id, 'anomaly', a.severity, 'severity']);
    return r;
  },
  recommendations(d): Recommendation[] {
    return d.guidelines.map((g) => ({ source: 'budget-analysis', id: g.id, severity: g.severity, text: g.text, evidence: { ...g.evidence, basedOn: g.basedOn } }));
  },
};

export type { ReportLang };

import { BUDGET_OPS } from '@vidnova/contracts';
import { columnChart } from '../render/svg';
import { money, uah } from '../format';
import { ask, FigureRow, ReportSource } from './source';

export interface ExecutionSection {
  /** By month (YYYY-MM) where the portal's monthly files exist, else by year (KSE annual figures). */
  by: 'month' | 'year';
  points: { label: string; executed: number; plan: number | null }[];
}

/**
 * Execution over time for the budget brief: each month of the year from budget-analysis' summary at
 * that period (the portal's files are cumulative since January), or, for annual figures, the last five
 * years from its trends.
 */
export const budgetExecutionSource: ReportSource<ExecutionSection> = {
  id: 'execution',
  service: 'budget-analysis',
  title: { uk: 'Виконання в часі', en: 'Execution over time' },
  types: ['budget-brief'],
  async fetch(ctx) {
    const budget = ctx.budgetCode ?? ctx.community!;
    const first = await ctx.bus.send(BUDGET_OPS.summary, { budget, year: ctx.year, period: ctx.periodEnd }, ask(ctx));
    if (first.periodsAvailable.length) {
      const points = [];
      for (const period of first.periodsAvailable) {
        const s = period === first.period ? first : await ctx.bus.send(BUDGET_OPS.summary, { budget, year: ctx.year, period }, ask(ctx));
        points.push({ label: period, executed: s.totals.executed, plan: s.totals.plan });
      }
      return { by: 'month', points };
    }
    const trends = await ctx.bus.send(BUDGET_OPS.trends, { budget, from: ctx.year - 4, to: ctx.year }, ask(ctx));
    return {
      by: 'year',
      points: trends.years.filter((y) => y.available).map((y) => ({ label: String(y.year), executed: y.executed!, plan: y.plan ?? null })),
    };
  },
  html(d, lang) {
    const title = d.by === 'month' ? (lang === 'uk' ? 'Виконання видатків за місяцями (наростаючим підсумком)' : 'Spending executed by month (cumulative)') : lang === 'uk' ? 'Виконання видатків за роками' : 'Spending executed by year';
    return columnChart('execution', title, d.points.map((p) => ({ label: p.label, value: p.executed, plan: p.plan, text: money(p.executed, lang).replace(/,\d\d(?=\s|$)|\.\d\d(?=\s|$)/, '') })));
  },
  rows(d) {
    return d.points.flatMap((p): FigureRow[] => [
      [p.label, 'executed', uah(p.executed), 'UAH'],
      [p.label, 'plan', p.plan === null ? null : uah(p.plan), 'UAH'],
    ]);
  },
};

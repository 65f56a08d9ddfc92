import type { BudgetDataset, BudgetFund } from '@vidnova/contracts';
import type { ColumnMap } from './format';
import { CodeKind, normalizeBudgetCode, normalizeCode, parseAmountToKopiykas, Parsed, parseFund, parsePeriod } from './values';

/** One accepted line of a budget file, amounts in kopiykas. */
export interface BudgetRow {
  budgetCode: string;
  dataset: BudgetDataset;
  /** `YYYY-MM`; figures are cumulative from January of that year to the end of this month. */
  period: string;
  year: number;
  fund: BudgetFund;
  /** Main code of the dataset (income, programme, functional or economic code). */
  code: string;
  /** Unique within (budget, dataset, period, fund): the code, plus functional/economic codes in programme files. */
  key: string;
  name?: string;
  functionalCode?: string;
  economicCode?: string;
  /** ZAT_AMT: annual schedule with amendments. */
  plan: number;
  /** PLANS_AMT: annual estimate allocations with amendments. */
  amendedPlan: number;
  /** FAKT_AMT: executed from the start of the year to the end of `period`. */
  executed: number;
}

export type RowResult = { ok: true; row: BudgetRow } | { ok: false; field: string; reason: string };

const CODE_KIND: Record<BudgetDataset, CodeKind> = {
  incomes: 'income',
  'expenses-economic': 'economic',
  'expenses-functional': 'functional',
  'expenses-program': 'program',
};

/** Turns one CSV record into a row, or says which field is wrong and why. */
export function parseRow(record: string[], c: ColumnMap): RowResult {
  const needed = Math.max(c.period, c.fund, c.budget, c.code, c.fakt);
  if (record.length <= needed) return { ok: false, field: 'columns', reason: `row has ${record.length} fields, expected at least ${needed + 1}` };
  const check = <T>(field: string, p: Parsed<T>): T | RowFailure => (p.ok ? p.value : new RowFailure(field, p.reason));
  const period = check('period', parsePeriod(record[c.period]));
  if (period instanceof RowFailure) return period.result();
  const fund = check('fund', parseFund(record[c.fund]));
  if (fund instanceof RowFailure) return fund.result();
  const budgetCode = check('budget_code', normalizeBudgetCode(record[c.budget]));
  if (budgetCode instanceof RowFailure) return budgetCode.result();
  const code = check('code', normalizeCode(CODE_KIND[c.dataset], record[c.code]));
  if (code instanceof RowFailure) return code.result();
  let key = code;
  let functionalCode: string | undefined;
  let economicCode: string | undefined;
  if (c.functional !== null && record[c.functional]?.trim()) {
    const f = check('functional_code', normalizeCode('functional', record[c.functional]));
    if (f instanceof RowFailure) return f.result();
    functionalCode = f;
    key += `/${f}`;
  }
  if (c.economic !== null && record[c.economic]?.trim()) {
    const e = check('economic_code', normalizeCode('economic', record[c.economic]));
    if (e instanceof RowFailure) return e.result();
    economicCode = e;
    key += `/${e}`;
  }
  const amount = (field: string, i: number | null): number | RowFailure => {
    if (i === null) return 0;
    const v = check(field, parseAmountToKopiykas(record[i]));
    return v instanceof RowFailure ? v : (v ?? 0);
  };
  const plan = amount('ZAT_AMT', c.zat);
  if (plan instanceof RowFailure) return plan.result();
  const amendedPlan = amount('PLANS_AMT', c.plans);
  if (amendedPlan instanceof RowFailure) return amendedPlan.result();
  const executed = amount('FAKT_AMT', c.fakt);
  if (executed instanceof RowFailure) return executed.result();
  const name = c.name !== null ? record[c.name]?.trim() || undefined : undefined;
  return {
    ok: true,
    row: {
      budgetCode,
      dataset: c.dataset,
      period,
      year: Number(period.slice(0, 4)),
      fund,
      code,
      key,
      ...(name ? { name } : {}),
      ...(functionalCode ? { functionalCode } : {}),
      ...(economicCode ? { economicCode } : {}),
      plan,
      amendedPlan,
      executed,
    },
  };
}

class RowFailure {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
  result(): RowResult {
    return { ok: false, field: this.field, reason: this.reason };
  }
}

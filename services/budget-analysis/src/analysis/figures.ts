import type { BudgetAmounts, BudgetFund, BudgetText } from '@vidnova/contracts';

/** A figure of one code and fund at one period (amounts in kopiykas). */
export interface CodeFigure {
  code: string;
  fund: BudgetFund;
  name?: string;
  plan: number;
  amendedPlan: number;
  executed: number;
}

export const zero = (): BudgetAmounts => ({ plan: 0, amendedPlan: 0, executed: 0 });

export function add(a: BudgetAmounts, b: BudgetAmounts): BudgetAmounts {
  return { plan: a.plan + b.plan, amendedPlan: a.amendedPlan + b.amendedPlan, executed: a.executed + b.executed };
}

export function sub(a: BudgetAmounts, b: BudgetAmounts): BudgetAmounts {
  return { plan: a.plan - b.plan, amendedPlan: a.amendedPlan - b.amendedPlan, executed: a.executed - b.executed };
}

export const amountsOf = (f: Pick<CodeFigure, 'plan' | 'amendedPlan' | 'executed'>): BudgetAmounts => ({
  plan: f.plan,
  amendedPlan: f.amendedPlan,
  executed: f.executed,
});

/** A ratio rounded to 4 decimals (a share, not money); null when the base is zero. */
export function ratio(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 10000) / 10000;
}

/** Kopiykas per person, rounded half away from zero to a whole kopiyka. */
export function perCapita(amount: number, population: number | null | undefined): number | null {
  if (!population) return null;
  return Math.sign(amount) * Math.round(Math.abs(amount) / population);
}

/** How codes nest; `none` for programme codes, where a code ending in 00 (1200) can be a leaf. */
export type CodeLevels = 'digit' | 'pair' | 'none';

/**
 * Codes that have no more detailed code beside them in the same data (a code like 2110 is the parent
 * of 2111 and 2112). Summing only leaves keeps a figure from being counted twice when a file carries
 * both a group and its parts.
 */
export function leafCodes(codes: Iterable<string>, levels: CodeLevels = 'digit'): Set<string> {
  const all = [...new Set(codes)];
  if (levels === 'none') return new Set(all);
  const leaves = new Set<string>();
  for (const c of all) {
    // Expenditure codes nest digit by digit (2000 > 2100 > 2110 > 2111); income codes by pairs of
    // digits (41000000 > 41050000 > 41051000 — where 41051100 is a sibling, not a child).
    const stem = levels === 'pair' ? c.replace(/(00)+$/, '') : c.replace(/0+$/, '');
    const hasChild = all.some((o) => o !== c && o.length === c.length && o.startsWith(stem));
    if (!hasChild) leaves.add(c);
  }
  return leaves;
}

export interface FundSplit {
  /** Per leaf code: total-fund figure (T when the file has it, else C + S). */
  total: Map<string, BudgetAmounts>;
  general: BudgetAmounts;
  special: BudgetAmounts;
  totals: BudgetAmounts;
  /** totals − (general + special): zero when the file is consistent. */
  difference: BudgetAmounts;
  names: Map<string, string>;
}

/**
 * Splits one period's figures by fund. `FUND_TYP` T already is C + S: the total comes from T rows
 * (never T + C + S); a code with no T row gets C + S.
 */
export function splitFunds(figures: CodeFigure[], levels: CodeLevels = 'digit'): FundSplit {
  const leaves = leafCodes(figures.map((f) => f.code), levels);
  const byFund: Record<BudgetFund, Map<string, BudgetAmounts>> = { C: new Map(), S: new Map(), T: new Map() };
  const names = new Map<string, string>();
  for (const f of figures) {
    if (f.name && !names.has(f.code)) names.set(f.code, f.name);
    if (!leaves.has(f.code)) continue;
    const m = byFund[f.fund];
    m.set(f.code, add(m.get(f.code) ?? zero(), amountsOf(f)));
  }
  const total = new Map<string, BudgetAmounts>();
  const codes = new Set([...byFund.C.keys(), ...byFund.S.keys(), ...byFund.T.keys()]);
  for (const c of codes) total.set(c, byFund.T.get(c) ?? add(byFund.C.get(c) ?? zero(), byFund.S.get(c) ?? zero()));
  const sum = (m: Map<string, BudgetAmounts>) => [...m.values()].reduce(add, zero());
  const general = sum(byFund.C);
  const special = sum(byFund.S);
  const totals = sum(total);
  return { total, general, special, totals, difference: sub(totals, add(general, special)), names };
}

export interface CodeGroup {
  id: string;
  name: BudgetText;
  /** Code prefixes that belong to the group, e.g. `227` for 2271–2276. */
  prefixes: string[];
  /** The rule in words, shown next to the figure. */
  rule: string;
}

export function matchesGroup(code: string, g: Pick<CodeGroup, 'prefixes'>): boolean {
  return g.prefixes.some((p) => code.startsWith(p));
}

/**
 * Economic groups of expenditure (KEKV). Every code falls in exactly one group (the last one catches
 * the rest), so the groups add up to the total.
 */
export const ECONOMIC_GROUPS: CodeGroup[] = [
  { id: 'wages', name: { uk: 'Оплата праці і нарахування', en: 'Wages and charges' }, prefixes: ['211', '212'], rule: 'KEKV 211x–212x' },
  { id: 'utilities', name: { uk: 'Комунальні послуги та енергоносії', en: 'Utilities and energy' }, prefixes: ['227'], rule: 'KEKV 227x' },
  {
    id: 'goods_services',
    name: { uk: 'Використання товарів і послуг (без комунальних)', en: 'Goods and services (without utilities)' },
    prefixes: ['221', '222', '223', '224', '225', '226', '228'],
    rule: 'KEKV 22xx except 227x',
  },
  { id: 'debt_service', name: { uk: 'Обслуговування боргових зобов’язань', en: 'Debt service' }, prefixes: ['24'], rule: 'KEKV 24xx' },
  {
    id: 'transfers_to_enterprises',
    name: { uk: 'Поточні трансферти підприємствам', en: 'Current transfers to enterprises' },
    prefixes: ['261'],
    rule: 'KEKV 2610',
  },
  { id: 'other_current_transfers', name: { uk: 'Інші поточні трансферти', en: 'Other current transfers' }, prefixes: ['262', '263'], rule: 'KEKV 2620–2630' },
  { id: 'social_payments', name: { uk: 'Соціальне забезпечення', en: 'Social payments' }, prefixes: ['27'], rule: 'KEKV 27xx' },
  { id: 'other_current', name: { uk: 'Інші поточні видатки', en: 'Other current expenditure' }, prefixes: ['28'], rule: 'KEKV 2800' },
  { id: 'capital', name: { uk: 'Капітальні видатки', en: 'Capital expenditure' }, prefixes: ['3'], rule: 'KEKV 3xxx' },
  { id: 'unallocated', name: { uk: 'Нерозподілені видатки', en: 'Unallocated expenditure' }, prefixes: ['9'], rule: 'KEKV 9000' },
  { id: 'other', name: { uk: 'Інше', en: 'Other' }, prefixes: [''], rule: 'any other KEKV code' },
];

/** Parts of capital expenditure (KEKV 3xxx); they add up to the capital total. */
export const CAPITAL_PARTS: CodeGroup[] = [
  { id: 'equipment', name: { uk: 'Придбання обладнання і предметів довгострокового користування', en: 'Purchase of equipment' }, prefixes: ['311'], rule: 'KEKV 3110' },
  { id: 'construction', name: { uk: 'Капітальне будівництво (придбання)', en: 'Capital construction' }, prefixes: ['312'], rule: 'KEKV 312x' },
  { id: 'capital_repair', name: { uk: 'Капітальний ремонт', en: 'Capital repair' }, prefixes: ['313'], rule: 'KEKV 313x' },
  {
    id: 'reconstruction_restoration',
    name: { uk: 'Реконструкція та реставрація', en: 'Reconstruction and restoration' },
    prefixes: ['314'],
    rule: 'KEKV 314x',
  },
  { id: 'capital_transfers', name: { uk: 'Капітальні трансферти', en: 'Capital transfers' }, prefixes: ['32'], rule: 'KEKV 32xx' },
  { id: 'other_capital', name: { uk: 'Інші капітальні видатки', en: 'Other capital expenditure' }, prefixes: ['3'], rule: 'KEKV 3xxx not above (reserves, land, intangibles)' },
];

export interface GroupFigure {
  id: string;
  name: BudgetText;
  rule: string;
  codes: string[];
  amounts: BudgetAmounts;
}

/** Assigns every code to the first group that matches it and sums per group. */
export function groupBy(total: Map<string, BudgetAmounts>, groups: CodeGroup[], only?: (code: string) => boolean): GroupFigure[] {
  const out = groups.map((g) => ({ id: g.id, name: g.name, rule: g.rule, codes: [] as string[], amounts: zero() }));
  for (const [code, a] of [...total].sort(([x], [y]) => x.localeCompare(y))) {
    if (only && !only(code)) continue;
    const i = groups.findIndex((g) => matchesGroup(code, g));
    if (i < 0) continue;
    out[i].codes.push(code);
    out[i].amounts = add(out[i].amounts, a);
  }
  return out;
}

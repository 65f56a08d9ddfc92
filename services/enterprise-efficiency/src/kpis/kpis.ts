import type { Kpi, KpiKey } from '@vidnova/contracts';
import type { Lines } from '../statements/lines';

/** What the KPIs need besides the statement: budget support recorded for the year and the staff count. */
export interface KpiContext {
  lines: Lines;
  /** Operating subsidies + capital transfers of the year, kopiykas (0 when none is recorded). */
  subsidies: number;
  staff: number | null;
}

/**
 * The version of the KPI formulas below. Change it with any change of a formula or its rounding: every stored
 * KPI document (kpis/kpi-store.ts) computed under another version is then recomputed on its year's next read.
 */
export const KPI_METHODOLOGY = 1;

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

interface Def {
  key: KpiKey;
  name: string;
  unit: Kpi['unit'];
  formula: string;
  /** numerator and denominator names → values (null = missing) */
  compute: (c: KpiContext) => { inputs: Record<string, number | null>; num: number | null; den: number | null; reason?: string; negativeDivisor?: string };
  scale?: number;
}

const line = (c: KpiContext, code: string): number | null => (code in c.lines ? c.lines[code] : null);
/** A result written as a profit line and a loss line (2350/2355): profit − |loss|; null when neither is there. */
const result = (c: KpiContext, profit: string, loss: string): number | null =>
  line(c, profit) === null && line(c, loss) === null ? null : (line(c, profit) ?? 0) - Math.abs(line(c, loss) ?? 0);
/** Total costs: R2285 (small-enterprise form) or the sum of the full form's expense lines. */
const FULL_COSTS = ['R2050G3', 'R2130G3', 'R2150G3', 'R2180G3', 'R2250G3', 'R2255G3', 'R2270G3'];
function costs(c: KpiContext): { value: number | null; inputs: Record<string, number | null> } {
  if (line(c, 'R2285G3') !== null) return { value: line(c, 'R2285G3'), inputs: { R2285G3: line(c, 'R2285G3') } };
  const inputs = Object.fromEntries(FULL_COSTS.map((k) => [k, line(c, k)]));
  if (inputs.R2050G3 === null) return { value: null, inputs };
  return { value: FULL_COSTS.reduce((a, k) => a + Math.abs(line(c, k) ?? 0), 0), inputs };
}

const ratio = (numCode: string, denCode: string) => (c: KpiContext) => ({
  inputs: { [numCode]: line(c, numCode), [denCode]: line(c, denCode) },
  num: line(c, numCode),
  den: line(c, denCode),
});

export const KPI_DEFINITIONS: Def[] = [
  {
    key: 'netMargin', name: 'Net margin', unit: 'ratio', formula: '(R2350G3 − |R2355G3|) / R2000G3',
    compute: (c) => ({ inputs: { R2350G3: line(c, 'R2350G3'), R2355G3: line(c, 'R2355G3'), R2000G3: line(c, 'R2000G3') }, num: result(c, 'R2350G3', 'R2355G3'), den: line(c, 'R2000G3') }),
  },
  {
    key: 'returnOnAssets', name: 'Return on assets', unit: 'ratio', formula: '(R2350G3 − |R2355G3|) / R1300G4',
    compute: (c) => ({ inputs: { R2350G3: line(c, 'R2350G3'), R2355G3: line(c, 'R2355G3'), R1300G4: line(c, 'R1300G4') }, num: result(c, 'R2350G3', 'R2355G3'), den: line(c, 'R1300G4') }),
  },
  {
    key: 'returnOnEquity', name: 'Return on equity', unit: 'ratio', formula: '(R2350G3 − |R2355G3|) / R1495G4 (null when equity is negative)',
    compute: (c) => ({
      inputs: { R2350G3: line(c, 'R2350G3'), R2355G3: line(c, 'R2355G3'), R1495G4: line(c, 'R1495G4') },
      num: result(c, 'R2350G3', 'R2355G3'),
      den: line(c, 'R1495G4'),
      negativeDivisor: 'equity (R1495G4) is negative',
    }),
  },
  { key: 'currentRatio', name: 'Current ratio', unit: 'ratio', formula: 'R1195G4 / R1695G4', compute: ratio('R1195G4', 'R1695G4') },
  {
    key: 'quickRatio', name: 'Quick ratio', unit: 'ratio', formula: '(R1195G4 − R1100G4) / R1695G4',
    compute: (c) => ({
      inputs: { R1195G4: line(c, 'R1195G4'), R1100G4: line(c, 'R1100G4'), R1695G4: line(c, 'R1695G4') },
      num: line(c, 'R1195G4') === null ? null : line(c, 'R1195G4')! - (line(c, 'R1100G4') ?? 0),
      den: line(c, 'R1695G4'),
    }),
  },
  { key: 'autonomy', name: 'Autonomy (equity / total)', unit: 'ratio', formula: 'R1495G4 / R1900G4', compute: ratio('R1495G4', 'R1900G4') },
  {
    key: 'debtToEquity', name: 'Debt to equity', unit: 'ratio', formula: '(R1900G4 − R1495G4) / R1495G4 (null when equity is negative)',
    compute: (c) => ({
      inputs: { R1900G4: line(c, 'R1900G4'), R1495G4: line(c, 'R1495G4') },
      num: line(c, 'R1900G4') === null || line(c, 'R1495G4') === null ? null : line(c, 'R1900G4')! - line(c, 'R1495G4')!,
      den: line(c, 'R1495G4'),
      negativeDivisor: 'equity (R1495G4) is negative',
    }),
  },
  { key: 'receivablesDays', name: 'Receivables turnover, days', unit: 'days', formula: 'R1125G4 / R2000G3 × 365', compute: ratio('R1125G4', 'R2000G3'), scale: 365 },
  { key: 'payablesDays', name: 'Payables turnover, days', unit: 'days', formula: 'R1615G4 / R2050G3 × 365', compute: ratio('R1615G4', 'R2050G3'), scale: 365 },
  {
    key: 'assetWear', name: 'Asset wear', unit: 'ratio', formula: '|R1012G4| / R1011G4',
    compute: (c) => ({ inputs: { R1012G4: line(c, 'R1012G4'), R1011G4: line(c, 'R1011G4') }, num: line(c, 'R1012G4') === null ? null : Math.abs(line(c, 'R1012G4')!), den: line(c, 'R1011G4') }),
  },
  {
    key: 'subsidyDependence', name: 'Subsidy dependence', unit: 'ratio', formula: '(operating subsidies + capital transfers of the year) / R2000G3',
    compute: (c) => ({ inputs: { subsidiesAndCapitalTransfers: c.subsidies, R2000G3: line(c, 'R2000G3') }, num: c.subsidies, den: line(c, 'R2000G3') }),
  },
  {
    key: 'costRecovery', name: 'Cost recovery', unit: 'ratio', formula: 'R2000G3 / costs (R2285G3, or the sum of |R2050G3|, |R2130G3|, |R2150G3|, |R2180G3|, |R2250G3|, |R2255G3|, |R2270G3|)',
    compute: (c) => {
      const k = costs(c);
      return { inputs: { R2000G3: line(c, 'R2000G3'), ...k.inputs }, num: line(c, 'R2000G3'), den: k.value };
    },
  },
  {
    key: 'revenuePerEmployee', name: 'Revenue per employee', unit: 'kopiykas', formula: 'R2000G3 / staff count of the year',
    compute: (c) => ({ inputs: { R2000G3: line(c, 'R2000G3'), staff: c.staff }, num: line(c, 'R2000G3'), den: c.staff }),
  },
  {
    key: 'revenueGrowth', name: 'Revenue growth, year on year', unit: 'ratio', formula: '(R2000G3 − R2000G4) / R2000G4',
    compute: (c) => ({
      inputs: { R2000G3: line(c, 'R2000G3'), R2000G4: line(c, 'R2000G4') },
      num: line(c, 'R2000G3') === null || line(c, 'R2000G4') === null ? null : line(c, 'R2000G3')! - line(c, 'R2000G4')!,
      den: line(c, 'R2000G4'),
    }),
  },
];

/**
 * Every KPI of one statement: the value (ratios to 4 decimals, days to 1, kopiykas whole), its formula and
 * inputs, or null with the reason (a missing line, a zero or negative divisor).
 */
export function computeKpis(c: KpiContext): Kpi[] {
  return KPI_DEFINITIONS.map((d) => {
    const r = d.compute(c);
    const base = { key: d.key, name: d.name, unit: d.unit, formula: d.formula, inputs: r.inputs };
    const missing = Object.entries(r.inputs).filter(([k, v]) => v === null && (r.num === null || r.den === null) && !FULL_COSTS.slice(1).includes(k));
    if (r.num === null || r.den === null) {
      return { ...base, value: null, reason: `missing: ${missing.map(([k]) => k).join(', ') || 'inputs'}` };
    }
    if (r.den === 0) return { ...base, value: null, reason: 'the divisor is zero' };
    if (r.den < 0 && r.negativeDivisor) return { ...base, value: null, reason: r.negativeDivisor };
    const x = (r.num / r.den) * (d.scale ?? 1);
    const value = d.unit === 'kopiykas' ? Math.round(x) : round(x, d.unit === 'days' ? 1 : 4);
    return { ...base, value };
  });
}

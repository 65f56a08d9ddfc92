import type { AssessedKpi, AssessmentFlag, BuyerSummary, CompositeScore, FlagKey, Kpi, KpiKey, Recommendation, TextLang } from '@vidnova/contracts';
import { money, num, percent } from '@vidnova/contracts';
import type { Lines } from '../statements/lines';
import { percentileRank, round } from './stats';

/** Fewest enterprises behind a benchmark figure or a percentile. */
export const MIN_PEERS = 5;

/** The composite score's components: weight (of 100) and the better direction. docs/enterprise-methodology.md. */
export const SCORE_WEIGHTS: { key: KpiKey; weight: number; better: 'higher' | 'lower' }[] = [
  { key: 'netMargin', weight: 15, better: 'higher' },
  { key: 'returnOnAssets', weight: 10, better: 'higher' },
  { key: 'currentRatio', weight: 15, better: 'higher' },
  { key: 'autonomy', weight: 15, better: 'higher' },
  { key: 'costRecovery', weight: 15, better: 'higher' },
  { key: 'subsidyDependence', weight: 15, better: 'lower' },
  { key: 'payablesDays', weight: 10, better: 'lower' },
  { key: 'assetWear', weight: 5, better: 'lower' },
];

/** Each KPI with its percentile among the sector's values (null under MIN_PEERS). */
export function assessKpis(kpis: Kpi[], peers: Map<KpiKey, number[]>): AssessedKpi[] {
  return kpis.map((k) => {
    const values = peers.get(k.key) ?? [];
    const percentile = k.value !== null && values.length >= MIN_PEERS ? round(percentileRank(values, k.value), 1) : null;
    return { ...k, percentile, peers: values.length };
  });
}

/**
 * Composite score 0–100: Σ weight × goodness / 100 over the components with a percentile, where goodness is the
 * percentile (or 100 − percentile when lower is better); the weights of missing components are shared out
 * proportionally among the present ones. Null when fewer than half the weight is present.
 */
export function compositeScore(kpis: AssessedKpi[]): CompositeScore {
  const byKey = new Map(kpis.map((k) => [k.key, k]));
  const present = SCORE_WEIGHTS.filter((w) => byKey.get(w.key)?.percentile != null);
  const presentWeight = present.reduce((a, w) => a + w.weight, 0);
  const components = SCORE_WEIGHTS.map((w) => {
    const p = byKey.get(w.key)?.percentile ?? null;
    const goodness = p === null ? null : w.better === 'higher' ? p : round(100 - p, 1);
    const contribution = goodness === null || presentWeight === 0 ? null : round((w.weight * 100) / presentWeight * (goodness / 100), 2);
    return { key: w.key, weight: w.weight, better: w.better, goodness, contribution };
  });
  if (presentWeight < 50) {
    return { value: null, reason: `only ${presentWeight} of 100 weight points have a percentile (at least 50 needed; a percentile needs ${MIN_PEERS} enterprises of the sector)`, components };
  }
  return { value: round(components.reduce((a, c) => a + (c.contribution ?? 0), 0), 1), components };
}

export interface FlagInputs {
  lines: Lines;
  kpis: Kpi[];
  /** Net result (profit − loss) by year, kopiykas, from this and earlier statements. */
  netResults: Map<number, number>;
  year: number;
  procurement: BuyerSummary | null;
}

/** The same sentence in Ukrainian and English, each with its own number formats (uk-UA: 0,5453; 33,3 %; 1 234,56 грн). */
const both = (text: (lang: TextLang) => string): { uk: string; en: string } => ({ uk: text('uk'), en: text('en') });
/** A KPI's value as people read it: ratios with 4 decimals, days with 1, money in hryvnias. */
const kpiValue = (value: number, unit: Kpi['unit'], lang: TextLang): string =>
  unit === 'kopiykas' ? money(Math.round(value), lang) : num(value, lang, unit === 'days' ? 1 : 4);
/** Net results by year ("2022: −1 234,56 грн; 2023: …"). */
const results = (byYear: Record<string, number>, lang: TextLang): string =>
  Object.entries(byYear)
    .map(([year, kop]) => `${year}: ${money(kop, lang)}`)
    .join('; ');

/** The flags of docs/enterprise-methodology.md, each with the figures that raised it. */
export function flagsOf(f: FlagInputs): AssessmentFlag[] {
  const out: AssessmentFlag[] = [];
  const kpi = (k: KpiKey) => f.kpis.find((x) => x.key === k)?.value ?? null;
  const add = (key: FlagKey, text: { uk: string; en: string }, figures: Record<string, unknown>) => out.push({ key, text, figures });
  const equity = f.lines.R1495G4;
  if (equity !== undefined && equity < 0) add('negative_equity', both((l) => (l === 'uk' ? `Власний капітал від'ємний: ${money(equity, l)}` : `Equity is negative: ${money(equity, l)}`)), { R1495G4: equity });
  const three = [f.year - 2, f.year - 1, f.year].map((y) => f.netResults.get(y));
  if (three.every((r) => r !== undefined && r < 0)) {
    add('losses_three_years', { uk: `Збитки три роки поспіль (${f.year - 2}–${f.year})`, en: `Losses three years running (${f.year - 2}–${f.year})` }, {
      netResults: Object.fromEntries([f.year - 2, f.year - 1, f.year].map((y, i) => [y, three[i]])),
    });
  }
  const cr = kpi('currentRatio');
  if (cr !== null && cr < 1) add('current_ratio_below_1', both((l) => (l === 'uk' ? `Коефіцієнт поточної ліквідності ${num(cr, l, 4)} < 1` : `Current ratio ${num(cr, l, 4)} is below 1`)), { currentRatio: cr });
  const sd = kpi('subsidyDependence');
  if (sd !== null && sd > 0.5) add('subsidy_dependence_over_50', both((l) => (l === 'uk' ? `Бюджетна підтримка становить ${percent(sd, l)} виручки` : `Budget support equals ${percent(sd, l)} of revenue`)), { subsidyDependence: sd });
  const nc = f.procurement?.nonCompetitiveShare ?? null;
  if (nc !== null && nc > 0.5) {
    add('non_competitive_procurement_over_50', both((l) => (l === 'uk' ? `Неконкурентні закупівлі: ${percent(nc, l)} процедур` : `Non-competitive procurement: ${percent(nc, l)} of procedures`)), {
      nonCompetitiveShare: nc,
      nonCompetitive: f.procurement!.nonCompetitive,
      procedures: f.procurement!.procedures,
    });
  }
  const p0 = f.lines.R1615G3;
  const p1 = f.lines.R1615G4;
  const r0 = f.lines.R2000G4;
  const r1 = f.lines.R2000G3;
  if (p0 && p1 !== undefined && r0 && r1 !== undefined) {
    const payablesGrowth = (p1 - p0) / p0;
    const revenueGrowth = (r1 - r0) / r0;
    if (payablesGrowth > revenueGrowth) {
      const grew = both((l) => (l === 'uk' ? `Кредиторська заборгованість зросла на ${percent(payablesGrowth, l)}, виручка — на ${percent(revenueGrowth, l)}` : `Trade payables grew ${percent(payablesGrowth, l)}, revenue ${percent(revenueGrowth, l)}`));
      add('payables_outgrow_revenue', grew, {
        payablesGrowth: round(payablesGrowth, 4),
        revenueGrowth: round(revenueGrowth, 4),
        R1615G3: p0,
        R1615G4: p1,
        R2000G4: r0,
        R2000G3: r1,
      });
    }
  }
  return out;
}

/** Ukrainian names of the KPIs, for the Ukrainian recommendation texts. */
const KPI_NAMES_UK: Record<KpiKey, string> = {
  netMargin: 'Чиста рентабельність продажів',
  returnOnAssets: 'Рентабельність активів',
  returnOnEquity: 'Рентабельність власного капіталу',
  currentRatio: 'Коефіцієнт поточної ліквідності',
  quickRatio: 'Коефіцієнт швидкої ліквідності',
  autonomy: 'Коефіцієнт автономії',
  debtToEquity: 'Співвідношення позикового і власного капіталу',
  receivablesDays: 'Оборотність дебіторської заборгованості, днів',
  payablesDays: 'Оборотність кредиторської заборгованості, днів',
  assetWear: 'Знос основних засобів',
  subsidyDependence: 'Залежність від бюджетної підтримки',
  costRecovery: 'Покриття витрат доходами',
  revenuePerEmployee: 'Виручка на працівника',
  revenueGrowth: 'Зростання виручки',
};

/** Recommendations in Ukrainian and English for each flag and each scored KPI in the sector's bottom quartile. */
export function recommendationsOf(flags: AssessmentFlag[], kpis: AssessedKpi[]): Recommendation[] {
  const out: Recommendation[] = [];
  const TEXT: Record<FlagKey, (fig: Record<string, unknown>) => { uk: string; en: string }> = {
    negative_equity: (x) => ({
      uk: `Власний капітал від'ємний (${money(x.R1495G4 as number, 'uk')}): раді слід вирішити — санація з планом відновлення капіталу, зміна тарифу чи реорганізація.`,
      en: `Equity is negative (${money(x.R1495G4 as number, 'en')}): the council should decide on recapitalisation with a recovery plan, a tariff review or reorganisation.`,
    }),
    losses_three_years: (x) => ({
      uk: `Збитки три роки поспіль (${results(x.netResults as Record<string, number>, 'uk')}): вимагати від керівництва план беззбитковості з квартальним звітуванням.`,
      en: `Losses three years running (${results(x.netResults as Record<string, number>, 'en')}): require a break-even plan from management with quarterly reporting.`,
    }),
    current_ratio_below_1: (x) => ({
      uk: `Поточна ліквідність ${num(x.currentRatio as number, 'uk', 4)} < 1: поточні зобов'язання перевищують оборотні активи; провести інвентаризацію дебіторської заборгованості та графік погашення кредиторської.`,
      en: `Current ratio ${num(x.currentRatio as number, 'en', 4)} < 1: current liabilities exceed current assets; review receivables and agree a schedule to pay down payables.`,
    }),
    subsidy_dependence_over_50: (x) => ({
      uk: `Бюджетна підтримка — ${percent(x.subsidyDependence as number, 'uk')} виручки: переглянути тариф до економічно обґрунтованого рівня або оформити компенсацію як публічну послугу з показниками результату.`,
      en: `Budget support is ${percent(x.subsidyDependence as number, 'en')} of revenue: move the tariff towards cost recovery or contract the compensation as a public service with outcome indicators.`,
    }),
    non_competitive_procurement_over_50: (x) => ({
      uk: `${num(x.nonCompetitive as number, 'uk')} з ${num(x.procedures as number, 'uk')} закупівель неконкурентні (${percent(x.nonCompetitiveShare as number, 'uk')}): планувати закупівлі заздалегідь і проводити відкриті торги.`,
      en: `${num(x.nonCompetitive as number, 'en')} of ${num(x.procedures as number, 'en')} procedures are non-competitive (${percent(x.nonCompetitiveShare as number, 'en')}): plan purchases ahead and use open tenders.`,
    }),
    payables_outgrow_revenue: (x) => ({
      uk: `Кредиторська заборгованість зростає швидше за виручку (${percent(x.payablesGrowth as number, 'uk')} проти ${percent(x.revenueGrowth as number, 'uk')}): перевірити платіжну дисципліну та прострочені зобов'язання.`,
      en: `Payables grow faster than revenue (${percent(x.payablesGrowth as number, 'en')} vs ${percent(x.revenueGrowth as number, 'en')}): check payment discipline and overdue liabilities.`,
    }),
  };
  for (const f of flags) out.push({ trigger: f.key, text: TEXT[f.key](f.figures), figures: f.figures });
  for (const w of SCORE_WEIGHTS) {
    const k = kpis.find((x) => x.key === w.key);
    if (!k || k.percentile === null || k.value === null) continue;
    const goodness = w.better === 'higher' ? k.percentile : 100 - k.percentile;
    if (goodness >= 25) continue;
    out.push({
      trigger: `low_${w.key}`,
      text: {
        uk: `«${KPI_NAMES_UK[w.key]}» = ${kpiValue(k.value, k.unit, 'uk')} — серед найгірших 25 % підприємств галузі (процентиль ${num(k.percentile, 'uk', 1)}, ${num(k.peers, 'uk')} підприємств): розглянути причини на засіданні профільної комісії ради.`,
        en: `${k.name} = ${kpiValue(k.value, k.unit, 'en')} is in the worst quarter of the sector (percentile ${num(k.percentile, 'en', 1)} of ${num(k.peers, 'en')} enterprises): have the council's committee review the causes.`,
      },
      figures: { [w.key]: k.value, percentile: k.percentile, peers: k.peers },
    });
  }
  return out;
}

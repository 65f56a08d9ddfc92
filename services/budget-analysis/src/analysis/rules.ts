import type { BudgetAmounts, BudgetText } from '@vidnova/contracts';
import { money, num, percent } from '@vidnova/contracts';
import { ratio } from './figures';

/** Version of the anomaly and guideline rules (docs/budget-methodology.md). */
export const RULES_VERSION = 'budget-rules-2025.1';

export type Severity = 'high' | 'medium' | 'low';

/** What the rules look at for one budget and year (amounts in kopiykas, total fund). */
export interface YearFacts {
  budgetCode: string;
  year: number;
  /** Latest period available (`YYYY-MM`). */
  period: string;
  totals: BudgetAmounts;
  general: BudgetAmounts;
  special: BudgetAmounts;
  capital: BudgetAmounts;
  /** KEKV 2610 + 3210. */
  enterpriseTransfers: BudgetAmounts;
  /** Cumulative executed total at each available period of the year, ascending. */
  cumulativeExecuted: Array<{ period: string; executed: number }>;
  /** Codes executed above their annual schedule (ZAT). */
  aboveSchedule: Array<{ code: string; name: string | null; plan: number; executed: number }>;
  /** Economic-basis recovery spending (taxonomy). */
  recoveryExecuted: number;
  /** Official transfers / total income, when incomes were imported. */
  transferDependence: number | null;
}

export interface Finding {
  id: string;
  severity: Severity;
  rule: { id: string; version: string; description: BudgetText };
  evidence: Record<string, number | string | null | Array<Record<string, unknown>>>;
  text: BudgetText;
}


export const THRESHOLDS = {
  capitalExecutionMin: 0.5,
  lastMonthSurgeFactor: 2,
  enterpriseTransferShareMax: 0.15,
  specialFundExecutionMin: 0.6,
  specialFundExecutionMax: 1.1,
  recoveryShareMin: 0.05,
  transferDependenceMax: 0.5,
} as const;

export function detectAnomalies(f: YearFacts): Finding[] {
  const out: Finding[] = [];
  const month = Number(f.period.slice(5, 7));
  const yearEnd = month === 12;

  const capRate = ratio(f.capital.executed, f.capital.plan);
  if (capRate !== null && capRate < THRESHOLDS.capitalExecutionMin) {
    out.push({
      id: 'capital_under_executed',
      severity: yearEnd ? 'high' : 'medium',
      rule: {
        id: 'A1',
        version: RULES_VERSION,
        description: {
          uk: 'Капітальні видатки (КЕКВ 3xxx) виконані менш ніж на 50% річного розпису',
          en: 'Capital expenditure (KEKV 3xxx) executed below 50% of the annual schedule',
        },
      },
      evidence: { period: f.period, capitalPlan: f.capital.plan, capitalExecuted: f.capital.executed, executionRate: capRate },
      text: {
        uk: `Станом на ${f.period} капітальні видатки виконано на ${percent(capRate, 'uk')} (${money(f.capital.executed, 'uk')} з ${money(f.capital.plan, 'uk')}).`,
        en: `As of ${f.period} capital expenditure is ${percent(capRate, 'en')} executed (${money(f.capital.executed, 'en')} of ${money(f.capital.plan, 'en')}).`,
      },
    });
  }

  const last = f.cumulativeExecuted.at(-1);
  const prev = f.cumulativeExecuted.at(-2);
  if (yearEnd && last && prev && Number(prev.period.slice(5, 7)) === 11) {
    const december = last.executed - prev.executed;
    const monthlyAverage = Math.round(prev.executed / 11);
    if (monthlyAverage > 0 && december > THRESHOLDS.lastMonthSurgeFactor * monthlyAverage) {
      out.push({
        id: 'last_month_surge',
        severity: december > 3 * monthlyAverage ? 'high' : 'medium',
        rule: {
          id: 'A2',
          version: RULES_VERSION,
          description: {
            uk: 'Видатки грудня перевищують подвоєне середньомісячне виконання січня–листопада',
            en: "December's spending exceeds twice the January–November monthly average",
          },
        },
        evidence: { decemberExecuted: december, januaryNovemberMonthlyAverage: monthlyAverage, factor: ratio(december, monthlyAverage) },
        text: {
          uk: `У грудні витрачено ${money(december, 'uk')} — у ${num(december / monthlyAverage, 'uk', 1)} раза більше за середній місяць.`,
          en: `December spending was ${money(december, 'en')}, ${num(december / monthlyAverage, 'en', 1)} times an average month.`,
        },
      });
    }
  }

  if (f.aboveSchedule.length) {
    const excess = f.aboveSchedule.reduce((s, c) => s + (c.executed - c.plan), 0);
    out.push({
      id: 'executed_above_plan',
      severity: 'medium',
      rule: {
        id: 'A3',
        version: RULES_VERSION,
        description: { uk: 'Виконання за кодом перевищує річний розпис', en: 'A code is executed above its annual schedule' },
      },
      evidence: { period: f.period, codes: f.aboveSchedule.map((c) => ({ ...c })), totalExcess: excess },
      text: {
        uk: `${f.aboveSchedule.length} код(и) виконано понад розпис, разом на ${money(excess, 'uk')}.`,
        en: `${f.aboveSchedule.length} code(s) executed above the schedule, ${money(excess, 'en')} in all.`,
      },
    });
  }

  const share = ratio(f.enterpriseTransfers.executed, f.totals.executed);
  if (share !== null && share > THRESHOLDS.enterpriseTransferShareMax) {
    out.push({
      id: 'large_enterprise_transfers',
      severity: share > 0.25 ? 'high' : 'medium',
      rule: {
        id: 'A4',
        version: RULES_VERSION,
        description: {
          uk: 'Трансферти підприємствам (КЕКВ 2610 + 3210) перевищують 15% видатків',
          en: 'Transfers to enterprises (KEKV 2610 + 3210) exceed 15% of expenditure',
        },
      },
      evidence: { enterpriseTransfers: f.enterpriseTransfers.executed, totalExecuted: f.totals.executed, share },
      text: {
        uk: `Трансферти підприємствам становлять ${percent(share, 'uk')} видатків (${money(f.enterpriseTransfers.executed, 'uk')}).`,
        en: `Transfers to enterprises are ${percent(share, 'en')} of expenditure (${money(f.enterpriseTransfers.executed, 'en')}).`,
      },
    });
  }

  const specialRate = ratio(f.special.executed, f.special.plan);
  if (yearEnd && specialRate !== null && (specialRate < THRESHOLDS.specialFundExecutionMin || specialRate > THRESHOLDS.specialFundExecutionMax)) {
    out.push({
      id: 'special_fund_gap',
      severity: specialRate < 0.4 ? 'high' : 'medium',
      rule: {
        id: 'A5',
        version: RULES_VERSION,
        description: {
          uk: 'Спеціальний фонд на кінець року виконано менш ніж на 60% або понад 110% розпису',
          en: 'Special fund executed below 60% or above 110% of its schedule at year end',
        },
      },
      evidence: { specialPlan: f.special.plan, specialExecuted: f.special.executed, executionRate: specialRate },
      text: {
        uk: `Спеціальний фонд виконано на ${percent(specialRate, 'uk')} розпису.`,
        en: `The special fund was executed at ${percent(specialRate, 'en')} of its schedule.`,
      },
    });
  }
  return out;
}

export interface Guideline extends Finding {
  basedOn: string[];
}

/** Recommendations for a recovery budget derived from the figures and the anomalies. */
export function deriveGuidelines(f: YearFacts, anomalies: Finding[]): Guideline[] {
  const out: Guideline[] = [];
  const has = (id: string) => anomalies.find((a) => a.id === id);
  const cap = has('capital_under_executed');
  if (cap) {
    out.push({
      ...cap,
      id: 'plan_capital_projects_realistically',
      rule: { ...cap.rule, id: 'G1' },
      basedOn: [cap.id],
      text: {
        uk: 'Плануйте капітальні проєкти відбудови з готовою проєктною документацією та графіком закупівель; невиконані кошти перерозподіляйте вчасно.',
        en: 'Plan recovery capital projects only with design documents and a procurement schedule ready; reallocate funds that will not be spent in time.',
      },
    });
  }
  const surge = has('last_month_surge');
  if (surge) {
    out.push({
      ...surge,
      id: 'spread_spending_over_the_year',
      rule: { ...surge.rule, id: 'G2' },
      basedOn: [surge.id],
      text: {
        uk: 'Розподіляйте закупівлі протягом року: грудневий сплеск знижує якість закупівель і контроль.',
        en: 'Spread procurement across the year: a December surge weakens procurement quality and oversight.',
      },
    });
  }
  const above = has('executed_above_plan');
  if (above) {
    out.push({
      ...above,
      id: 'amend_schedule_before_spending',
      rule: { ...above.rule, id: 'G3' },
      basedOn: [above.id],
      text: {
        uk: 'Вносьте зміни до розпису до здійснення видатків і публікуйте рішення про зміни.',
        en: 'Amend the schedule before spending and publish the amending decisions.',
      },
    });
  }
  const ent = has('large_enterprise_transfers');
  if (ent) {
    out.push({
      ...ent,
      id: 'tie_enterprise_support_to_results',
      rule: { ...ent.rule, id: 'G4' },
      basedOn: [ent.id],
      text: {
        uk: 'Пов’язуйте підтримку комунальних підприємств із показниками ефективності та публікуйте їхню фінансову звітність.',
        en: "Tie support for communal enterprises to performance indicators and publish their financial statements.",
      },
    });
  }
  const sf = has('special_fund_gap');
  if (sf) {
    out.push({
      ...sf,
      id: 'align_special_fund_plans',
      rule: { ...sf.rule, id: 'G5' },
      basedOn: [sf.id],
      text: {
        uk: 'Узгоджуйте плани спеціального фонду (бюджет розвитку, гранти) з реальними надходженнями та готовністю проєктів.',
        en: 'Align special-fund plans (development budget, grants) with actual receipts and project readiness.',
      },
    });
  }
  const recShare = ratio(f.recoveryExecuted, f.totals.executed);
  if (recShare !== null && recShare < THRESHOLDS.recoveryShareMin) {
    out.push({
      id: 'raise_recovery_share',
      severity: 'low',
      rule: {
        id: 'G6',
        version: RULES_VERSION,
        description: {
          uk: 'Видатки на відбудову (капремонт, реконструкція, капітальні трансферти) менше 5% видатків',
          en: 'Recovery spending (capital repair, reconstruction, capital transfers) below 5% of expenditure',
        },
      },
      evidence: { recoveryExecuted: f.recoveryExecuted, totalExecuted: f.totals.executed, share: recShare },
      basedOn: [],
      text: {
        uk: `Частка видатків на відбудову — ${percent(recShare, 'uk')}. Визначте пріоритетні об’єкти разом із громадою та закладіть їх у бюджет розвитку.`,
        en: `Recovery spending is ${percent(recShare, 'en')} of expenditure. Agree priority objects with residents and fund them in the development budget.`,
      },
    });
  }
  if (f.transferDependence !== null && f.transferDependence > THRESHOLDS.transferDependenceMax) {
    out.push({
      id: 'reduce_transfer_dependence',
      severity: 'medium',
      rule: {
        id: 'G7',
        version: RULES_VERSION,
        description: { uk: 'Офіційні трансферти (41xxxxxx) перевищують 50% доходів', en: 'Official transfers (41xxxxxx) exceed 50% of income' },
      },
      evidence: { transferDependence: f.transferDependence },
      basedOn: [],
      text: {
        uk: `Трансферти становлять ${percent(f.transferDependence, 'uk')} доходів. Розвивайте власну дохідну базу (ПДФО, місцеві податки) і плануйте відбудову з урахуванням ризику скорочення трансфертів.`,
        en: `Transfers are ${percent(f.transferDependence, 'en')} of income. Grow the own revenue base (PIT, local taxes) and plan recovery for the risk of smaller transfers.`,
      },
    });
  }
  return out;
}

import { Injectable } from '@nestjs/common';
import {
  BudgetAmounts,
  BudgetAnomalies,
  BudgetCompareRequest,
  BudgetComparison,
  BudgetDataset,
  BudgetExpenditures,
  BudgetExpendituresRequest,
  BudgetGuidelines,
  BudgetIncomes,
  BudgetRecovery,
  BudgetSource,
  BudgetSummary,
  BudgetTrends,
  BudgetTrendsRequest,
  BudgetYearRequest,
  ComparedBudget,
  DomainError,
  ExpenditureClassification,
  ExpenditureNode,
  RecoveryBasis,
  RecoveryBasisKind,
  TrendYear,
} from '@vidnova/contracts';
import { normalizeBudgetCode } from '../imports/values';
import { AnalysisRepository } from './analysis.repository';
import { CommunityInfo, communityByBudgetCode, communityByKatottg } from './community';
import { add, CAPITAL_PARTS, CodeLevels, ECONOMIC_GROUPS, FundSplit, groupBy, perCapita, ratio, splitFunds, zero } from './figures';
import { matchRecoveryCode, RECOVERY_TAXONOMY_VERSION, recoveryOfBasis } from './recovery';
import { deriveGuidelines, detectAnomalies, RULES_VERSION, YearFacts } from './rules';
import { buildTree } from './tree';

/** One dataset of one budget and year, at the latest period asked for. */
interface DatasetYear {
  source: BudgetSource;
  period: string | null;
  periodsAvailable: string[];
  split: FundSplit;
  /** Plans and funds exist only in the portal's monthly data. */
  hasPlans: boolean;
}

interface Resolved {
  budgetCode: string;
  community: CommunityInfo | null;
}

const DATASET_OF: Record<ExpenditureClassification, BudgetDataset> = {
  economic: 'expenses-economic',
  program: 'expenses-program',
  functional: 'expenses-functional',
};

/** Amounts as shown: plans are null where the source has none (annual KSE figures). */
const show = (a: BudgetAmounts, hasPlans: boolean) => ({
  plan: hasPlans ? a.plan : null,
  amendedPlan: hasPlans ? a.amendedPlan : null,
  executed: a.executed,
});

const rates = (a: BudgetAmounts, hasPlans: boolean) =>
  hasPlans ? { againstPlan: ratio(a.executed, a.plan), againstAmendedPlan: ratio(a.executed, a.amendedPlan) } : null;

const levelsOf = (c: ExpenditureClassification | 'incomes'): CodeLevels => (c === 'incomes' ? 'pair' : c === 'program' ? 'none' : 'digit');

@Injectable()
export class AnalysisService {
  constructor(private readonly repo: AnalysisRepository) {}

  resolve(budget: string): Resolved {
    if (budget.startsWith('UA')) {
      const community = communityByKatottg(budget);
      if (!community) throw DomainError.notFound('Community', budget);
      if (!community.budgetCode) throw new DomainError('not_found', `The budget code of community ${budget} is not known`, { katottg: budget });
      const code = normalizeBudgetCode(community.budgetCode);
      if (!code.ok) throw new DomainError('not_found', `The budget code of community ${budget} is not known`, { katottg: budget });
      return { budgetCode: code.value, community };
    }
    const code = normalizeBudgetCode(budget);
    if (!code.ok) throw new DomainError('validation_failed', code.reason, undefined, [{ field: 'budgetCode', message: code.reason }]);
    return { budgetCode: code.value, community: communityByBudgetCode(code.value) };
  }

  /** The latest period of the year up to `upTo`, from the portal's rows, else the annual KSE figures. */
  private async datasetYear(budgetCode: string, classification: ExpenditureClassification | 'incomes', year: number, upTo?: string): Promise<DatasetYear | null> {
    const dataset: BudgetDataset = classification === 'incomes' ? 'incomes' : DATASET_OF[classification];
    if (upTo && !upTo.startsWith(`${year}-`)) {
      throw new DomainError('validation_failed', `period ${upTo} is not in year ${year}`, undefined, [{ field: 'period', message: 'must be in the year asked for' }]);
    }
    const periods = await this.repo.periods(budgetCode, dataset, year, upTo);
    if (periods.length) {
      const period = periods.at(-1)!;
      return { source: 'open-budget', period, periodsAvailable: periods, split: splitFunds(await this.repo.figures(budgetCode, dataset, period), levelsOf(classification)), hasPlans: true };
    }
    if (classification === 'incomes') return null;
    const annual = await this.repo.annualExpenditures(budgetCode, year, classification);
    if (!annual.length) return null;
    const split = splitFunds(annual.map((a) => ({ code: a.code, fund: 'T' as const, plan: 0, amendedPlan: 0, executed: a.executed })), levelsOf(classification));
    return { source: 'kse-annual', period: null, periodsAvailable: [], split, hasPlans: false };
  }

  private async economicYear(r: Resolved, year: number, period?: string): Promise<DatasetYear> {
    const d = await this.datasetYear(r.budgetCode, 'economic', year, period);
    if (!d) throw new DomainError('not_found', `No expenditure data for budget ${r.budgetCode} in ${year}${period ? ` up to ${period}` : ''}`, { budgetCode: r.budgetCode, year });
    return d;
  }

  async summary(req: BudgetYearRequest): Promise<BudgetSummary> {
    const r = this.resolve(req.budget);
    const d = await this.economicYear(r, req.year, req.period);
    return this.summaryOf(r, req.year, d);
  }

  private summaryOf(r: Resolved, year: number, d: DatasetYear): BudgetSummary {
    const { split, hasPlans } = d;
    const totals = split.totals;
    const groups = groupBy(split.total, ECONOMIC_GROUPS);
    const capital = groups.find((g) => g.id === 'capital')!.amounts;
    const parts = groupBy(split.total, CAPITAL_PARTS, (c) => c.startsWith('3'));
    const population = r.community?.population ?? null;
    return {
      budgetCode: r.budgetCode,
      community: r.community ? { katottg: r.community.katottg, name: r.community.name } : null,
      year,
      period: d.period,
      periodsAvailable: d.periodsAvailable,
      source: d.source,
      basis: {
        uk: 'ZAT_AMT — розпис на рік зі змінами (plan), PLANS_AMT — кошторисні призначення зі змінами (amendedPlan), FAKT_AMT — виконано з початку року (executed); загальна сума за FUND_TYP T',
        en: 'ZAT_AMT annual schedule with amendments (plan), PLANS_AMT estimate allocations with amendments (amendedPlan), FAKT_AMT executed since January (executed); totals from FUND_TYP T',
      },
      totals: show(totals, hasPlans),
      executionRate: rates(totals, hasPlans),
      byFund: hasPlans
        ? {
            general: { ...show(split.general, true), executionRate: rates(split.general, true) },
            special: { ...show(split.special, true), executionRate: rates(split.special, true) },
          }
        : null,
      reconciliation: hasPlans
        ? { totalEqualsGeneralPlusSpecial: split.difference.plan === 0 && split.difference.amendedPlan === 0 && split.difference.executed === 0, difference: split.difference }
        : null,
      economicGroups: groups.map((g) => ({ id: g.id, name: g.name, rule: g.rule, codes: g.codes, ...show(g.amounts, hasPlans), shareOfExecuted: ratio(g.amounts.executed, totals.executed) })),
      capital: {
        ...show(capital, hasPlans),
        executionRate: rates(capital, hasPlans),
        shareOfExecuted: ratio(capital.executed, totals.executed),
        parts: parts.map((g) => ({ id: g.id, name: g.name, rule: g.rule, codes: g.codes, ...show(g.amounts, hasPlans), shareOfCapital: ratio(g.amounts.executed, capital.executed) })),
      },
      perCapita: population
        ? { population, populationYear: r.community?.populationYear ?? null, executed: perCapita(totals.executed, population), capital: perCapita(capital.executed, population) }
        : null,
    };
  }

  async expenditures(req: BudgetExpendituresRequest): Promise<BudgetExpenditures> {
    const r = this.resolve(req.budget);
    const d = await this.datasetYear(r.budgetCode, req.classification, req.year, req.period);
    if (!d) throw new DomainError('not_found', `No ${req.classification} expenditure data for budget ${r.budgetCode} in ${req.year}`, { budgetCode: r.budgetCode, year: req.year });
    const tree = buildTree(req.classification, d.split.total, (c) => d.split.names.get(c) ?? null);
    const strip = (n: (typeof tree)[number]): ExpenditureNode => ({ code: n.code, name: n.name, ...show(n.amounts, d.hasPlans), children: n.children.map(strip) });
    return {
      budgetCode: r.budgetCode,
      year: req.year,
      classification: req.classification,
      period: d.period,
      source: d.source,
      totals: show(d.split.totals, d.hasPlans),
      tree: tree.map(strip),
    };
  }

  async recovery(req: BudgetYearRequest): Promise<BudgetRecovery> {
    const r = this.resolve(req.budget);
    const bases: Array<[RecoveryBasisKind, DatasetYear | null]> = [
      ['economic', await this.economicYear(r, req.year, req.period)],
      ['program', await this.datasetYear(r.budgetCode, 'program', req.year, req.period)],
      ['functional', await this.datasetYear(r.budgetCode, 'functional', req.year, req.period)],
    ];
    const totals = new Map<RecoveryBasisKind, RecoveryBasis | null>();
    const categories = bases.flatMap(([basis, d]) => {
      const res = recoveryOfBasis(basis, d ? { total: d.split.total, totalExecuted: d.split.totals.executed, hasPlans: d.hasPlans } : null);
      totals.set(basis, d && res.total ? { source: d.source, period: d.period, ...res.total } : null);
      return res.lines;
    });
    return {
      budgetCode: r.budgetCode,
      year: req.year,
      taxonomyVersion: RECOVERY_TAXONOMY_VERSION,
      note: {
        uk: 'Економічна, програмна і функціональна основи показують ті самі видатки з різних боків і не додаються одна до одної. Категорії — ті самі, якими позначають варіанти консультацій.',
        en: 'The economic, programme and functional bases look at the same spending from different sides and are never added together. The categories are the ones consultation options are tagged with.',
      },
      economicBasis: totals.get('economic') ?? null,
      programBasis: totals.get('program') ?? null,
      functionalBasis: totals.get('functional') ?? null,
      categories,
    };
  }

  async incomes(req: BudgetYearRequest): Promise<BudgetIncomes> {
    const r = this.resolve(req.budget);
    const d = await this.datasetYear(r.budgetCode, 'incomes', req.year, req.period);
    if (d) {
      const sumWhere = (pred: (c: string) => boolean) => {
        let a = zero();
        for (const [c, v] of d.split.total) if (pred(c)) a = add(a, v);
        return a;
      };
      const total = d.split.totals;
      const officialTransfers = sumWhere((c) => c.startsWith('41'));
      const foreignGrants = sumWhere((c) => c.startsWith('42'));
      const institutionDonations = sumWhere((c) => c.startsWith('2502'));
      const allTransfers = sumWhere((c) => c.startsWith('4'));
      const own = { plan: total.plan - allTransfers.plan, amendedPlan: total.amendedPlan - allTransfers.amendedPlan, executed: total.executed - allTransfers.executed };
      const pit = sumWhere((c) => c.startsWith('1101'));
      return {
        budgetCode: r.budgetCode,
        year: req.year,
        period: d.period,
        source: d.source,
        totals: show(total, true),
        byFund: { general: show(d.split.general, true), special: show(d.split.special, true) },
        own: { ...show(own, true), rule: 'all income codes except class 4 (4xxxxxxx, transfers)' },
        officialTransfers: { ...show(officialTransfers, true), rule: 'income codes 41xxxxxx' },
        personalIncomeTax: { ...show(pit, true), rule: 'income codes 1101xxxx' },
        grantsAndDonations: {
          executed: foreignGrants.executed + institutionDonations.executed,
          foreignGrants: show(foreignGrants, true),
          institutionGrantsAndDonations: show(institutionDonations, true),
          rule: 'income codes 42xxxxxx (foreign governments and international organisations) + 2502xxxx (grants, gifts and donations to budget institutions)',
        },
        ratios: {
          transferDependence: ratio(officialTransfers.executed, total.executed),
          ownShare: ratio(own.executed, total.executed),
          pitShareOfTotal: ratio(pit.executed, total.executed),
          pitShareOfOwn: ratio(pit.executed, own.executed),
        },
        perCapita: r.community?.population ? { population: r.community.population, own: perCapita(own.executed, r.community.population), total: perCapita(total.executed, r.community.population) } : null,
      };
    }
    const a = await this.repo.annualIncome(r.budgetCode, req.year);
    if (!a) throw new DomainError('not_found', `No income data for budget ${r.budgetCode} in ${req.year}`, { budgetCode: r.budgetCode, year: req.year });
    return {
      budgetCode: r.budgetCode,
      year: req.year,
      period: null,
      source: 'kse-annual' as const,
      totals: { plan: null, amendedPlan: null, executed: a.total },
      byFund: null,
      own: { plan: null, amendedPlan: null, executed: a.own, rule: 'KSE income_own' },
      officialTransfers: { plan: null, amendedPlan: null, executed: a.transfers, rule: 'KSE income_transfert' },
      personalIncomeTax: { plan: null, amendedPlan: null, executed: a.personalIncomeTax, rule: 'KSE income_pdfo' },
      grantsAndDonations: null,
      ratios: {
        transferDependence: ratio(a.transfers, a.total),
        ownShare: ratio(a.own, a.total),
        pitShareOfTotal: ratio(a.personalIncomeTax, a.total),
        pitShareOfOwn: ratio(a.personalIncomeTax, a.own),
      },
      perCapita: r.community?.population ? { population: r.community.population, own: perCapita(a.own, r.community.population), total: perCapita(a.total, r.community.population) } : null,
    };
  }

  async trends(req: BudgetTrendsRequest): Promise<BudgetTrends> {
    if (req.to < req.from || req.to - req.from > 20) throw new DomainError('validation_failed', '`to` must be from `from` to 20 years later', undefined, [{ field: 'to', message: 'invalid range' }]);
    const r = this.resolve(req.budget);
    const years: TrendYear[] = [];
    let prev: { executed: number; capital: number } | null = null;
    for (let y = req.from; y <= req.to; y++) {
      const d = await this.datasetYear(r.budgetCode, 'economic', y);
      if (!d) {
        years.push({ year: y, available: false });
        prev = null;
        continue;
      }
      const s = this.summaryOf(r, y, d);
      const inc = await this.incomes({ budget: r.budgetCode, year: y }).catch(() => null);
      const cur = { executed: s.totals.executed, capital: s.capital.executed };
      years.push({
        year: y,
        available: true,
        source: d.source,
        period: d.period,
        executed: cur.executed,
        plan: s.totals.plan,
        capital: cur.capital,
        capitalShare: s.capital.shareOfExecuted,
        income: inc ? { total: inc.totals.executed, own: inc.own.executed, officialTransfers: inc.officialTransfers.executed, transferDependence: inc.ratios.transferDependence } : null,
        change: prev ? { executed: ratio(cur.executed - prev.executed, prev.executed), capital: ratio(cur.capital - prev.capital, prev.capital) } : null,
      });
      prev = cur;
    }
    return {
      budgetCode: r.budgetCode,
      from: req.from,
      to: req.to,
      note: {
        uk: 'Неповний рік показано станом на останній доступний період; зміни рік до року порівнюють такі показники як є.',
        en: 'An incomplete year is shown as of its latest period; year-over-year changes compare the figures as they are.',
      },
      years,
    };
  }

  async compare(req: BudgetCompareRequest): Promise<BudgetComparison> {
    const budgets: ComparedBudget[] = [];
    for (const b of req.budgets) {
      const r = this.resolve(b);
      const d = await this.datasetYear(r.budgetCode, 'economic', req.year);
      if (!d) {
        budgets.push({ budgetCode: r.budgetCode, available: false });
        continue;
      }
      const s = this.summaryOf(r, req.year, d);
      const inc = await this.incomes({ budget: r.budgetCode, year: req.year }).catch(() => null);
      const groupShare = (id: string) => s.economicGroups.find((g) => g.id === id)?.shareOfExecuted ?? null;
      budgets.push({
        budgetCode: r.budgetCode,
        available: true,
        community: s.community,
        source: d.source,
        period: d.period,
        totals: s.totals,
        executionRate: s.executionRate?.againstPlan ?? null,
        capitalShare: s.capital.shareOfExecuted,
        wagesShare: groupShare('wages'),
        utilitiesShare: groupShare('utilities'),
        transferDependence: inc?.ratios.transferDependence ?? null,
        perCapita: s.perCapita,
      });
    }
    return { year: req.year, budgets };
  }

  private async facts(r: Resolved, year: number, period?: string): Promise<{ facts: YearFacts; d: DatasetYear }> {
    const d = await this.economicYear(r, year, period);
    const s = d.split;
    const groups = groupBy(s.total, ECONOMIC_GROUPS);
    const capital = groups.find((g) => g.id === 'capital')!.amounts;
    let enterpriseTransfers = zero();
    for (const [c, a] of s.total) if (c.startsWith('261') || c.startsWith('321')) enterpriseTransfers = add(enterpriseTransfers, a);
    const cumulativeExecuted: YearFacts['cumulativeExecuted'] = [];
    if (d.source === 'open-budget') {
      const earlier = await this.repo.figuresOfPeriods(r.budgetCode, 'expenses-economic', d.periodsAvailable.filter((p) => p !== d.period));
      for (const p of d.periodsAvailable) {
        const figs = p === d.period ? s : splitFunds(earlier.get(p) ?? []);
        cumulativeExecuted.push({ period: p, executed: figs.totals.executed });
      }
    }
    const aboveSchedule = d.hasPlans
      ? [...s.total]
          .filter(([, a]) => a.executed > a.plan)
          .map(([code, a]) => ({ code, name: s.names.get(code) ?? null, plan: a.plan, executed: a.executed }))
          .sort((x, y) => x.code.localeCompare(y.code))
      : [];
    let recoveryExecuted = 0;
    for (const [c, a] of s.total) if (matchRecoveryCode('economic', c).counted) recoveryExecuted += a.executed;
    const inc = await this.incomes({ budget: r.budgetCode, year, period: d.period ?? undefined }).catch(() => null);
    return {
      d,
      facts: {
        budgetCode: r.budgetCode,
        year,
        period: d.period ?? `${year}-12`,
        totals: s.totals,
        general: d.hasPlans ? s.general : zero(),
        special: d.hasPlans ? s.special : zero(),
        capital: d.hasPlans ? capital : { ...capital, plan: 0, amendedPlan: 0 },
        enterpriseTransfers,
        cumulativeExecuted,
        aboveSchedule,
        recoveryExecuted,
        transferDependence: inc?.ratios.transferDependence ?? null,
      },
    };
  }

  async anomalies(req: BudgetYearRequest): Promise<BudgetAnomalies> {
    const r = this.resolve(req.budget);
    const { facts, d } = await this.facts(r, req.year, req.period);
    return { budgetCode: r.budgetCode, year: req.year, period: d.period, source: d.source, rulesVersion: RULES_VERSION, anomalies: detectAnomalies(facts) };
  }

  async guidelines(req: BudgetYearRequest): Promise<BudgetGuidelines> {
    const r = this.resolve(req.budget);
    const { facts, d } = await this.facts(r, req.year, req.period);
    const anomalies = detectAnomalies(facts);
    return { budgetCode: r.budgetCode, year: req.year, period: d.period, source: d.source, rulesVersion: RULES_VERSION, guidelines: deriveGuidelines(facts, anomalies) };
  }
}


import { Injectable } from '@nestjs/common';
import { findByIds } from '@vidnova/mongo';
import { InjectModel } from '@nestjs/mongoose';
import type { BudgetDataset, ExpenditureClassification } from '@vidnova/contracts';
import { Model, Types } from 'mongoose';
import { ANNUAL_EXPENDITURE_MODEL, ANNUAL_INCOME_MODEL, AnnualExpenditureDoc, AnnualIncomeDoc } from '../annual/annual.schema';
import { BUDGET_PERIOD_MODEL, BudgetPeriodDoc, budgetPeriodId } from '../imports/budget-period.schema';
import { BUDGET_ROW_MODEL, BudgetRowDoc } from '../imports/budget-row.schema';
import type { CodeFigure } from './figures';

/** Read side of the budget data: portal rows and annual figures. */
@Injectable()
export class AnalysisRepository {
  constructor(
    @InjectModel(BUDGET_ROW_MODEL) private readonly rows: Model<BudgetRowDoc>,
    @InjectModel(BUDGET_PERIOD_MODEL) private readonly livePeriods: Model<BudgetPeriodDoc>,
    @InjectModel(ANNUAL_EXPENDITURE_MODEL) private readonly annualExp: Model<AnnualExpenditureDoc>,
    @InjectModel(ANNUAL_INCOME_MODEL) private readonly annualInc: Model<AnnualIncomeDoc>,
  ) {}

  /** Periods of the year with live figures for a dataset, ascending, up to `upTo` (inclusive). */
  async periods(budgetCode: string, dataset: BudgetDataset, year: number, upTo?: string): Promise<string[]> {
    const max = upTo ?? `${year}-12`;
    const docs = (await this.livePeriods.find({ budgetCode, dataset, year }, { period: 1 }).lean().exec()) as BudgetPeriodDoc[];
    return docs
      .map((d) => d.period)
      .filter((p) => p <= max)
      .sort();
  }

  /**
   * The live figures of one budget period: rows of the import that holds the period (an import still
   * running, failed or superseded is not read), one per fund and key.
   */
  async figures(budgetCode: string, dataset: BudgetDataset, period: string): Promise<CodeFigure[]> {
    return (await this.figuresOfPeriods(budgetCode, dataset, [period])).get(period) ?? [];
  }

  /**
   * The live figures of several periods of one budget and dataset, read in one query (FerretDB scans
   * per query, so one query for the year instead of one per month).
   */
  async figuresOfPeriods(budgetCode: string, dataset: BudgetDataset, periods: string[]): Promise<Map<string, CodeFigure[]>> {
    const out = new Map<string, CodeFigure[]>();
    if (!periods.length) return out;
    const live = (await findByIds(
      this.livePeriods.collection,
      periods.map((p) => budgetPeriodId(budgetCode, dataset, p)),
    )) as unknown as BudgetPeriodDoc[];
    if (!live.length) return out;
    const liveImport = new Map(live.map((l) => [l.period, l.importId.toHexString()]));
    const docs = (await this.rows
      .find(
        { budgetCode, dataset, period: { $in: [...liveImport.keys()] }, importId: { $in: live.map((l) => l.importId) } },
        { _id: 0, period: 1, importId: 1, code: 1, key: 1, fund: 1, name: 1, plan: 1, amendedPlan: 1, executed: 1 },
      )
      .lean()
      .exec()) as unknown as Array<CodeFigure & { key: string; period: string; importId: Types.ObjectId }>;
    const byPeriod = new Map<string, Map<string, CodeFigure>>();
    for (const d of docs) {
      if (liveImport.get(d.period) !== d.importId.toHexString()) continue;
      let byKey = byPeriod.get(d.period);
      if (!byKey) byPeriod.set(d.period, (byKey = new Map()));
      byKey.set(`${d.fund}/${d.key}`, { code: d.code, fund: d.fund, name: d.name, plan: d.plan, amendedPlan: d.amendedPlan, executed: d.executed });
    }
    for (const [period, byKey] of byPeriod) out.set(period, [...byKey.values()]);
    return out;
  }

  async annualExpenditures(budgetCode: string, year: number, classification: ExpenditureClassification): Promise<AnnualExpenditureDoc[]> {
    return (await this.annualExp.find({ budgetCode, year, classification }).lean().exec()) as AnnualExpenditureDoc[];
  }

  async annualIncome(budgetCode: string, year: number): Promise<AnnualIncomeDoc | null> {
    return (await this.annualInc.findOne({ budgetCode, year }).lean().exec()) as AnnualIncomeDoc | null;
  }
}

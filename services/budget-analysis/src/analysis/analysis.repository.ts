import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { BudgetDataset, ExpenditureClassification } from '@vidnova/contracts';
import { Model, Types } from 'mongoose';
import { ANNUAL_EXPENDITURE_MODEL, ANNUAL_INCOME_MODEL, AnnualExpenditureDoc, AnnualIncomeDoc } from '../annual/annual.schema';
import { BUDGET_IMPORT_MODEL, BudgetImportDoc } from '../imports/budget-import.schema';
import { BUDGET_ROW_MODEL, BudgetRowDoc } from '../imports/budget-row.schema';
import type { CodeFigure } from './figures';

/** Read side of the budget data: portal rows and annual figures. */
@Injectable()
export class AnalysisRepository {
  constructor(
    @InjectModel(BUDGET_ROW_MODEL) private readonly rows: Model<BudgetRowDoc>,
    @InjectModel(BUDGET_IMPORT_MODEL) private readonly imports: Model<BudgetImportDoc>,
    @InjectModel(ANNUAL_EXPENDITURE_MODEL) private readonly annualExp: Model<AnnualExpenditureDoc>,
    @InjectModel(ANNUAL_INCOME_MODEL) private readonly annualInc: Model<AnnualIncomeDoc>,
  ) {}

  /** Periods of the year available for a dataset, ascending, up to `upTo` (inclusive). */
  async periods(budgetCode: string, dataset: BudgetDataset, year: number, upTo?: string): Promise<string[]> {
    const max = upTo ?? `${year}-12`;
    // distinct() then filter in TypeScript: simple and supported by FerretDB v1 and MongoDB alike.
    const all = (await this.rows.distinct('period', { budgetCode, dataset, year }).exec()) as string[];
    return all.filter((p) => p <= max).sort();
  }

  /**
   * The live figures of one budget period: rows of the newest import that went live for it (an
   * import still running or one that failed is ignored), one per fund and key.
   */
  async figures(budgetCode: string, dataset: BudgetDataset, period: string): Promise<CodeFigure[]> {
    const docs = (await this.rows
      .find({ budgetCode, dataset, period }, { _id: 0, code: 1, key: 1, fund: 1, name: 1, plan: 1, amendedPlan: 1, executed: 1, importId: 1 })
      .lean()
      .exec()) as unknown as Array<CodeFigure & { key: string; importId: Types.ObjectId }>;
    const ids = [...new Set(docs.map((d) => d.importId.toHexString()))];
    if (!ids.length) return [];
    const imports = (await this.imports.find({ _id: { $in: ids }, liveAt: { $exists: true } }, { liveAt: 1 }).lean().exec()) as BudgetImportDoc[];
    if (!imports.length) return [];
    const live = imports.reduce((a, b) => (a.liveAt! >= b.liveAt! ? a : b))._id.toHexString();
    const byKey = new Map<string, CodeFigure>();
    for (const d of docs) {
      if (d.importId.toHexString() !== live) continue;
      byKey.set(`${d.fund}/${d.key}`, { code: d.code, fund: d.fund, name: d.name, plan: d.plan, amendedPlan: d.amendedPlan, executed: d.executed });
    }
    return [...byKey.values()];
  }

  async annualExpenditures(budgetCode: string, year: number, classification: ExpenditureClassification): Promise<AnnualExpenditureDoc[]> {
    return (await this.annualExp.find({ budgetCode, year, classification }).lean().exec()) as AnnualExpenditureDoc[];
  }

  async annualIncome(budgetCode: string, year: number): Promise<AnnualIncomeDoc | null> {
    return (await this.annualInc.findOne({ budgetCode, year }).lean().exec()) as AnnualIncomeDoc | null;
  }

  async replaceAnnual(
    key: { budgetCode: string; year: number; source: string },
    expenditures: Array<Omit<AnnualExpenditureDoc, '_id'>>,
    income: Omit<AnnualIncomeDoc, '_id'> | null,
  ): Promise<void> {
    await this.annualExp.deleteMany(key).exec();
    if (expenditures.length) await this.annualExp.insertMany(expenditures);
    await this.annualInc.deleteMany(key).exec();
    if (income) await this.annualInc.create(income);
  }
}

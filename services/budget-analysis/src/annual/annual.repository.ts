import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  ANNUAL_EXPENDITURE_MODEL,
  ANNUAL_INCOME_MODEL,
  AnnualExpenditureDoc,
  AnnualIncomeDoc,
} from './annual.schema';

/** Writes the annual figures of a published source (the analyses read them through AnalysisRepository). */
@Injectable()
export class AnnualRepository {
  constructor(
    @InjectModel(ANNUAL_EXPENDITURE_MODEL) private readonly expenditures: Model<AnnualExpenditureDoc>,
    @InjectModel(ANNUAL_INCOME_MODEL) private readonly incomes: Model<AnnualIncomeDoc>,
  ) {}

  /** Replaces the figures of one budget, year and source. */
  async replace(
    key: { budgetCode: string; year: number; source: string },
    expenditures: Array<Omit<AnnualExpenditureDoc, '_id'>>,
    income: Omit<AnnualIncomeDoc, '_id'> | null,
  ): Promise<void> {
    await this.expenditures.deleteMany(key).exec();
    if (expenditures.length) await this.expenditures.insertMany(expenditures);
    await this.incomes.deleteMany(key).exec();
    if (income) await this.incomes.create(income);
  }
}

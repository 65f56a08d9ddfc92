import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  ANNUAL_EXPENDITURE_MODEL,
  ANNUAL_INCOME_MODEL,
  AnnualExpenditureSchema,
  AnnualIncomeSchema,
} from '../annual/annual.schema';
import { BUDGET_PERIOD_MODEL, BudgetPeriodSchema } from '../imports/budget-period.schema';
import { BUDGET_ROW_MODEL, BudgetRowSchema } from '../imports/budget-row.schema';
import { AnalysisController } from './analysis.controller';
import { AnalysisRepository } from './analysis.repository';
import { AnalysisService } from './analysis.service';

/** Analyses of the live figures (portal rows, else annual figures): read only. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: BUDGET_ROW_MODEL, schema: BudgetRowSchema },
      { name: BUDGET_PERIOD_MODEL, schema: BudgetPeriodSchema },
      { name: ANNUAL_EXPENDITURE_MODEL, schema: AnnualExpenditureSchema },
      { name: ANNUAL_INCOME_MODEL, schema: AnnualIncomeSchema },
    ]),
  ],
  controllers: [AnalysisController],
  providers: [AnalysisRepository, AnalysisService],
})
export class AnalysisModule {}

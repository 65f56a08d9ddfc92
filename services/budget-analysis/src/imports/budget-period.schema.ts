import { Schema, Types } from 'mongoose';

export const BUDGET_PERIOD_MODEL = 'BudgetPeriod';

/**
 * Which import holds the live figures of one budget, dataset and period. Small (one document per
 * budget period), so readers and importers look it up instead of scanning the rows.
 */
export interface BudgetPeriodDoc {
  /** `budgetCode|dataset|period`. */
  _id: string;
  budgetCode: string;
  dataset: string;
  period: string;
  year: number;
  importId: Types.ObjectId;
  liveAt: Date;
}

export const BudgetPeriodSchema = new Schema<BudgetPeriodDoc>(
  {
    _id: { type: String, required: true },
    budgetCode: { type: String, required: true },
    dataset: { type: String, required: true },
    period: { type: String, required: true },
    year: { type: Number, required: true },
    importId: { type: Schema.Types.ObjectId, required: true },
    liveAt: { type: Date, required: true },
  },
  { collection: 'budget_periods', versionKey: false },
);
BudgetPeriodSchema.index({ budgetCode: 1, dataset: 1, year: 1 });

export const budgetPeriodId = (budgetCode: string, dataset: string, period: string): string => `${budgetCode}|${dataset}|${period}`;

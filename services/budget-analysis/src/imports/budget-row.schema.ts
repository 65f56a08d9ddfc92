import { Schema, Types } from 'mongoose';
import type { BudgetRow } from './row';

export const BUDGET_ROW_MODEL = 'BudgetRow';

export interface BudgetRowDoc extends BudgetRow {
  _id: Types.ObjectId;
  /**
   * The import that wrote this row. A newer completed import of the same budget, dataset and period
   * supersedes older rows (they are deleted when it completes; readers take the newest completed
   * import meanwhile), so there is one live figure per (budget, dataset, period, fund, key).
   */
  importId: Types.ObjectId;
}

export const BudgetRowSchema = new Schema<BudgetRowDoc>(
  {
    budgetCode: { type: String, required: true },
    dataset: { type: String, required: true },
    period: { type: String, required: true },
    year: { type: Number, required: true },
    fund: { type: String, required: true },
    code: { type: String, required: true },
    key: { type: String, required: true },
    name: String,
    functionalCode: String,
    economicCode: String,
    plan: { type: Number, required: true },
    amendedPlan: { type: Number, required: true },
    executed: { type: Number, required: true },
    importId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'budget_rows', versionKey: false },
);

// Not unique on the natural key: a replacing import writes its rows before the old ones go (see importId).
BudgetRowSchema.index({ budgetCode: 1, dataset: 1, period: 1, importId: 1 });
BudgetRowSchema.index({ importId: 1 });

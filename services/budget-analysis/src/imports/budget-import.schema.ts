import { Schema, Types } from 'mongoose';
import type { BudgetDataset, BudgetRowError } from '@vidnova/contracts';

export const BUDGET_IMPORT_MODEL = 'BudgetImport';

export interface BudgetImportDoc {
  _id: Types.ObjectId;
  status: 'processing' | 'completed' | 'failed';
  dataset: BudgetDataset | null;
  encoding: string | null;
  separator: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  rowErrors: BudgetRowError[];
  rejectedByReason: Record<string, number>;
  budgetCodes: string[];
  periods: string[];
  inserted: number;
  removed: number;
  failure?: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** When the rows became the live figures of their budget periods (before superseded rows are deleted). */
  liveAt?: Date;
  byKeyId?: string;
}

export const BudgetImportSchema = new Schema<BudgetImportDoc>(
  {
    status: { type: String, required: true },
    dataset: { type: String, default: null },
    encoding: { type: String, default: null },
    separator: { type: String, default: null },
    rowsRead: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    rejected: { type: Number, default: 0 },
    rowErrors: { type: [new Schema({ line: Number, reason: String }, { _id: false })], default: [] },
    rejectedByReason: { type: Schema.Types.Mixed, default: {} },
    budgetCodes: { type: [String], default: [] },
    periods: { type: [String], default: [] },
    inserted: { type: Number, default: 0 },
    removed: { type: Number, default: 0 },
    failure: String,
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    liveAt: Date,
    byKeyId: String,
  },
  { collection: 'budget_imports', versionKey: false },
);

import { Schema, Types } from 'mongoose';
import type { BudgetDataset, ImportStatus, RejectedRow } from '@vidnova/contracts';

export const BUDGET_IMPORT_MODEL = 'BudgetImport';

/** One import of a budget file, in the shape of the common import report. */
export interface BudgetImportDoc {
  _id: Types.ObjectId;
  status: ImportStatus;
  dataset: BudgetDataset | null;
  encoding: string | null;
  separator: string | null;
  rowsRead: number;
  accepted: number;
  rejectedCount: number;
  /** The first rejected rows (IMPORT_MAX_ERRORS) with line and reason. */
  rejected: RejectedRow[];
  rejectedByReason: Record<string, number>;
  bytesRead: number;
  bytesTotal: number | null;
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
    rejectedCount: { type: Number, default: 0 },
    rejected: { type: [new Schema({ line: Number, reason: String, field: String }, { _id: false })], default: [] },
    rejectedByReason: { type: Schema.Types.Mixed, default: {} },
    bytesRead: { type: Number, default: 0 },
    bytesTotal: { type: Number, default: null },
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

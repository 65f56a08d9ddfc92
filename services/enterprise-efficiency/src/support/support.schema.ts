import { Schema, Types } from 'mongoose';
import type { SupportKind } from '@vidnova/contracts';

export const SUPPORT_MODEL = 'BudgetSupport';

export interface SupportDoc {
  _id: Types.ObjectId;
  edrpou: string;
  year: number;
  kind: SupportKind;
  amount: number;
  date?: string;
  programme?: string;
  note?: string;
  origin: 'entered' | 'treasury';
  payerBudget?: string;
  /** Treasury payments: the row's fields joined, so the same file imported again adds nothing. */
  treasuryKey?: string;
  createdAt: Date;
}

export const SupportSchema = new Schema<SupportDoc>(
  {
    edrpou: { type: String, required: true },
    year: { type: Number, required: true },
    kind: { type: String, required: true },
    amount: { type: Number, required: true },
    date: String,
    programme: String,
    note: String,
    origin: { type: String, required: true },
    payerBudget: String,
    treasuryKey: String,
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'budget_support' },
);
SupportSchema.index({ edrpou: 1, year: 1 });
// Not unique: FerretDB v1 has no partial indexes; the import upserts by this key instead.
SupportSchema.index({ treasuryKey: 1 });

export const SUPPORT_IMPORT_MODEL = 'SupportImport';

export interface SupportImportDoc {
  _id: Types.ObjectId;
  status: 'processing' | 'completed' | 'failed';
  rowsRead: number;
  accepted: number;
  inserted: number;
  unchanged: number;
  rejectedCount: number;
  rejected: { line: number; reason: string; field?: string }[];
  bytesRead: number;
  failure?: string;
  startedBy?: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const SupportImportSchema = new Schema<SupportImportDoc>(
  {
    status: String,
    rowsRead: Number,
    accepted: Number,
    inserted: Number,
    unchanged: Number,
    rejectedCount: Number,
    rejected: { type: Schema.Types.Mixed, default: [] },
    bytesRead: Number,
    failure: String,
    startedBy: String,
    startedAt: Date,
    finishedAt: Date,
  },
  { collection: 'budget_support_imports', minimize: false },
);

export const SUPPORT_YEAR_MODEL = 'BudgetSupportYear';

/**
 * The budget support entries of one enterprise and year (`_id` = `<edrpou>:<year>`), copied from `budget_support`
 * when they are stored there (support-ledger.ts): what KPIs, summaries and assessments read, by `_id` (FerretDB v1
 * on SQLite scans `budget_support` for `{ edrpou, year }`). `rev` changes with every write.
 */
export interface SupportYearDoc {
  _id: string;
  entries: SupportDoc[];
  rev: string;
  updatedAt: Date;
}

export const SupportYearSchema = new Schema<SupportYearDoc>(
  { _id: String, entries: { type: Schema.Types.Mixed, default: [] }, rev: String, updatedAt: Date },
  { collection: 'budget_support_years', minimize: false },
);

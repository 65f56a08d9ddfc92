import { Schema, Types } from 'mongoose';
import type { ImportStatus } from '@vidnova/contracts';

export const HOST_STATS_IMPORT_MODEL = 'HostStatsImport';

/** One import of the UNHCR table: its status, progress and outcome, shown until it is done. */
export interface HostStatsImportDoc {
  _id: Types.ObjectId;
  status: ImportStatus;
  rowsRead: number;
  accepted: number;
  rejectedCount: number;
  rejected: Array<{ line: number; reason: string }>;
  bytesRead: number;
  failure?: string;
  inserted: number;
  updated: number;
  unchanged: number;
  countries: string[];
  periodFrom: string | null;
  periodTo: string | null;
  /** API key that started the import. */
  startedBy?: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const HostStatsImportSchema = new Schema<HostStatsImportDoc>(
  {
    status: { type: String, required: true },
    rowsRead: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    rejectedCount: { type: Number, default: 0 },
    rejected: { type: [new Schema({ line: Number, reason: String }, { _id: false })], default: [] },
    bytesRead: { type: Number, default: 0 },
    failure: String,
    inserted: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    unchanged: { type: Number, default: 0 },
    countries: { type: [String], default: [] },
    periodFrom: { type: String, default: null },
    periodTo: { type: String, default: null },
    startedBy: String,
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'host_country_statistics_imports', versionKey: false },
);

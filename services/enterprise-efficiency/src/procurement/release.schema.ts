import { Schema, Types } from 'mongoose';
import type { ImportStatus } from '@vidnova/contracts';

export const RELEASE_MODEL = 'OcdsRelease';
export const PROCUREMENT_IMPORT_MODEL = 'ProcurementImport';

export interface ContractFacts {
  id: string;
  status: string | null;
  amount: number | null;
  currency: string | null;
  suppliers: { id: string; name: string | null }[];
}

/**
 * What the buyer summary needs of one OCDS release, one document per `ocid` + release `id` (the key of
 * idempotency). Contact points (names, emails, phones of people) are never stored.
 */
export interface ReleaseDoc {
  _id: string;
  ocid: string;
  releaseId: string;
  date: string | null;
  buyerEdrpou: string | null;
  buyerName: string | null;
  tenderDate: string | null;
  tenderYear: number | null;
  method: string | null;
  expectedAmount: number | null;
  expectedCurrency: string | null;
  tenderers: number | null;
  cpv: string | null;
  contracts: ContractFacts[];
  importedAt: Date;
}

export const ReleaseSchema = new Schema<ReleaseDoc>(
  {
    _id: String,
    ocid: String,
    releaseId: String,
    date: String,
    buyerEdrpou: String,
    buyerName: String,
    tenderDate: String,
    tenderYear: Number,
    method: String,
    expectedAmount: Number,
    expectedCurrency: String,
    tenderers: Number,
    cpv: String,
    contracts: { type: Schema.Types.Mixed, default: [] },
    importedAt: Date,
  },
  { collection: 'ocds_releases', minimize: false },
);
ReleaseSchema.index({ buyerEdrpou: 1 });
ReleaseSchema.index({ ocid: 1 });

export interface ProcurementImportDoc {
  _id: Types.ObjectId;
  status: ImportStatus;
  packageType: 'record' | 'release' | 'unknown';
  rowsRead: number;
  accepted: number;
  inserted: number;
  unchanged: number;
  rejectedCount: number;
  rejected: { line: number; reason: string; ocid?: string; field?: string }[];
  bytesRead: number;
  bytesTotal: number | null;
  failure?: string;
  startedBy?: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const ProcurementImportSchema = new Schema<ProcurementImportDoc>(
  {
    status: String,
    packageType: String,
    rowsRead: Number,
    accepted: Number,
    inserted: Number,
    unchanged: Number,
    rejectedCount: Number,
    rejected: { type: Schema.Types.Mixed, default: [] },
    bytesRead: Number,
    bytesTotal: Number,
    failure: String,
    startedBy: String,
    startedAt: Date,
    finishedAt: Date,
  },
  { collection: 'procurement_imports', minimize: false },
);

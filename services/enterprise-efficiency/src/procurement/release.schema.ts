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

export const BUYER_PROCUREMENT_MODEL = 'BuyerProcurement';

/** The facts of a release the buyer summary reads (a release document without its import time). */
export type ReleaseFacts = Omit<ReleaseDoc, 'importedAt'>;

/**
 * One buyer's procedures (`_id` = the buyer's EDRPOU): for each `ocid`, the latest of this buyer's releases (by
 * release date, then id), as `ocds_releases` holds them. Maintained by every import; the buyer summary is computed
 * from it on each request, read by `_id` (FerretDB v1 on SQLite scans `ocds_releases` for `{ buyerEdrpou }`).
 * `rev` changes with every write: a merge replaces the document only if it is still the one it read.
 */
export interface BuyerProcurementDoc {
  _id: string;
  procedures: ReleaseFacts[];
  rev: string;
  updatedAt: Date;
}

export const BuyerProcurementSchema = new Schema<BuyerProcurementDoc>(
  { _id: String, procedures: { type: Schema.Types.Mixed, default: [] }, rev: String, updatedAt: Date },
  { collection: 'buyer_procurement', minimize: false },
);

/** Orders two releases of one procedure: the later one by release date, then id (the state a procedure counts in). */
export const releaseOrder = (r: Pick<ReleaseDoc, 'date' | 'releaseId'>): string => `${r.date ?? ''}|${r.releaseId}`;

/**
 * Merges `fresh` releases into a buyer's latest-per-ocid list; `changed` is false when nothing in it is newer
 * (the same package imported again).
 */
export function mergeLatest(current: ReleaseFacts[], fresh: ReleaseFacts[]): { procedures: ReleaseFacts[]; changed: boolean } {
  const byOcid = new Map(current.map((r) => [r.ocid, r]));
  let changed = false;
  for (const r of fresh) {
    const seen = byOcid.get(r.ocid);
    if (!seen || releaseOrder(r) > releaseOrder(seen)) {
      byOcid.set(r.ocid, r);
      changed = true;
    }
  }
  return { procedures: [...byOcid.values()], changed };
}

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

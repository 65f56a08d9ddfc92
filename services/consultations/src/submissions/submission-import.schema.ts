import { Schema, Types } from 'mongoose';
import type { ImportStatus, RejectedRow } from '@vidnova/contracts';

export const SUBMISSION_IMPORT_MODEL = 'SubmissionImport';

/** One paper-form CSV import: its status and running counts, updated as the file is read. */
export interface SubmissionImportDoc {
  _id: Types.ObjectId;
  consultationId: Types.ObjectId;
  status: ImportStatus;
  /** Name of the upload in the object store (also stamped on the submissions it stored). */
  uploadName: string;
  rowsRead: number;
  accepted: number;
  rejectedCount: number;
  /** The first MAX_LISTED_REJECTIONS rejected rows. */
  rejected: RejectedRow[];
  bytesRead: number;
  bytesTotal: number | null;
  failure?: string;
  byKeyId?: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const SubmissionImportSchema = new Schema<SubmissionImportDoc>(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true },
    uploadName: { type: String, required: true },
    rowsRead: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    rejectedCount: { type: Number, default: 0 },
    rejected: { type: [new Schema({ line: Number, reason: String, field: String }, { _id: false })], default: [] },
    bytesRead: { type: Number, default: 0 },
    bytesTotal: { type: Number, default: null },
    failure: String,
    byKeyId: String,
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { collection: 'submission_imports', versionKey: false },
);

SubmissionImportSchema.index({ consultationId: 1, _id: -1 });

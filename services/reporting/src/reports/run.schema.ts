import { ReportFormat, ReportLang, ReportStatus, ReportType } from '@vidnova/contracts';
import { Schema } from 'mongoose';

export const RUN_MODEL = 'ReportRun';

export interface StoredContent {
  format: ReportFormat;
  lang: ReportLang;
  name: string;
  size: number;
  contentType: string;
}

export interface RunDoc {
  /** sha256(type | subject | period), first 24 hex digits: the same request names the same run. */
  _id: string;
  type: ReportType;
  community?: string;
  /** KATOTTG code of an oblast (civil-society-involvement about an oblast). */
  oblast?: string;
  budgetCode?: string;
  country?: string;
  period: string;
  lang: ReportLang;
  status: ReportStatus;
  progress: number;
  revision: number;
  attempts: number;
  requestedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  errors: { at: Date; attempt: number; message: string }[];
  gaps: { source: string; reason: string; detail: string; message?: { uk: string; en: string } }[];
  content?: { revision: number; etag: string; bucket: string; objects: StoredContent[] };
  requestedBy?: string;
  owner?: string;
  history: { revision: number; status: ReportStatus; requestedAt: Date; finishedAt?: Date }[];
  createdAt: Date;
  updatedAt: Date;
}

export const RunSchema = new Schema<RunDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    community: String,
    oblast: String,
    budgetCode: String,
    country: String,
    period: { type: String, required: true },
    lang: { type: String, required: true },
    status: { type: String, required: true },
    progress: { type: Number, default: 0 },
    revision: { type: Number, required: true },
    attempts: { type: Number, default: 0 },
    requestedAt: { type: Date, required: true },
    startedAt: Date,
    finishedAt: Date,
    errors: { type: [{ _id: false, at: Date, attempt: Number, message: String }], default: [] },
    gaps: { type: [{ _id: false, source: String, reason: String, detail: String, message: { _id: false, uk: String, en: String } }], default: [] },
    content: {
      type: {
        _id: false,
        revision: Number,
        etag: String,
        bucket: String,
        objects: [{ _id: false, format: String, lang: String, name: String, size: Number, contentType: String }],
      },
      required: false,
    },
    requestedBy: String,
    owner: String,
    history: { type: [{ _id: false, revision: Number, status: String, requestedAt: Date, finishedAt: Date }], default: [] },
  },
  { timestamps: true, collection: 'report_runs', suppressReservedKeysWarning: true },
);
RunSchema.index({ type: 1, community: 1, status: 1, _id: 1 });

import { Schema } from 'mongoose';

export const AUDIT_MODEL = 'AuditEntry';

export interface AuditDoc {
  apiKeyId: string;
  role: string;
  method: string;
  /** Request path with its query string, as received. */
  path: string;
  /** Route pattern, e.g. `/api/v1/diaspora/organizations/:id`, for grouping. */
  route?: string;
  status: number;
  correlationId: string;
  at: Date;
}

export const AuditSchema = new Schema<AuditDoc>(
  {
    apiKeyId: { type: String, required: true },
    role: { type: String, required: true },
    method: { type: String, required: true },
    path: { type: String, required: true },
    route: String,
    status: { type: Number, required: true },
    correlationId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'audit_log', versionKey: false },
);
AuditSchema.index({ apiKeyId: 1, _id: -1 });
AuditSchema.index({ at: 1 });

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
  /** `write` (every write), `read` (a read of personal data) or `refusal` (401, 403, 429). */
  kind?: 'write' | 'read' | 'refusal';
  /** Client address, kept for refusals only (who is guessing keys or flooding). */
  ip?: string;
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
    kind: String,
    ip: String,
  },
  { collection: 'audit_log', versionKey: false },
);
AuditSchema.index({ apiKeyId: 1, _id: -1 });
AuditSchema.index({ at: 1 });

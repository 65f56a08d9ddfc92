import { Schema } from 'mongoose';

export const IDEMPOTENCY_MODEL = 'IdempotencyKey';
/** How long a stored response can be replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyDoc {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
  /** SHA-256 of the query string and canonical JSON body of the first request. */
  fingerprint: string;
  state: 'pending' | 'completed';
  status?: number;
  contentType?: string;
  /** The first reply's body as JSON text (kept as text so any key, even `$x`, survives storage). */
  body?: string;
  createdAt: Date;
  expiresAt: Date;
}

export const IdempotencySchema = new Schema<IdempotencyDoc>(
  {
    apiKeyId: { type: String, required: true },
    key: { type: String, required: true },
    method: { type: String, required: true },
    path: { type: String, required: true },
    fingerprint: { type: String, required: true },
    state: { type: String, required: true },
    status: Number,
    contentType: String,
    body: String,
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  // autoIndex stays on for the unique index; the TTL index is created by IdempotencyStore because
  // FerretDB v1 refuses TTL options and that must not stop the others being built.
  { collection: 'idempotency_keys', versionKey: false },
);
// The single-document guarantee everything rests on: one record per (key owner, key, method, path).
IdempotencySchema.index({ apiKeyId: 1, key: 1, method: 1, path: 1 }, { unique: true });

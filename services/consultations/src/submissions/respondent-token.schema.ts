import { Schema, Types } from 'mongoose';

export const RESPONDENT_TOKEN_MODEL = 'RespondentToken';

/**
 * One issued one-time token for the online channel: only its keyed hash, and whether it was spent.
 * The id IS the hash (an HMAC over consultation id and token, the same a submission stores; never the
 * token), so checking and spending a token are lookups by id, which every store answers from its
 * primary index (FerretDB's SQLite backend answers other filters by scanning the collection).
 */
export interface RespondentTokenDoc {
  _id: string;
  consultationId: Types.ObjectId;
  /** The issuance this token came from. */
  batchId: Types.ObjectId;
  issuedBy?: string;
  /** Set once, atomically, by the submission that spends the token. */
  spentAt: Date | null;
  createdAt: Date;
}

export const RespondentTokenSchema = new Schema<RespondentTokenDoc>(
  {
    _id: { type: String, required: true },
    consultationId: { type: Schema.Types.ObjectId, required: true },
    batchId: { type: Schema.Types.ObjectId, required: true },
    issuedBy: String,
    spentAt: { type: Date, default: null },
  },
  { collection: 'respondent_tokens', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

RespondentTokenSchema.index({ consultationId: 1 });

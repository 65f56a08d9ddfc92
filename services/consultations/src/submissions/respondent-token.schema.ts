import { Schema, Types } from 'mongoose';

export const RESPONDENT_TOKEN_MODEL = 'RespondentToken';

/** One issued one-time token for the online channel: only its keyed hash, and whether it was spent. */
export interface RespondentTokenDoc {
  _id: Types.ObjectId;
  consultationId: Types.ObjectId;
  /** HMAC of the token, the same keyed hash a submission stores (never the token). */
  hash: string;
  /** The issuance this token came from. */
  batchId: Types.ObjectId;
  issuedBy?: string;
  /** Set once, atomically, by the submission that spends the token. */
  spentAt: Date | null;
  createdAt: Date;
}

export const RespondentTokenSchema = new Schema<RespondentTokenDoc>(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true },
    hash: { type: String, required: true },
    batchId: { type: Schema.Types.ObjectId, required: true },
    issuedBy: String,
    spentAt: { type: Date, default: null },
  },
  { collection: 'respondent_tokens', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

RespondentTokenSchema.index({ consultationId: 1, hash: 1 }, { unique: true });

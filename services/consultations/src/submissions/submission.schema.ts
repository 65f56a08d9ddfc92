import { Schema, Types } from 'mongoose';
import type { ConsultationChannel, RespondentProfile } from '@vidnova/contracts';
import type { StoredAnswer } from './validate-answers';

export const SUBMISSION_MODEL = 'Submission';

export interface SubmissionDoc {
  _id: Types.ObjectId;
  consultationId: Types.ObjectId;
  /** HMAC of the respondent token (never the token). */
  respondentHash: string;
  channel: ConsultationChannel;
  profile: RespondentProfile;
  answers: StoredAnswer[];
  /** Set for rows of a paper/meeting CSV import. */
  importName?: string;
  /**
   * Counted in the consultation's tally (results/tallies.service.ts). Inserted false; absent on
   * submissions stored before tallies existed (recovery counts those).
   */
  tallied?: boolean;
  /** Start of the lease of whoever counts it: the inserter, or a recovery run that claimed it. */
  claimAt?: Date;
  /** The recovery run that claimed it. */
  claim?: string;
  createdAt: Date;
}

export const SubmissionSchema = new Schema<SubmissionDoc>(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true },
    respondentHash: { type: String, required: true },
    channel: { type: String, required: true },
    profile: { type: new Schema({ ageBand: String, gender: String, status: String, settlement: String }, { _id: false }), default: {} },
    answers: {
      type: [new Schema({ questionId: String, optionIds: { type: [String], default: undefined }, ranking: { type: [String], default: undefined }, value: Number, text: String }, { _id: false })],
      default: [],
    },
    importName: String,
    tallied: Boolean,
    claimAt: Date,
    claim: String,
  },
  { collection: 'submissions', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

// One submission per respondent and consultation: the database enforces it, even under races.
SubmissionSchema.index({ consultationId: 1, respondentHash: 1 }, { unique: true });
// Recovery of uncounted submissions (tallied: false, lease passed) reads this index, never the rest.
SubmissionSchema.index({ tallied: 1, claimAt: 1 });

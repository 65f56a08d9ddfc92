import { Schema, Types } from 'mongoose';
import type { ContributionKind, ContributionPhase } from '@vidnova/contracts';

export const CONTRIBUTION_MODEL = 'DialogueContribution';
export const VOTE_MODEL = 'DialogueContributionVote';
export const REPORT_MODEL = 'DialogueContributionReport';

export interface ContributionDoc {
  _id: Types.ObjectId;
  eventId: string;
  parentId?: string;
  kind: ContributionKind;
  phase: ContributionPhase;
  text: string;
  /** API key that wrote it (not shown; lets a key not up-vote or report twice). */
  keyId?: string;
  owner?: string;
  hidden?: { reason: string; by: string; at: Date };
  moderation: Array<{ action: 'hidden' | 'restored'; reason?: string; by: string; at: Date }>;
  createdAt: Date;
  updatedAt: Date;
}

export const ContributionSchema = new Schema<ContributionDoc>(
  {
    eventId: { type: String, required: true },
    parentId: String,
    kind: { type: String, required: true },
    phase: { type: String, required: true },
    text: { type: String, required: true },
    keyId: String,
    owner: String,
    hidden: Schema.Types.Mixed,
    moderation: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'contributions', timestamps: true, versionKey: false },
);
ContributionSchema.index({ eventId: 1 });

/**
 * One up-vote or report per key and contribution: each is its own document under a unique key, so
 * concurrent votes are neither lost nor doubled (a counter on the contribution would lose updates on FerretDB v1).
 */
export interface VoteDoc {
  _id: Types.ObjectId;
  eventId: string;
  contributionId: string;
  keyId: string;
  reason?: string;
}

const voteSchema = () => {
  const s = new Schema<VoteDoc>(
    { eventId: { type: String, required: true }, contributionId: { type: String, required: true }, keyId: { type: String, required: true }, reason: String },
    { timestamps: true, versionKey: false },
  );
  s.index({ contributionId: 1, keyId: 1 }, { unique: true });
  s.index({ eventId: 1 });
  return s;
};
export const VoteSchema = voteSchema().set('collection', 'contribution_votes');
export const ReportSchema = voteSchema().set('collection', 'contribution_reports');

import { Schema, Types } from 'mongoose';
import type { CommitmentOwnerType, CommitmentStatus, DialogueLevel, LocalizedText } from '@vidnova/contracts';
import { PendingEvent, PendingEventsField } from '@vidnova/mongo';

export const COMMITMENT_MODEL = 'DialogueCommitment';
export const OVERDUE_RUN_MODEL = 'DialogueOverdueRun';

export interface CommitmentDoc {
  _id: Types.ObjectId;
  eventId: string;
  communities: string[];
  text: LocalizedText;
  responsible: { name: string; type: CommitmentOwnerType };
  /** YYYY-MM-DD (Europe/Kyiv): compared as text. */
  dueDate: string;
  status: CommitmentStatus;
  progress: number;
  evidence: string[];
  /** Set by the daily job: the day it was first found overdue. */
  overdueSince?: string;
  path: Array<{ eventId: string; level: DialogueLevel; at: Date; reason?: string }>;
  updates: Array<{ at: Date; by: string; changes: Record<string, { from: unknown; to: unknown }>; note?: string }>;
  owner?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const CommitmentSchema = new Schema<CommitmentDoc>(
  {
    eventId: { type: String, required: true },
    communities: { type: [String], default: [] },
    text: { type: Schema.Types.Mixed, required: true },
    responsible: { type: Schema.Types.Mixed, required: true },
    dueDate: { type: String, required: true },
    status: { type: String, required: true },
    progress: { type: Number, default: 0 },
    evidence: { type: [String], default: [] },
    overdueSince: String,
    path: { type: Schema.Types.Mixed, default: [] },
    updates: { type: Schema.Types.Mixed, default: [] },
    owner: String,
  },
  { collection: 'commitments', timestamps: true, versionKey: false, minimize: false },
);
CommitmentSchema.index({ communities: 1, status: 1 });
CommitmentSchema.index({ status: 1, dueDate: 1 });
CommitmentSchema.index({ eventId: 1 });

/** One run of the daily overdue job: what it marked, and its announcement (outbox). */
export interface OverdueRunDoc {
  _id: Types.ObjectId;
  day: string;
  commitmentIds: string[];
  pendingEvents: PendingEvent[];
  outboxVersion: number;
  createdAt: Date;
}

export const OverdueRunSchema = new Schema<OverdueRunDoc>(
  { day: { type: String, required: true }, commitmentIds: { type: [String], default: [] }, pendingEvents: PendingEventsField, outboxVersion: { type: Number, default: 0 } },
  { collection: 'overdue_runs', timestamps: true, versionKey: false },
);

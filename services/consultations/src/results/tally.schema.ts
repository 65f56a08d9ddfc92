import { Schema, Types } from 'mongoose';
import type { StoredGroupTally } from './accumulator';

export const TALLY_MODEL = 'ConsultationTally';
export const TALLY_LOCK_MODEL = 'ConsultationTallyLock';

/**
 * The running results of one consultation as counted by one service process (a shard), kept up to
 * date as submissions are stored, so reading results costs O(shards × questions × options × groups)
 * whatever the number of submissions. Results add up the consultation's shards.
 *
 * Why shards: FerretDB v1 applies an update as read, change, replace, without a transaction (handler
 * msg_update.go; measured: 200 concurrent `$inc` of one document left 2), so two processes must never
 * update the same document. Each process writes only its own shard, one update at a time
 * (TalliesService), which is exact on FerretDB and on MongoDB alike.
 */
export interface TallyDoc {
  /** `<consultation id>:<shard id>`. */
  _id: string;
  consultationId: Types.ObjectId;
  shard: string;
  /** Everyone. */
  all?: StoredGroupTally;
  /** Per breakdown field (ageBand, gender, status), per group label (a listed value, `not_stated` or `other`). */
  by?: Record<string, Record<string, StoredGroupTally>>;
  /**
   * Batches whose counts are in this shard but whose submissions may not be marked `tallied` yet:
   * `k<batch id>` → the submission ids. Written by the same update that counts them, so recovery
   * after a crash knows exactly which submissions are counted (see TalliesService).
   */
  pending?: Record<string, Types.ObjectId[]>;
  updatedAt?: Date;
}

export const TallySchema = new Schema<TallyDoc>(
  {
    _id: { type: String, required: true },
    consultationId: { type: Schema.Types.ObjectId, required: true },
    shard: { type: String, required: true },
    all: Schema.Types.Mixed,
    by: Schema.Types.Mixed,
    pending: Schema.Types.Mixed,
    updatedAt: Date,
  },
  { collection: 'consultation_tallies', versionKey: false, minimize: false, strict: false },
);
TallySchema.index({ consultationId: 1 });

/** One recovery run at a time across processes: the unique `_id` of an insert is the lock. */
export interface TallyLockDoc {
  _id: string;
  owner: string;
  at: Date;
}
export const TallyLockSchema = new Schema<TallyLockDoc>({ _id: String, owner: String, at: Date }, { collection: 'consultation_tally_locks', versionKey: false });

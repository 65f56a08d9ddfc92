import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { IDEMPOTENCY_MODEL, IDEMPOTENCY_TTL_MS, IdempotencyDoc } from './idempotency.schema';

export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
}

export type ClaimResult =
  | { outcome: 'claimed'; id: Types.ObjectId }
  | { outcome: 'existing'; record: IdempotencyDoc & { _id: Types.ObjectId } };

const isDuplicateKey = (e: unknown) => (e as { code?: number })?.code === 11000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** The only code touching idempotency_keys. */
@Injectable()
export class IdempotencyStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdempotencyStore');
  private sweeper?: NodeJS.Timeout;

  constructor(@InjectModel(IDEMPOTENCY_MODEL) private readonly model: Model<IdempotencyDoc>) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.model.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' });
    } catch (e) {
      // FerretDB v1 refuses TTL indexes (expireAfterSeconds, error code 238): expired records
      // are then ignored on read (see claim) and deleted by a periodic sweep instead.
      this.logger.warn(`TTL index on idempotency_keys not available (${(e as Error).message}); sweeping expired keys every 10 min`);
      this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async sweep(): Promise<number> {
    try {
      const r = await this.model.deleteMany({ expiresAt: { $lte: new Date() } }).exec();
      return r.deletedCount;
    } catch (e) {
      this.logger.warn(`idempotency sweep failed: ${(e as Error).message}`);
      return 0;
    }
  }

  /**
   * Inserts a pending record for this scope, or returns the live record that already holds it. The
   * unique index makes the insert the single point of decision, so two racing requests cannot both win.
   * `staleAfterMs`: a pending record older than this belongs to a request that died (gateway crash) and is taken over.
   */
  async claim(scope: IdempotencyScope, fingerprint: string, staleAfterMs: number): Promise<ClaimResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date();
      try {
        const doc = await this.model.create({
          ...scope,
          fingerprint,
          state: 'pending',
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        });
        return { outcome: 'claimed', id: doc._id };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      const record = (await this.model.findOne(scope).lean().exec()) as (IdempotencyDoc & { _id: Types.ObjectId }) | null;
      if (!record) continue; // removed in between (expired or released): try the insert again
      const expired = record.expiresAt.getTime() <= now.getTime();
      const abandoned = record.state === 'pending' && now.getTime() - record.createdAt.getTime() > staleAfterMs;
      if (expired || abandoned) {
        // Conditional on the exact record so that only one of several racing takers deletes it.
        await this.model.deleteOne({ _id: record._id, state: record.state, createdAt: record.createdAt }).exec();
        continue;
      }
      return { outcome: 'existing', record };
    }
    throw new Error('could not claim the idempotency key after 3 attempts');
  }

  async complete(id: Types.ObjectId, status: number, contentType: string, body: string | undefined): Promise<void> {
    await this.model
      .updateOne({ _id: id, state: 'pending' }, { $set: { state: 'completed', status, contentType, ...(body !== undefined ? { body } : {}) } })
      .exec();
  }

  /** Forgets a claim whose request failed in a way worth retrying (5xx), so a retry runs again. */
  async release(id: Types.ObjectId): Promise<void> {
    await this.model.deleteOne({ _id: id, state: 'pending' }).exec();
  }
}

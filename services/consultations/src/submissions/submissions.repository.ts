import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { IDEMPOTENCY_MODEL, IdempotencyDoc, SUBMISSION_MODEL, SubmissionDoc } from './submission.schema';

export type NewSubmission = Omit<SubmissionDoc, '_id' | 'createdAt'>;

export const isDuplicateKey = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

/** The only place that touches submissions and their idempotency records. */
@Injectable()
export class SubmissionsRepository {
  constructor(
    @InjectModel(SUBMISSION_MODEL) private readonly model: Model<SubmissionDoc>,
    @InjectModel(IDEMPOTENCY_MODEL) private readonly idempotency: Model<IdempotencyDoc>,
  ) {}

  /** Inserts one submission; a repeated respondent makes the unique index throw a duplicate-key error. */
  async insert(doc: NewSubmission): Promise<SubmissionDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as SubmissionDoc;
  }

  /** Which of these respondent hashes already answered this consultation. */
  async existingHashes(consultationId: string, hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const docs = await this.model
      .find({ consultationId: new Types.ObjectId(consultationId), respondentHash: { $in: hashes } }, { respondentHash: 1 })
      .lean()
      .exec();
    return new Set(docs.map((d) => d.respondentHash));
  }

  /** Inserts a batch whose respondents were checked just before; returns how many went in. */
  async insertMany(docs: NewSubmission[]): Promise<number> {
    if (!docs.length) return 0;
    const res = await this.model.insertMany(docs, { ordered: true, lean: true });
    return res.length;
  }

  /**
   * Streams the submissions of a consultation with only the fields results need. The cursor keeps one
   * batch in memory at a time, so computing results stays flat in memory as submissions grow.
   */
  streamForResults(consultationId: string) {
    return this.model
      .find({ consultationId: new Types.ObjectId(consultationId) }, { _id: 0, profile: 1, answers: 1 })
      .lean()
      .cursor({ batchSize: 1000 });
  }

  async count(consultationId: string): Promise<number> {
    return this.model.countDocuments({ consultationId: new Types.ObjectId(consultationId) }).exec();
  }

  async findReply(consultationId: string, key: string): Promise<IdempotencyDoc | null> {
    return (await this.idempotency.findOne({ consultationId: new Types.ObjectId(consultationId), key }).lean().exec()) as IdempotencyDoc | null;
  }

  /** Records the first reply for a key; false when another request recorded one first. */
  async saveReply(doc: Omit<IdempotencyDoc, '_id' | 'createdAt'>): Promise<boolean> {
    try {
      await this.idempotency.create(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}

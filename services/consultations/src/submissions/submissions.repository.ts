import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { SUBMISSION_MODEL, SubmissionDoc } from './submission.schema';

/** A checked submission with its id chosen up front, so the ids of an ordered batch insert are known. */
export type NewSubmission = Omit<SubmissionDoc, 'createdAt' | 'tallied' | 'claimAt' | 'claim'>;

/** Not counted yet; the inserter holds the lease to count it (results/tallies.service.ts). */
const uncounted = (doc: NewSubmission) => ({ ...doc, tallied: false, claimAt: new Date() });

export const isDuplicateKey = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

/** The only place that writes submissions. */
@Injectable()
export class SubmissionsRepository {
  constructor(@InjectModel(SUBMISSION_MODEL) private readonly model: Model<SubmissionDoc>) {}

  /** Inserts one submission; a repeated respondent makes the unique index throw a duplicate-key error. */
  async insert(doc: NewSubmission): Promise<SubmissionDoc> {
    const created = await this.model.create(uncounted(doc));
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
    const res = await this.model.insertMany(docs.map(uncounted), { ordered: true, lean: true });
    return res.length;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
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

  /**
   * Inserts a batch unordered and returns the positions the unique index refused (respondents who
   * answered already). No read of the collection first: a `respondentHash: {$in}` query is served by
   * no FerretDB v1 backend from an index, so it read every submission of every consultation per batch.
   */
  async insertManyRefusingRepeats(docs: NewSubmission[]): Promise<Set<number>> {
    if (!docs.length) return new Set();
    const createdAt = new Date();
    try {
      await this.model.collection.insertMany(
        docs.map((d) => ({ ...uncounted(d), createdAt })),
        { ordered: false },
      );
      return new Set();
    } catch (e) {
      const errors = ([] as Array<{ index?: number; code?: number }>).concat((e as { writeErrors?: never }).writeErrors ?? []);
      if (!errors.length || errors.some((w) => w.code !== 11000 || typeof w.index !== 'number')) throw e;
      return new Set(errors.map((w) => w.index!));
    }
  }
}

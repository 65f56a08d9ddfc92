import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ConsultationStatus, Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { CONSULTATION_MODEL, ConsultationDoc } from './consultation.schema';

export type NewConsultation = Omit<ConsultationDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The only place that touches the consultations collection. */
@Injectable()
export class ConsultationsRepository {
  constructor(@InjectModel(CONSULTATION_MODEL) private readonly model: Model<ConsultationDoc>) {}

  async insert(doc: NewConsultation): Promise<ConsultationDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as ConsultationDoc;
  }

  async findById(id: string): Promise<ConsultationDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as ConsultationDoc | null;
  }

  /** Applies `update` only while the consultation is in `status` (compare-and-set on the state). */
  async updateIfStatus(id: string, status: ConsultationStatus, update: UpdateQuery<ConsultationDoc>): Promise<ConsultationDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model
      .findOneAndUpdate({ _id: id, status }, update, { returnDocument: 'after' })
      .lean()
      .exec()) as ConsultationDoc | null;
  }

  list<T>(filter: QueryFilter<ConsultationDoc>, page: { limit?: number; cursor?: string }, toView: (d: ConsultationDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }

  /** Published priority lists of a community, newest first. */
  async publishedFor(communityCode: string, limit: number): Promise<ConsultationDoc[]> {
    return (await this.model
      .find({ communityCode, status: 'results_published', 'priorities.publishedAt': { $exists: true } }, { priorities: 1, communityCode: 1 })
      .sort({ 'priorities.publishedAt': -1, _id: -1 })
      .limit(limit)
      .lean()
      .exec()) as ConsultationDoc[];
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { CONCEPT_MODEL, ConceptDoc } from './concept.schema';

export type NewConcept = Omit<ConceptDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The only place that touches the concepts collection. */
@Injectable()
export class ConceptsRepository {
  constructor(@InjectModel(CONCEPT_MODEL) private readonly model: Model<ConceptDoc>) {}

  async insert(doc: NewConcept): Promise<ConceptDoc> {
    return (await this.model.create(doc)).toObject() as ConceptDoc;
  }

  async find(consultationId: string, id: string): Promise<ConceptDoc | null> {
    if (!isObjectId(id) || !isObjectId(consultationId)) return null;
    return (await this.model.findOne({ _id: id, consultationId }).lean().exec()) as ConceptDoc | null;
  }

  /** Writes only if nobody changed the concept since `version` was read (optimistic concurrency). */
  async updateAtVersion(id: string, version: number, update: UpdateQuery<ConceptDoc>): Promise<ConceptDoc | null> {
    return (await this.model.findOneAndUpdate({ _id: id, version }, update, { returnDocument: 'after' }).lean().exec()) as ConceptDoc | null;
  }

  list<T>(filter: QueryFilter<ConceptDoc>, page: { limit?: number; cursor?: string }, toView: (d: ConceptDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { INITIATIVE_MODEL, InitiativeDoc } from './initiative.schema';

export type NewInitiative = Omit<InitiativeDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The only place that touches the initiatives collection. */
@Injectable()
export class InitiativesRepository {
  constructor(@InjectModel(INITIATIVE_MODEL) private readonly model: Model<InitiativeDoc>) {}

  async insert(doc: NewInitiative): Promise<InitiativeDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as InitiativeDoc;
  }

  async findById(id: string): Promise<InitiativeDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as InitiativeDoc | null;
  }

  async update(id: string, update: UpdateQuery<InitiativeDoc>): Promise<InitiativeDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean().exec()) as InitiativeDoc | null;
  }

  async delete(id: string): Promise<boolean> {
    if (!isObjectId(id)) return false;
    const res = await this.model.deleteOne({ _id: id }).exec();
    return res.deletedCount === 1;
  }

  list<T>(filter: QueryFilter<InitiativeDoc>, page: { limit?: number; cursor?: string }, toView: (d: InitiativeDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }
}

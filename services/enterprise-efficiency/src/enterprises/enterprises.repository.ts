import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { paginate } from '@vidnova/mongo';
import { Model, QueryFilter } from 'mongoose';
import { ENTERPRISE_MODEL, EnterpriseDoc } from './enterprise.schema';

export type NewEnterpriseDoc = Omit<EnterpriseDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The only place that touches the enterprises collection. */
@Injectable()
export class EnterprisesRepository {
  constructor(@InjectModel(ENTERPRISE_MODEL) private readonly model: Model<EnterpriseDoc>) {}

  async insert(doc: NewEnterpriseDoc): Promise<EnterpriseDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as EnterpriseDoc;
  }

  async findByEdrpou(edrpou: string): Promise<EnterpriseDoc | null> {
    return (await this.model.findOne({ edrpou }).lean().exec()) as EnterpriseDoc | null;
  }

  async update(edrpou: string, set: Partial<NewEnterpriseDoc>): Promise<EnterpriseDoc | null> {
    return (await this.model.findOneAndUpdate({ edrpou }, { $set: set }, { new: true }).lean().exec()) as EnterpriseDoc | null;
  }

  async delete(edrpou: string): Promise<boolean> {
    return (await this.model.deleteOne({ edrpou }).exec()).deletedCount === 1;
  }

  list<T>(filter: QueryFilter<EnterpriseDoc>, page: { limit?: number; cursor?: string }, toView: (d: EnterpriseDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }

  /** What the KPIs take from every enterprise (kpis/kpi-store.ts), without the rest of the documents. */
  async findStamps(): Promise<Pick<EnterpriseDoc, 'edrpou' | 'sector' | 'oblast' | 'staff'>[]> {
    return (await this.model.find({}, { _id: 0, edrpou: 1, sector: 1, oblast: 1, staff: 1 }).lean().exec()) as Pick<EnterpriseDoc, 'edrpou' | 'sector' | 'oblast' | 'staff'>[];
  }

  async find(filter: QueryFilter<EnterpriseDoc>): Promise<EnterpriseDoc[]> {
    return (await this.model.find(filter).lean().exec()) as EnterpriseDoc[];
  }
}

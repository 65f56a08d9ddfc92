import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter } from 'mongoose';
import { LINK_MODEL, LinkDoc } from './link.schema';

export type NewLink = Omit<LinkDoc, '_id' | 'createdAt'>;

/** The only place that touches the links collection. */
@Injectable()
export class LinksRepository {
  constructor(@InjectModel(LINK_MODEL) private readonly model: Model<LinkDoc>) {}

  async insert(doc: NewLink): Promise<LinkDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as LinkDoc;
  }

  async findById(id: string): Promise<LinkDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as LinkDoc | null;
  }

  async findByKey(key: string): Promise<LinkDoc | null> {
    return (await this.model.findOne({ key }).lean().exec()) as LinkDoc | null;
  }

  async delete(id: string): Promise<boolean> {
    if (!isObjectId(id)) return false;
    const res = await this.model.deleteOne({ _id: id }).exec();
    return res.deletedCount === 1;
  }

  list<T>(filter: QueryFilter<LinkDoc>, page: { limit?: number; cursor?: string }, toView: (d: LinkDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { QueryFilter, Model, Types, UpdateQuery } from 'mongoose';
import { ORGANIZATION_MODEL, OrganizationDoc, PendingEvent } from './organization.schema';

export type NewOrganizationDoc = Omit<OrganizationDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The only place that touches the organizations collection. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectModel(ORGANIZATION_MODEL) private readonly model: Model<OrganizationDoc>) {}

  async insert(doc: NewOrganizationDoc): Promise<OrganizationDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as OrganizationDoc;
  }

  async findById(id: string): Promise<OrganizationDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as OrganizationDoc | null;
  }

  async findLikelyDuplicate(country: string, cityKey: string, nameKeys: string[], excludeId?: string): Promise<OrganizationDoc | null> {
    const filter: QueryFilter<OrganizationDoc> = { country, cityKey, nameKeys: { $in: nameKeys } };
    if (excludeId) filter._id = { $ne: new Types.ObjectId(excludeId) };
    return (await this.model.findOne(filter).lean().exec()) as OrganizationDoc | null;
  }

  async update(id: string, update: UpdateQuery<OrganizationDoc>): Promise<OrganizationDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean().exec()) as OrganizationDoc | null;
  }

  async delete(id: string): Promise<boolean> {
    if (!isObjectId(id)) return false;
    const res = await this.model.deleteOne({ _id: id }).exec();
    return res.deletedCount === 1;
  }

  list<T>(filter: QueryFilter<OrganizationDoc>, page: { limit?: number; cursor?: string }, toView: (d: OrganizationDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }

  /** Streams matching documents (for map export) without loading them all at once. */
  cursor(filter: QueryFilter<OrganizationDoc>) {
    return this.model.find(filter).sort({ _id: 1 }).lean().cursor();
  }

  async withPendingEvents(limit: number): Promise<Array<Pick<OrganizationDoc, '_id' | 'pendingEvents' | 'version'>>> {
    return (await this.model
      .find({ 'pendingEvents.0': { $exists: true } }, { pendingEvents: 1, version: 1 })
      .limit(limit)
      .lean()
      .exec()) as Array<Pick<OrganizationDoc, '_id' | 'pendingEvents' | 'version'>>;
  }

  /**
   * Clears the outbox of a document once its events are published, only if no write happened since
   * it was read (every write that adds an event bumps `version`). A lost race just means the events
   * go out again and JetStream drops them as duplicates. ($pull with a condition is not used: FerretDB
   * v1 ignores conditions inside $pull.)
   */
  async clearPendingEvents(id: Types.ObjectId, version: number): Promise<boolean> {
    const res = await this.model.updateOne({ _id: id, version }, { $set: { pendingEvents: [] } }).exec();
    return res.modifiedCount === 1;
  }

  static toPendingEvent(subject: string, payload: Record<string, unknown>): PendingEvent {
    return { id: new Types.ObjectId().toHexString(), subject, payload, createdAt: new Date() };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, Page } from '@vidnova/contracts';
import { pageSize } from '@vidnova/mongo';
import { Model, QueryFilter } from 'mongoose';
import { ENTERPRISE_MODEL, EnterpriseDoc } from './enterprise.schema';

export type NewEnterpriseDoc = Omit<EnterpriseDoc, '_id' | 'createdAt' | 'updatedAt'>;

/**
 * The only place that touches the enterprises collection. Documents are keyed by EDRPOU (`_id` = `edrpou`): a
 * read of one enterprise is an `_id` lookup, which FerretDB v1 on SQLite answers without scanning the collection
 * (any other filter scans it).
 */
@Injectable()
export class EnterprisesRepository {
  constructor(@InjectModel(ENTERPRISE_MODEL) private readonly model: Model<EnterpriseDoc>) {}

  /** Inserts the enterprise; null when its EDRPOU is already registered (the `_id` refuses a second one). */
  async insert(doc: NewEnterpriseDoc): Promise<EnterpriseDoc | null> {
    try {
      const created = await this.model.create({ _id: doc.edrpou, ...doc });
      return created.toObject() as EnterpriseDoc;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return null;
      throw e;
    }
  }

  async findByEdrpou(edrpou: string): Promise<EnterpriseDoc | null> {
    return (await this.model.findById(edrpou).lean().exec()) as EnterpriseDoc | null;
  }

  async update(edrpou: string, set: Partial<NewEnterpriseDoc>): Promise<EnterpriseDoc | null> {
    return (await this.model.findOneAndUpdate({ _id: edrpou }, { $set: set }, { new: true }).lean().exec()) as EnterpriseDoc | null;
  }

  async delete(edrpou: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: edrpou }).exec()).deletedCount === 1;
  }

  /**
   * Keyset pages, newest first: by `createdAt` then `_id` (the EDRPOU) descending, the cursor carrying both
   * (libs/mongo `paginate` pages by ObjectId `_id`, which these documents no longer have).
   */
  async list<T>(filter: QueryFilter<EnterpriseDoc>, page: { limit?: number; cursor?: string }, toView: (d: EnterpriseDoc) => T): Promise<Page<T>> {
    const limit = pageSize(page.limit);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const query: QueryFilter<EnterpriseDoc> = after
      ? { $and: [filter, { $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: after.id } }] }] }
      : filter;
    const docs = (await this.model.find(query).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean().exec()) as EnterpriseDoc[];
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toView), nextCursor: docs.length > limit && last ? encodeCursor(last) : null };
  }

  /** What the KPIs take from every enterprise (kpis/kpi-store.ts), without the rest of the documents. */
  async findStamps(): Promise<Pick<EnterpriseDoc, 'edrpou' | 'sector' | 'oblast' | 'staff'>[]> {
    return (await this.model.find({}, { _id: 0, edrpou: 1, sector: 1, oblast: 1, staff: 1 }).lean().exec()) as Pick<EnterpriseDoc, 'edrpou' | 'sector' | 'oblast' | 'staff'>[];
  }

  async find(filter: QueryFilter<EnterpriseDoc>): Promise<EnterpriseDoc[]> {
    return (await this.model.find(filter).lean().exec()) as EnterpriseDoc[];
  }
}

function encodeCursor(d: EnterpriseDoc): string {
  return Buffer.from(JSON.stringify({ at: new Date(d.createdAt).toISOString(), id: d._id })).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    const at = typeof parsed.at === 'string' ? new Date(parsed.at) : null;
    if (at && !Number.isNaN(at.getTime()) && typeof parsed.id === 'string') return { at, id: parsed.id };
  } catch {
    // fall through
  }
  throw new DomainError('validation_failed', 'The cursor is not valid', undefined, [{ field: 'cursor', message: 'cursor must be a value returned as nextCursor' }]);
}

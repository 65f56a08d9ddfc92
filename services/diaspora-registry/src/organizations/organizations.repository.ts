import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { QueryFilter, Model, Types, UpdateQuery } from 'mongoose';
import { KEYS_COMPLETE, ORGANIZATION_KEY_MODEL, ORGANIZATION_MODEL, OrganizationDoc, OrganizationKeyDoc } from './organization.schema';

export type NewOrganizationDoc = Omit<OrganizationDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** The duplicate-check key of one name of an organisation (see OrganizationKeyDoc). */
export const duplicateKey = (country: string, cityKey: string, nameKey: string): string => `${country}|${cityKey}|${nameKey}`;

const isDuplicateKeyError = (e: unknown): boolean => (e as { code?: number })?.code === 11000 || (e as { writeErrors?: Array<{ code?: number }> })?.writeErrors?.every((w) => w.code === 11000) === true;

/** The only place that touches the organizations collection (and its duplicate-check keys). */
@Injectable()
export class OrganizationsRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrganizationsRepository.name);
  /** Every organisation has its keys (known once the backfill is recorded). */
  private keysComplete = false;

  constructor(
    @InjectModel(ORGANIZATION_MODEL) private readonly model: Model<OrganizationDoc>,
    @InjectModel(ORGANIZATION_KEY_MODEL) private readonly keys: Model<OrganizationKeyDoc>,
  ) {}

  /** Writes the keys of organisations stored before keys existed, in the background, once. */
  onApplicationBootstrap(): void {
    void this.backfillKeys().catch((e: unknown) => this.logger.error({ err: e }, 'writing organisation duplicate-check keys failed'));
  }

  async backfillKeys(): Promise<void> {
    if (await this.keys.exists({ _id: KEYS_COMPLETE })) {
      this.keysComplete = true;
      return;
    }
    let batch: OrganizationDoc[] = [];
    const flush = async () => {
      await this.addKeys(batch);
      batch = [];
    };
    for await (const d of this.model.find({}, { country: 1, cityKey: 1, nameKeys: 1 }).lean().cursor({ batchSize: 1000 })) {
      batch.push(d as OrganizationDoc);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    await this.keys.create({ _id: KEYS_COMPLETE, orgId: new Types.ObjectId('000000000000000000000000') }).catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e;
    });
    this.keysComplete = true;
  }

  /** Records the duplicate-check keys of these organisations where no marker exists yet. */
  private async addKeys(docs: Array<Pick<OrganizationDoc, '_id' | 'country' | 'cityKey' | 'nameKeys'>>): Promise<void> {
    const markers = docs.flatMap((d) => (d.nameKeys ?? []).map((k) => ({ _id: duplicateKey(d.country, d.cityKey, k), orgId: d._id })));
    if (!markers.length) return;
    await this.keys.collection.insertMany(markers as never[], { ordered: false }).catch((e: unknown) => {
      if (!isDuplicateKeyError(e)) throw e; // a marker exists already: it stays (checked when read)
    });
  }

  /**
   * Duplicate-check keys first, then the record: a crash between the two leaves a key pointing at no
   * record (repaired when read), never a record without its keys — which a request retried after the
   * crash (same Idempotency-Key, no stored reply) would create a second time (seen in the replicas bench).
   */
  async insert(doc: NewOrganizationDoc): Promise<OrganizationDoc> {
    const _id = new Types.ObjectId();
    await this.addKeys([{ _id, country: doc.country, cityKey: doc.cityKey, nameKeys: doc.nameKeys }]);
    return (await this.model.create({ _id, ...doc })).toObject() as OrganizationDoc;
  }

  async findById(id: string): Promise<OrganizationDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as OrganizationDoc | null;
  }

  /**
   * An organisation in the same country and city with one of these name keys (another one than
   * `excludeId`). Reads the precomputed keys by `_id` (flat cost as the registry grows); the filtered
   * query runs only for a stale key or before the keys of older records are written. A key that points
   * at `excludeId` itself is skipped: that record had the name already, and any other record sharing
   * it was created with allowDuplicate.
   */
  async findLikelyDuplicate(country: string, cityKey: string, nameKeys: string[], excludeId?: string): Promise<OrganizationDoc | null> {
    if (!this.keysComplete) return this.scanDuplicate(country, cityKey, nameKeys, excludeId);
    for (const k of nameKeys) {
      const marker = await this.keys.findById(duplicateKey(country, cityKey, k)).lean().exec();
      if (!marker || String(marker.orgId) === excludeId) continue;
      const org = (await this.model.findById(marker.orgId).lean().exec()) as OrganizationDoc | null;
      if (org && org.country === country && org.cityKey === cityKey && (org.nameKeys ?? []).includes(k)) return org;
      // Stale: the record was renamed, moved or deleted. The query decides, and the key is repaired.
      const found = await this.scanDuplicate(country, cityKey, [k], excludeId);
      if (found) await this.keys.updateOne({ _id: marker._id }, { $set: { orgId: found._id } }).exec();
      else await this.keys.deleteOne({ _id: marker._id, orgId: marker.orgId }).exec();
      if (found) return found;
    }
    return null;
  }

  private async scanDuplicate(country: string, cityKey: string, nameKeys: string[], excludeId?: string): Promise<OrganizationDoc | null> {
    const filter: QueryFilter<OrganizationDoc> = { country, cityKey, nameKeys: { $in: nameKeys } };
    if (excludeId) filter._id = { $ne: new Types.ObjectId(excludeId) };
    return (await this.model.findOne(filter).lean().exec()) as OrganizationDoc | null;
  }

  async update(id: string, update: UpdateQuery<OrganizationDoc>): Promise<OrganizationDoc | null> {
    if (!isObjectId(id)) return null;
    const updated = (await this.model.findByIdAndUpdate(id, update, { returnDocument: 'after' }).lean().exec()) as OrganizationDoc | null;
    if (updated) await this.addKeys([updated]);
    return updated;
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
}

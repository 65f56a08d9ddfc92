import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectId } from '@vidnova/mongo';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { HOST_STAT_MODEL, HostStatDoc } from './host-stat.schema';
import { HOST_STATS_IMPORT_MODEL, HostStatsImportDoc } from './host-stats-import.schema';

export type HostStatValues = Omit<HostStatDoc, '_id'>;

export type HostStatsImportChanges = Partial<Omit<HostStatsImportDoc, '_id' | 'startedAt' | 'startedBy'>>;

/** The only place that touches the host_country_statistics collection and its import records. */
@Injectable()
export class HostStatsRepository {
  constructor(
    @InjectModel(HOST_STAT_MODEL) private readonly model: Model<HostStatDoc>,
    @InjectModel(HOST_STATS_IMPORT_MODEL) private readonly imports: Model<HostStatsImportDoc>,
  ) {}

  async createImport(startedBy: string | undefined): Promise<HostStatsImportDoc> {
    const created = await this.imports.create({ status: 'processing', startedAt: new Date(), ...(startedBy ? { startedBy } : {}) });
    return created.toObject() as HostStatsImportDoc;
  }

  async updateImport(id: HostStatsImportDoc['_id'], changes: HostStatsImportChanges): Promise<void> {
    await this.imports.updateOne({ _id: id }, { $set: changes }).exec();
  }

  async findImport(id: string): Promise<HostStatsImportDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.imports.findById(id).lean().exec()) as HostStatsImportDoc | null;
  }

  async byKeys(keys: string[]): Promise<Array<Pick<HostStatDoc, 'key' | 'refugees'>>> {
    return (await this.model.find({ key: { $in: keys } }, { key: 1, refugees: 1 }).lean().exec()) as Array<Pick<HostStatDoc, 'key' | 'refugees'>>;
  }

  /**
   * Stores new observations and changes existing ones (keyed by country and month); repeating it
   * changes nothing. New ones go in one insertMany: FerretDB v1 runs each upsert of a bulkWrite as a
   * separate slow statement (~40 ms each on SQLite), insertMany is ~25 times faster. An observation
   * inserted by a concurrent import in between (duplicate key) is then written as an upsert.
   */
  async write(fresh: HostStatValues[], changed: HostStatValues[]): Promise<void> {
    const upserts = [...changed];
    if (fresh.length) {
      try {
        await this.model.insertMany(fresh, { ordered: false });
      } catch (e) {
        const failed = new Set(writeErrorIndexes(e));
        if (!failed.size) throw e;
        upserts.push(...fresh.filter((_, i) => failed.has(i)));
      }
    }
    if (!upserts.length) return;
    const ops: AnyBulkWriteOperation<HostStatDoc>[] = upserts.map((v) => ({
      updateOne: { filter: { key: v.key }, update: { $set: v }, upsert: true },
    }));
    await this.model.bulkWrite(ops, { ordered: false });
  }

  async series(country: string): Promise<Array<Pick<HostStatDoc, 'month' | 'refugees' | 'source'>>> {
    return (await this.model.find({ country }, { month: 1, refugees: 1, source: 1 }).sort({ month: 1 }).lean().exec()) as Array<
      Pick<HostStatDoc, 'month' | 'refugees' | 'source'>
    >;
  }
}

/** Indexes of the documents an unordered insertMany refused as duplicates (empty for any other error). */
function writeErrorIndexes(e: unknown): number[] {
  const errors = (e as { writeErrors?: Array<{ index?: number; code?: number; err?: { index?: number; code?: number } }> }).writeErrors ?? [];
  const dup = errors.map((w) => ({ index: w.index ?? w.err?.index, code: w.code ?? w.err?.code }));
  if (!dup.length || dup.some((d) => d.code !== 11000 || d.index === undefined)) return [];
  return dup.map((d) => d.index!);
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { HOST_STAT_MODEL, HostStatDoc } from './host-stat.schema';

export type HostStatValues = Omit<HostStatDoc, '_id'>;

/** The only place that touches the host_country_statistics collection. */
@Injectable()
export class HostStatsRepository {
  constructor(@InjectModel(HOST_STAT_MODEL) private readonly model: Model<HostStatDoc>) {}

  async byKeys(keys: string[]): Promise<Array<Pick<HostStatDoc, 'key' | 'refugees'>>> {
    return (await this.model.find({ key: { $in: keys } }, { key: 1, refugees: 1 }).lean().exec()) as Array<Pick<HostStatDoc, 'key' | 'refugees'>>;
  }

  /** Writes observations keyed by country and month; repeating it changes nothing. */
  async upsert(values: HostStatValues[]): Promise<void> {
    if (!values.length) return;
    const ops: AnyBulkWriteOperation<HostStatDoc>[] = values.map((v) => ({
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

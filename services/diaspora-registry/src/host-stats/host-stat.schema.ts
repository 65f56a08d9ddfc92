import { Schema, Types } from 'mongoose';

export const HOST_STAT_MODEL = 'HostCountryStatistic';

/** One observation: refugees from Ukraine recorded in a host country in a month. */
export interface HostStatDoc {
  _id: Types.ObjectId;
  /** `${country}:${month}`: one observation per country and month. */
  key: string;
  country: string;
  month: string;
  refugees: number;
  sourceCountryName?: string;
  source: string;
  importedAt: Date;
}

export const HostStatSchema = new Schema<HostStatDoc>(
  {
    key: { type: String, required: true },
    country: { type: String, required: true },
    month: { type: String, required: true },
    refugees: { type: Number, required: true },
    sourceCountryName: String,
    source: { type: String, required: true },
    importedAt: { type: Date, required: true },
  },
  { collection: 'host_country_statistics', versionKey: false },
);

HostStatSchema.index({ key: 1 }, { unique: true });
HostStatSchema.index({ country: 1, month: 1 });

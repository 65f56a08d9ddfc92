import { Schema } from 'mongoose';
import type { LegalForm, Sector } from '@vidnova/contracts';

export const ENTERPRISE_MODEL = 'Enterprise';

/**
 * One registered enterprise, keyed by its EDRPOU (`_id` = `edrpou`, migration 1): every request that names an
 * enterprise reads it by `_id`, the one filter FerretDB v1 on SQLite answers without scanning the collection.
 */
export interface EnterpriseDoc {
  _id: string;
  edrpou: string;
  name: { uk: string; en?: string };
  legalForm: LegalForm;
  sector: Sector;
  community: string;
  /** Oblast KATOTTG of the community (libs/reference), for oblast benchmarks. */
  oblast?: string;
  staff: { year: number; count: number }[];
  /** Organisation of the key that registered it. */
  owner?: string;
  communities: string[];
  /** Lower-cased names and EDRPOU, for `q`. */
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
}

export const EnterpriseSchema = new Schema<EnterpriseDoc>(
  {
    _id: String,
    edrpou: { type: String, required: true },
    name: { uk: { type: String, required: true }, en: String },
    legalForm: { type: String, required: true },
    sector: { type: String, required: true },
    community: { type: String, required: true },
    oblast: String,
    staff: [{ _id: false, year: Number, count: Number }],
    owner: String,
    communities: [String],
    searchText: String,
  },
  { timestamps: true, collection: 'enterprises' },
);
// No index on `edrpou`: it is the `_id`. Listing pages by (createdAt, _id), newest first.
EnterpriseSchema.index({ createdAt: -1, _id: -1 });
EnterpriseSchema.index({ community: 1 });
EnterpriseSchema.index({ sector: 1 });

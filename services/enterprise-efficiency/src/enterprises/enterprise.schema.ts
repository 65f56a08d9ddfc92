import { Schema, Types } from 'mongoose';
import type { LegalForm, Sector } from '@vidnova/contracts';

export const ENTERPRISE_MODEL = 'Enterprise';

export interface EnterpriseDoc {
  _id: Types.ObjectId;
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
EnterpriseSchema.index({ edrpou: 1 }, { unique: true });
EnterpriseSchema.index({ community: 1 });
EnterpriseSchema.index({ sector: 1 });

import { Schema, Types } from 'mongoose';
import type { ConceptContent, ConceptStatus } from '@vidnova/contracts';

export const CONCEPT_MODEL = 'RecoveryConcept';

export interface ConceptVersionDoc {
  version: number;
  status: ConceptStatus;
  changedAt: Date;
  changedBy?: string;
  reason?: string;
  content: ConceptContent;
}

export interface ConceptDoc extends ConceptContent {
  _id: Types.ObjectId;
  consultationId: Types.ObjectId;
  communityCode: string | null;
  status: ConceptStatus;
  /** The organisation of the key that drafted it (absent for keys without one and for older records). */
  owner?: string;
  version: number;
  /** Every state of the concept, oldest first: who changed it, when and why. */
  versions: ConceptVersionDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const Localized = new Schema({ uk: String, en: String }, { _id: false });
const Timeline = new Schema({ start: String, end: String }, { _id: false });
const contentFields = {
  title: Localized,
  summary: Localized,
  categories: { type: [String], default: [] },
  priorityListId: String,
  estimatedCostKopiykas: Number,
  fundingSources: { type: [String], default: [] },
  responsibleBody: String,
  timeline: { type: Timeline, required: false },
};

export const ConceptSchema = new Schema<ConceptDoc>(
  {
    consultationId: { type: Schema.Types.ObjectId, required: true },
    communityCode: { type: String, default: null },
    ...contentFields,
    status: { type: String, required: true },
    owner: String,
    version: { type: Number, required: true },
    versions: {
      type: [new Schema({ version: Number, status: String, changedAt: Date, changedBy: String, reason: String, content: new Schema(contentFields, { _id: false }) }, { _id: false })],
      default: [],
    },
  },
  { collection: 'concepts', timestamps: true, versionKey: false },
);

ConceptSchema.index({ consultationId: 1, _id: -1 });

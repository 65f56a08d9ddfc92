import { Schema, Types } from 'mongoose';
import type { InitiativeView } from '@vidnova/contracts';

export const INITIATIVE_MODEL = 'Initiative';

export interface InitiativeDoc extends Omit<InitiativeView, 'id' | 'createdAt' | 'updatedAt'> {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const Text = new Schema({ uk: String, en: String }, { _id: false });
const Money = new Schema({ amountMinor: { type: Number, required: true }, currency: { type: String, required: true } }, { _id: false });

export const InitiativeSchema = new Schema<InitiativeDoc>(
  {
    title: { type: Text, required: true },
    description: { type: Text, required: false },
    type: { type: String, required: true },
    status: { type: String, required: true, default: 'planned' },
    organizerIds: { type: [String], required: true },
    startDate: String,
    endDate: String,
    amountsRaised: { type: [Money], default: [] },
    targetCommunityCode: String,
    owner: String,
    url: String,
  },
  { collection: 'initiatives', timestamps: true, versionKey: false },
);

InitiativeSchema.index({ organizerIds: 1 });
InitiativeSchema.index({ targetCommunityCode: 1 });
InitiativeSchema.index({ type: 1, status: 1 });

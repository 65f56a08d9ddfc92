import { Schema, Types } from 'mongoose';
import type { LinkView } from '@vidnova/contracts';

export const LINK_MODEL = 'Link';

export interface LinkDoc extends Omit<LinkView, 'id' | 'createdAt'> {
  _id: Types.ObjectId;
  /** Registry organisations on either side, for "links of this organisation". */
  organizationIds: string[];
  /** Identity of the link (both parties and type) for refusing the same link twice. */
  key: string;
  createdAt: Date;
}

const Party = new Schema({ kind: { type: String, required: true }, ref: String, name: String }, { _id: false });

export const LinkSchema = new Schema<LinkDoc>(
  {
    from: { type: Party, required: true },
    to: { type: Party, required: true },
    type: { type: String, required: true },
    since: String,
    note: String,
    organizationIds: { type: [String], default: [] },
    owner: String,
    key: { type: String, required: true },
  },
  { collection: 'links', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

LinkSchema.index({ key: 1 }, { unique: true });
LinkSchema.index({ organizationIds: 1 });

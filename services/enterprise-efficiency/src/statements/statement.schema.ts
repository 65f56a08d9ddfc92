import { Schema } from 'mongoose';
import type { IdentityCheck, StatementUnit } from '@vidnova/contracts';

export const STATEMENT_MODEL = 'Statement';

export interface StatementVersion {
  version: number;
  unit: StatementUnit;
  /** Lines in kopiykas by `R<line>G<column>`. */
  lines: Record<string, number>;
  identities: IdentityCheck[];
  flagged: boolean;
  source?: string;
  postedAt: Date;
  postedBy?: string;
}

/** One statement per enterprise and year (`_id` = `<edrpou>:<year>`); earlier postings are kept in `history`. */
export interface StatementDoc extends StatementVersion {
  _id: string;
  edrpou: string;
  year: number;
  history: StatementVersion[];
}

export const StatementSchema = new Schema<StatementDoc>(
  {
    _id: String,
    edrpou: { type: String, required: true },
    year: { type: Number, required: true },
    version: Number,
    unit: String,
    lines: { type: Schema.Types.Mixed },
    identities: { type: Schema.Types.Mixed },
    flagged: Boolean,
    source: String,
    postedAt: Date,
    postedBy: String,
    history: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: 'statements', minimize: false },
);
StatementSchema.index({ edrpou: 1, year: 1 });
StatementSchema.index({ year: 1 });

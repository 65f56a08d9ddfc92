import { Schema } from 'mongoose';
import type { Role } from './roles';

export const API_KEY_MODEL = 'ApiKey';

export interface ApiKeyDoc {
  keyId: string;
  /** SHA-256 of the full key; keys are 256-bit random, so a fast hash is enough and the key itself is never stored. */
  hash: string;
  prefix: string;
  name: string;
  role: Role;
  /** The partner organisation the key belongs to (owner of what it writes). */
  organization?: string;
  /** Communities (KATOTTG) an editor key may change; none = all. */
  communities?: string[];
  createdBy: string;
  createdAt: Date;
  revokedAt?: Date;
  revokedBy?: string;
}

export const ApiKeySchema = new Schema<ApiKeyDoc>(
  {
    keyId: { type: String, required: true, unique: true },
    hash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true },
    organization: String,
    communities: { type: [String], default: undefined },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: Date,
    revokedBy: String,
  },
  { collection: 'api_keys', versionKey: false },
);

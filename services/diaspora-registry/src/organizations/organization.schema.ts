import { Schema, Types } from 'mongoose';
import type { OrganizationView } from '@vidnova/contracts';
import { PendingEvent, PendingEventsField } from '@vidnova/mongo';

/** The organisations' collection (the outbox relay is told which document to publish by it). */
export const ORGANIZATIONS_COLLECTION = 'organizations';

export const ORGANIZATION_MODEL = 'Organization';

export interface OrganizationDoc extends Omit<OrganizationView, 'id' | 'createdAt' | 'updatedAt' | 'personalDataErasedAt'> {
  _id: Types.ObjectId;
  /** Normalised names (original, uk, en) for duplicate detection. */
  nameKeys: string[];
  cityKey: string;
  /** Transliterated, normalised names and city for `q` search. */
  searchText: string;
  /** searchPrefixes(searchText): what a `q` word is looked up by (normalize.ts). */
  searchPrefixes: string[];
  /**
   * The same prefixes again, for a query's second word: FerretDB v1 pushes down one equality per
   * field (not `$all` or `$and`), so two words are looked up together only through two fields; the
   * storage then returns the organisations having both, not every one having a common word.
   */
  searchPrefixes2: string[];
  personalDataErasedAt?: Date;
  erasures: Array<{ at: Date; by?: string; correlationId?: string; fields: string[] }>;
  /** Outbox: events recorded with the change they describe, published after the write. */
  pendingEvents: PendingEvent[];
  createdAt: Date;
  updatedAt: Date;
}

const LocalizedName = new Schema({ original: { type: String, required: true }, uk: String, en: String }, { _id: false });

export const OrganizationSchema = new Schema<OrganizationDoc>(
  {
    name: { type: LocalizedName, required: true },
    country: { type: String, required: true },
    city: { type: String, required: true },
    cityLocation: { type: new Schema({ lat: Number, lon: Number }, { _id: false }), required: false },
    type: { type: String, required: true },
    focusAreas: { type: [String], default: [] },
    foundedYear: Number,
    foundedOn: String,
    foundedAfterInvasion: { type: Boolean, default: null },
    website: String,
    contacts: { type: new Schema({ email: String, phone: String, social: [String] }, { _id: false }), required: false },
    contactPerson: {
      type: new Schema({ name: String, email: String, consentRecordedAt: String, consentNote: String }, { _id: false }),
      required: false,
    },
    languages: { type: [String], default: [] },
    sizeBand: String,
    verificationStatus: { type: String, default: 'unverified' },
    source: { type: new Schema({ name: String, url: String, retrievedAt: String }, { _id: false }), required: false },
    communityCodes: { type: [String], default: [] },
    owner: String,
    nameKeys: { type: [String], default: [] },
    cityKey: { type: String, required: true },
    searchText: { type: String, default: '' },
    searchPrefixes: { type: [String], default: [] },
    searchPrefixes2: { type: [String], default: [] },
    personalDataErasedAt: Date,
    erasures: { type: [new Schema({ at: Date, by: String, correlationId: String, fields: [String] }, { _id: false })], default: [] },
    pendingEvents: PendingEventsField,
    version: { type: Number, default: 1 },
  },
  { collection: ORGANIZATIONS_COLLECTION, timestamps: true, versionKey: false },
);

OrganizationSchema.index({ country: 1, cityKey: 1, nameKeys: 1 });
OrganizationSchema.index({ type: 1 });
OrganizationSchema.index({ focusAreas: 1 });
OrganizationSchema.index({ communityCodes: 1 });
OrganizationSchema.index({ searchPrefixes: 1 });
OrganizationSchema.index({ 'pendingEvents.id': 1 }, { sparse: true });

export const ORGANIZATION_KEY_MODEL = 'OrganizationKey';

/**
 * A precomputed duplicate-check key: `_id` = `<country>|<cityKey>|<nameKey>`, pointing at an
 * organisation that has it. The duplicate check reads these by `_id`, the one filter FerretDB v1 serves
 * without reading the whole collection on SQLite (it pushes down only `{_id: value}`; a
 * `{country, cityKey, nameKeys: {$in}}` query scans: 842 ms at 16k organisations in issue 12). A marker
 * is a hint, checked against the organisation it names; a stale one (record renamed or deleted) falls
 * back to the query and is repaired.
 */
export interface OrganizationKeyDoc {
  _id: string;
  orgId: Types.ObjectId;
}

export const OrganizationKeySchema = new Schema<OrganizationKeyDoc>(
  { _id: { type: String, required: true }, orgId: { type: Schema.Types.ObjectId, required: true } },
  { collection: 'organization_keys', versionKey: false },
);

/** Marker `_id` of the one document that records that every organisation has its markers. */
export const KEYS_COMPLETE = '#complete-v1';

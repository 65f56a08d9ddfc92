import { Schema, Types } from 'mongoose';
import type { AccessibilityService, StakeholderGroup } from '@vidnova/contracts';
import { PendingEvent, PendingEventsField } from '@vidnova/mongo';

export const REGISTRATION_MODEL = 'DialogueRegistration';

/**
 * One registration. `state`: `active`, `cancelled`; `pending` (never shown) only in data written before
 * registrations were placed in batches (SeatBatches stores a registration once its seat or place is taken),
 * which RegistrationRecovery still finishes. Whether an active one holds a seat or waits is the event's business
 * (EventDoc.waitlist), so promotion never needs a second document written atomically with the first.
 */
export interface RegistrationDoc {
  _id: Types.ObjectId;
  eventId: string;
  /** Personal data: removed by erasure. */
  name?: string;
  email?: string;
  consentRecordedAt?: string;
  consentNote?: string;
  stakeholderGroup: StakeholderGroup;
  organization?: string;
  language?: string;
  accessibilityNeeds: AccessibilityService[];
  /** SHA-256 of the cancellation token; the token itself is shown once and never stored. */
  tokenHash: string;
  state: 'pending' | 'active' | 'cancelled';
  checkedInAt?: Date;
  cancelledAt?: Date;
  /** Set once a cancelled registration's seat or waitlist place was given back (RegistrationRecovery finishes it after a crash). */
  seatReleasedAt?: Date;
  promotedAt?: Date;
  personalDataErasedAt?: Date;
  erasures: Array<{ at: Date; by?: string; correlationId?: string; fields: string[] }>;
  pendingEvents: PendingEvent[];
  outboxVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const RegistrationSchema = new Schema<RegistrationDoc>(
  {
    eventId: { type: String, required: true },
    name: String,
    email: String,
    consentRecordedAt: String,
    consentNote: String,
    stakeholderGroup: { type: String, required: true },
    organization: String,
    language: String,
    accessibilityNeeds: { type: [String], default: [] },
    tokenHash: { type: String, required: true },
    state: { type: String, required: true },
    checkedInAt: Date,
    cancelledAt: Date,
    seatReleasedAt: Date,
    promotedAt: Date,
    personalDataErasedAt: Date,
    erasures: { type: [new Schema({ at: Date, by: String, correlationId: String, fields: [String] }, { _id: false })], default: [] },
    pendingEvents: PendingEventsField,
    outboxVersion: { type: Number, default: 0 },
  },
  { collection: 'registrations', timestamps: true, versionKey: false },
);

RegistrationSchema.index({ eventId: 1, state: 1 });
// The organisers' CSV export reads an event's registrations a page at a time in _id order.
RegistrationSchema.index({ eventId: 1, _id: 1 });
RegistrationSchema.index({ state: 1, updatedAt: 1 });
RegistrationSchema.index({ tokenHash: 1 }, { unique: true });

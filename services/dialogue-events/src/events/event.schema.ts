import { Schema, Types } from 'mongoose';
import type {
  AccessibilityService,
  AgendaItem,
  AttendanceCount,
  DialogueLevel,
  EventFormat,
  EventStatus,
  EventText,
  LocalizedText,
  Organiser,
  StakeholderGroup,
  Venue,
} from '@vidnova/contracts';

export const EVENT_MODEL = 'DialogueEvent';

export interface StatusEntry {
  status: EventStatus;
  at: Date;
  by?: string;
  reason?: string;
}

export interface MinutesDoc {
  text: LocalizedText;
  attendance?: AttendanceCount[];
  decisions: LocalizedText[];
  recordedAt: Date;
  by?: string;
}

export interface PlacingBatch {
  at: Date;
  /** Registration ids, each holding a seat or a waitlist place. */
  ids: string[];
  /** The stakeholder group of each id (same order), counted in `registrationCounts.active`; absent in batches written before counts. */
  groups?: StakeholderGroup[];
}

/**
 * The event's registrations counted by stakeholder group, kept in the same single-document updates as the
 * seats (EventsRepository: placeBatch, release, checkIn), so the public summary and the involvement figures
 * read events, never registrations. `active`: registrations not cancelled (confirmed and waitlisted);
 * `checkedIn`: those of them that checked in (their ids in `checkedInIds`).
 */
export interface RegistrationCounts {
  active: Partial<Record<StakeholderGroup, number>>;
  checkedIn: Partial<Record<StakeholderGroup, number>>;
}

export const emptyRegistrationCounts = (): RegistrationCounts => ({ active: {}, checkedIn: {} });

/** The number of registrations a group count holds (groups at 0 or below left out). */
export const countTotal = (counts: Partial<Record<StakeholderGroup, number>> | undefined): number =>
  Object.values(counts ?? {}).reduce((s: number, n) => s + Math.max(0, n ?? 0), 0);

/**
 * One event. The seats are counted here, in the same document as the event, so that every change of
 * who holds a seat is one atomic single-document update (FerretDB has no multi-document transactions):
 * `seatsTaken` confirmed registrations, `waitlist` the ids of waitlisted registrations in order, and
 * `released` the registrations whose seat or place was given back (so a repeated cancellation frees nothing twice).
 * A registration is confirmed when it is active and not on the waitlist.
 */
export interface EventDoc {
  _id: Types.ObjectId;
  title: EventText;
  description?: LocalizedText;
  level: DialogueLevel;
  communities: string[];
  hostCountries: string[];
  format: EventFormat;
  venue?: Venue;
  onlineUrl?: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  languages: string[];
  accessibility: AccessibilityService[];
  capacity?: number;
  waitlistEnabled: boolean;
  registrationOpensAt?: Date;
  registrationClosesAt?: Date;
  organisers: Organiser[];
  agenda: AgendaItem[];
  status: EventStatus;
  statusHistory: StatusEntry[];
  owner?: string;
  minutes?: MinutesDoc;
  seatsTaken: number;
  waitlist: string[];
  waitlistCount: number;
  released: string[];
  registrationCounts: RegistrationCounts;
  /** Registrations that checked in (counted in `registrationCounts.checkedIn`; a cancellation takes one out once). */
  checkedInIds: string[];
  /**
   * Registration batches whose seats or places are taken but whose registrations may not be stored yet
   * (SeatBatches), by a random key: normally gone within the batch; RegistrationRecovery finishes one left by a crash.
   */
  placing?: Record<string, PlacingBatch>;
  /** iCalendar SEQUENCE: raised on every change of the event. */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export const EventSchema = new Schema<EventDoc>(
  {
    title: { type: Schema.Types.Mixed, required: true },
    description: Schema.Types.Mixed,
    level: { type: String, required: true },
    communities: { type: [String], default: [] },
    hostCountries: { type: [String], default: [] },
    format: { type: String, required: true },
    venue: Schema.Types.Mixed,
    onlineUrl: String,
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timeZone: { type: String, required: true },
    languages: { type: [String], default: [] },
    accessibility: { type: [String], default: [] },
    capacity: Number,
    waitlistEnabled: { type: Boolean, default: true },
    registrationOpensAt: Date,
    registrationClosesAt: Date,
    organisers: { type: Schema.Types.Mixed, default: [] },
    agenda: { type: Schema.Types.Mixed, default: [] },
    status: { type: String, required: true },
    statusHistory: { type: Schema.Types.Mixed, default: [] },
    owner: String,
    minutes: Schema.Types.Mixed,
    seatsTaken: { type: Number, default: 0 },
    waitlist: { type: [String], default: [] },
    waitlistCount: { type: Number, default: 0 },
    released: { type: [String], default: [] },
    registrationCounts: { type: Schema.Types.Mixed, default: emptyRegistrationCounts },
    checkedInIds: { type: [String], default: [] },
    placing: { type: Schema.Types.Mixed, default: {} },
    sequence: { type: Number, default: 0 },
  },
  { collection: 'events', timestamps: true, versionKey: false, minimize: false },
);

EventSchema.index({ communities: 1, startsAt: 1 });
EventSchema.index({ level: 1, startsAt: 1 });
EventSchema.index({ status: 1 });

import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, StakeholderGroup } from '@vidnova/contracts';
import { randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { registrationOpen } from '../events/event-rules';
import { EventsRepository } from '../events/events.repository';
import { EventLock } from '../platform/event-lock';
import { REGISTRATION_MODEL, RegistrationDoc } from './registration.schema';
import { WaitlistPromotions } from './waitlist-promotions';

export type Placement = { status: 'confirmed' } | { status: 'waitlisted'; position: number };

/** A registration as it will be stored, not yet written. */
export type NewRegistration = Omit<RegistrationDoc, 'state' | 'createdAt' | 'updatedAt' | 'outboxVersion'>;

/** Most registrations placed under one lease (a few dozen arrive while one batch is being written). */
const MAX_BATCH = 64;

interface Waiting {
  doc: NewRegistration;
  resolve: (p: Placement) => void;
  reject: (e: unknown) => void;
}

/**
 * Places registrations of an event on seats or on its waitlist and stores them, several under one lease.
 *
 * Why batches: every seat change holds the event's lease (EventLock — FerretDB v1 loses concurrent
 * updates of one document, docs/decisions/0005), so the registrations of one event are placed one after the
 * other; and on FerretDB v1 over SQLite every write is a transaction of its own that concurrent writers
 * queue for (busy waits). One registration per lease cost five writes in sequence (lease, `pending` insert,
 * seat update of the event document — rewritten whole, with its waitlist —, activation, lease release).
 * Here the registrations that arrive in this process while a batch is being placed wait in memory and
 * are placed together by the next batch, under one lease:
 *
 * 1. the event is read; each registration, in arrival order, gets a seat while there are any, else a place
 *    at the end of the waitlist (if it has one), else a 409 — as one at a time would have;
 * 2. ONE update of the event, conditional on what was read (open, same capacity, seats and waitlist counts):
 *    seats `$inc`, waitlist `$push $each`, the registrations counted by group (`registrationCounts`), and the
 *    batch recorded in `placing.<batch>` (ids, their groups, time);
 * 3. ONE `insertMany` of the registrations, already `active`;
 * 4. the batch's `placing` entry is removed.
 *
 * A crash between 2 and 4 leaves the `placing` entry: RegistrationRecovery gives back the seat or place
 * of each id there that was never stored (the role the `pending` state had), once the entry is older than
 * STALE_AFTER_MS. Registrations become visible only in step 3, so nobody sees one without a seat.
 */
@Injectable()
export class SeatBatches {
  private readonly logger = new Logger(SeatBatches.name);
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    @InjectModel(REGISTRATION_MODEL) private readonly model: Model<RegistrationDoc>,
    private readonly eventsRepo: EventsRepository,
    private readonly lock: EventLock,
    private readonly promotions: WaitlistPromotions,
  ) {}

  /**
   * Places and stores this registration. A DomainError means nothing was taken or stored; after any other
   * error the registration was not stored, and a seat it may have taken is given back (here, or by
   * RegistrationRecovery).
   */
  place(doc: NewRegistration): Promise<Placement> {
    return new Promise<Placement>((resolve, reject) => {
      const queue = this.waiting.get(doc.eventId);
      if (queue) return void queue.push({ doc, resolve, reject });
      this.waiting.set(doc.eventId, [{ doc, resolve, reject }]);
      void this.drain(doc.eventId);
    });
  }

  /** One batch at a time per event in this process, until nobody waits. */
  private async drain(eventId: string): Promise<void> {
    const queue = this.waiting.get(eventId)!;
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await this.lock.run(eventId, () => this.placeBatch(eventId, batch));
      } catch (e) {
        // The lease was not had (busy) or the batch failed before its registrations were settled.
        for (const w of batch) w.reject(e);
      }
    }
    this.waiting.delete(eventId);
  }

  /** Under the event's lease. Settles every registration of the batch, or throws before settling any. */
  private async placeBatch(eventId: string, batch: Waiting[]): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      // Without the id arrays (they grow with the event): `waitlistCount` is the waitlist's length, kept so by every update.
      const event = await this.eventsRepo.findById(eventId, { waitlist: 0, released: 0, checkedInIds: 0 });
      if (!event) throw DomainError.notFound('Event', eventId);
      const why = registrationOpen(event);
      if (why) throw new DomainError('invalid_state', `Registration refused: ${why}`, { eventStatus: event.status });
      const capacity = event.capacity ?? undefined;
      let seats = 0;
      const waitlisted: string[] = [];
      const decided = batch.map((w): Placement | null => {
        if (capacity === undefined || event.seatsTaken + seats < capacity) {
          seats++;
          return { status: 'confirmed' };
        }
        if (!event.waitlistEnabled) return null;
        waitlisted.push(String(w.doc._id));
        return { status: 'waitlisted', position: event.waitlistCount + waitlisted.length };
      });
      const placed = batch.filter((_, i) => decided[i]);
      const full = new DomainError('invalid_state', 'Registration refused: the event is full and has no waitlist', { capacity: event.capacity });
      if (!placed.length) return batch.forEach((w) => w.reject(full));

      const key = randomBytes(8).toString('hex');
      const ids = placed.map((w) => String(w.doc._id));
      const groups = placed.map((w) => w.doc.stakeholderGroup);
      const read = { capacity: event.capacity ?? null, seatsTaken: event.seatsTaken, waitlistCount: event.waitlistCount };
      // Changed meanwhile (a writer without the lease, or a lease that expired under a slow holder): read again once.
      if (!(await this.eventsRepo.placeBatch(eventId, read, seats, waitlisted, { key, at: new Date(), ids, groups }))) continue;
      try {
        await this.model.insertMany(
          placed.map((w) => ({ ...w.doc, state: 'active' })),
          { ordered: true },
        );
      } catch (e) {
        await this.undo(eventId, key, ids, groups);
        throw e;
      }
      await this.eventsRepo.placed(eventId, key).catch((e: unknown) => this.logger.warn(`placing entry ${key} of event ${eventId} left for recovery: ${(e as Error).message}`));
      batch.forEach((w, i) => (decided[i] ? w.resolve(decided[i]) : w.reject(full)));
      return;
    }
    throw new DomainError('conflict', 'The event is busy right now; repeat the request', { retryAfterSeconds: 1 });
  }

  /**
   * The registrations could not all be stored (a database error): the stored ones are deleted and every seat
   * or place of the batch (and its count) is given back, still under the lease. If this fails too, the
   * `placing` entry stays and RegistrationRecovery finishes it.
   */
  private async undo(eventId: string, key: string, ids: string[], groups: StakeholderGroup[]): Promise<void> {
    try {
      const mine = new Set(ids);
      for (let i = ids.length - 1; i >= 0; i--) {
        const id = ids[i];
        await this.model.deleteOne({ _id: id }).exec();
        const released = await this.eventsRepo.release(eventId, id, { group: groups[i] });
        // A seat given back while someone waits goes to the first waiting: announced if that is a stored registration.
        if (released.kind === 'promoted' && !mine.has(released.registrationId)) await this.promotions.announce(eventId, [released.registrationId]);
      }
      await this.eventsRepo.placed(eventId, key);
    } catch (e) {
      this.logger.warn(`placing entry ${key} of event ${eventId} left for recovery: ${(e as Error).message}`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError } from '@vidnova/contracts';
import { Model, Types } from 'mongoose';
import { registrationOpen } from '../events/event-rules';
import { EventsRepository } from '../events/events.repository';
import { EventLock } from '../platform/event-lock';
import { REGISTRATION_MODEL, RegistrationDoc } from './registration.schema';

export type Placement = { status: 'confirmed' } | { status: 'waitlisted'; position: number };

/** Most registrations placed under one lease (a few dozen arrive while one batch is being written). */
const MAX_BATCH = 64;

interface Waiting {
  id: Types.ObjectId;
  resolve: (p: Placement) => void;
  reject: (e: unknown) => void;
}

/**
 * Places `pending` registrations of an event on seats or on its waitlist, several under one lease.
 *
 * Why batches: every seat change holds the event's lease (EventLock — FerretDB v1 loses concurrent
 * updates of one document, docs/decisions/0005), so the registrations of one event are placed one
 * after the other. One registration per lease cost a lease insert and delete, a seat update of the event
 * document (rewritten whole, with its waitlist) and an activation, in sequence, for each person. Here the
 * registrations that arrive in this process while a batch is being placed wait in memory and are placed
 * together by the next one: one lease, one read and ONE conditional update of the event for the whole
 * batch (`$inc` seats, `$push $each` onto the waitlist), then their activations side by side (each its own
 * document, by `_id`). The guarantees are those of one registration at a time: decisions are made under
 * the lease, in arrival order, from the event as read under the lease; the update is conditional on that
 * read (seats and waitlist unchanged, still open), and every registration becomes `active` before the
 * lease is released (RegistrationRecovery relies on it).
 */
@Injectable()
export class SeatBatches {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    @InjectModel(REGISTRATION_MODEL) private readonly model: Model<RegistrationDoc>,
    private readonly eventsRepo: EventsRepository,
    private readonly lock: EventLock,
  ) {}

  /**
   * Takes a seat for this pending registration, or a place at the end of the waitlist when the event is full
   * (and has one), and makes it active. A DomainError means nothing was taken; any other error may
   * have come after the seat was taken (RegistrationRecovery finishes it).
   */
  place(eventId: string, id: Types.ObjectId): Promise<Placement> {
    return new Promise<Placement>((resolve, reject) => {
      const queue = this.waiting.get(eventId);
      if (queue) return void queue.push({ id, resolve, reject });
      this.waiting.set(eventId, [{ id, resolve, reject }]);
      void this.drain(eventId);
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
        // The lease was not had (busy) or the batch failed before deciding: nobody was placed.
        for (const w of batch) w.reject(e);
      }
    }
    this.waiting.delete(eventId);
  }

  /** Under the event's lease. Settles every registration of the batch. */
  private async placeBatch(eventId: string, batch: Waiting[]): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const event = await this.eventsRepo.findById(eventId, { released: 0 });
      if (!event) throw DomainError.notFound('Event', eventId);
      const why = registrationOpen(event);
      if (why) throw new DomainError('invalid_state', `Registration refused: ${why}`, { eventStatus: event.status });
      const capacity = event.capacity ?? undefined;
      // In arrival order, as one at a time would have: seats while there are any, then the waitlist.
      let seats = 0;
      const waitlisted: string[] = [];
      const decided = batch.map((w): Placement | null => {
        if (capacity === undefined || event.seatsTaken + seats < capacity) {
          seats++;
          return { status: 'confirmed' };
        }
        if (!event.waitlistEnabled) return null;
        waitlisted.push(String(w.id));
        return { status: 'waitlisted', position: event.waitlist.length + waitlisted.length };
      });
      if (seats || waitlisted.length) {
        const applied = await this.eventsRepo.placeBatch(eventId, { capacity: event.capacity ?? null, seatsTaken: event.seatsTaken, waitlistCount: event.waitlistCount }, seats, waitlisted);
        // Changed meanwhile (a writer without the lease, or a lease that expired under a slow holder): read again once.
        if (!applied) continue;
      }
      const full = new DomainError('invalid_state', 'Registration refused: the event is full and has no waitlist', { capacity: event.capacity });
      await Promise.all(
        batch.map(async (w, i) => {
          const placed = decided[i];
          if (!placed) return w.reject(full);
          try {
            await this.model.updateOne({ _id: w.id }, { $set: { state: 'active' } }).exec();
            w.resolve(placed);
          } catch (e) {
            w.reject(e);
          }
        }),
      );
      return;
    }
    throw new DomainError('conflict', 'The event is busy right now; repeat the request', { retryAfterSeconds: 1 });
  }
}

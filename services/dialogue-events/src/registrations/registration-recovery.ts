import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { EventsRepository } from '../events/events.repository';
import { EventLock } from '../platform/event-lock';
import { REGISTRATION_MODEL, RegistrationDoc } from './registration.schema';
import { WaitlistPromotions } from './waitlist-promotions';

/**
 * How old a `pending` registration, or a cancellation whose seat was not given back, must be before it
 * counts as left by a crash. A live registration stays pending at most the lease wait (15 s) plus its
 * own seat step, so two minutes never catches one in flight.
 */
export const STALE_AFTER_MS = 120_000;
/**
 * A pass reads every event and registration it could concern (FerretDB v1 pushes neither `$exists` nor `$or`
 * down): at 100 000 events one read of the events took 48 s of FerretDB's time in the growth benchmark, so
 * passes every minute kept FerretDB busy. What a crash leaves (seats of a batch never stored, a cancellation's
 * seat not given back) waits at most this long to be finished.
 */
const SWEEP_EVERY_MS = 10 * 60_000;
const BATCH = 200;

export interface RecoveryResult {
  events: number;
  /** Batches (SeatBatches) whose registrations were not all stored: their seats and places given back. */
  batchesFinished: number;
  pendingRemoved: number;
  cancellationsFinished: number;
  seatsGivenBack: number;
  promoted: string[];
}

/**
 * Finishes what a crash (or a database error) interrupted in the seat bookkeeping, at start and every
 * 10 minutes, per event under its lease (EventLock), so it never races a live registration:
 * - a batch of registrations (SeatBatches) left in the event's `placing` gets the seat or waitlist place of
 *   each of its registrations that was never stored given back;
 * - a cancelled registration whose seat or waitlist place was not given back gets it given back
 *   (EventsRepository.release is idempotent per registration);
 * - a registration still `pending` long after it was written (written so before registrations were placed
 *   in batches) is deleted (it was never confirmed to anyone, and it holds a name and email), leaving the
 *   waitlist if it had joined it;
 * - then the event's taken seats are compared with its confirmed registrations (active, not waiting):
 *   each seat too many goes to the first on the waitlist, or is freed.
 */
@Injectable()
export class RegistrationRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrationRecovery.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<RecoveryResult>;

  constructor(
    @InjectModel(REGISTRATION_MODEL) private readonly model: Model<RegistrationDoc>,
    private readonly eventsRepo: EventsRepository,
    private readonly promotions: WaitlistPromotions,
    private readonly lock: EventLock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS);
    this.timer.unref();
    void this.sweep().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over what a crash may have left (one pass at a time per process). */
  sweep(now = new Date()): Promise<RecoveryResult> {
    this.running ??= this.pass(now)
      .catch((e: unknown) => {
        this.logger.warn(`registration recovery failed, will retry: ${(e as Error).message}`);
        throw e;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: Date): Promise<RecoveryResult> {
    const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
    const stuck = (await this.model
      .find(
        { updatedAt: { $lt: cutoff }, $or: [{ state: 'pending' }, { state: 'cancelled', seatReleasedAt: null }] },
        { eventId: 1 },
      )
      .limit(BATCH)
      .lean()
      .exec()) as Array<Pick<RegistrationDoc, 'eventId'>>;
    const result: RecoveryResult = { events: 0, batchesFinished: 0, pendingRemoved: 0, cancellationsFinished: 0, seatsGivenBack: 0, promoted: [] };
    const stale = (await this.eventsRepo.withPlacing()).filter((e) => Object.values(e.placing!).some((b) => new Date(b.at) < cutoff));
    for (const eventId of new Set([...stale.map((e) => String(e._id)), ...stuck.map((r) => r.eventId)])) {
      await this.lock.run(eventId, () => this.recoverEvent(eventId, cutoff, result));
      result.events++;
    }
    if (result.events) this.logger.log({ msg: 'registration recovery', ...result, promoted: result.promoted.length });
    return result;
  }

  private async recoverEvent(eventId: string, cutoff: Date, result: RecoveryResult): Promise<void> {
    // Batches whose seats were taken but whose registrations may not all have been stored (a crash in
    // SeatBatches): the seat or place of each id never stored is given back, latest first.
    const placing = (await this.eventsRepo.findById(eventId))?.placing ?? {};
    for (const [key, batch] of Object.entries(placing)) {
      if (new Date(batch.at) >= cutoff) continue;
      for (let i = batch.ids.length - 1; i >= 0; i--) {
        const id = batch.ids[i];
        if (await this.model.exists({ _id: id })) continue;
        // Counted by the batch when it recorded groups (batches written before counts were not counted).
        const group = batch.groups?.[i];
        const released = await this.eventsRepo.release(eventId, id, group ? { group } : undefined);
        if (released.kind === 'promoted' && !batch.ids.includes(released.registrationId)) await this.promote(eventId, released.registrationId, result);
      }
      await this.eventsRepo.placed(eventId, key);
      result.batchesFinished++;
    }

    const cancelled = (await this.model
      .find({ eventId, state: 'cancelled', seatReleasedAt: null, updatedAt: { $lt: cutoff } }, { _id: 1, stakeholderGroup: 1 })
      .lean()
      .exec()) as Array<Pick<RegistrationDoc, '_id' | 'stakeholderGroup'>>;
    for (const reg of cancelled) {
      const released = await this.eventsRepo.release(eventId, String(reg._id), { group: reg.stakeholderGroup });
      if (released.kind === 'promoted') await this.promote(eventId, released.registrationId, result);
      await this.model.updateOne({ _id: reg._id }, { $set: { seatReleasedAt: new Date() } }).exec();
      result.cancellationsFinished++;
    }

    const pending = (await this.model
      .find({ eventId, state: 'pending', updatedAt: { $lt: cutoff } }, { _id: 1 })
      .lean()
      .exec()) as Array<Pick<RegistrationDoc, '_id'>>;
    if (pending.length) {
      const event = await this.eventsRepo.findById(eventId);
      for (const reg of pending) {
        if (event?.waitlist.includes(String(reg._id))) await this.eventsRepo.release(eventId, String(reg._id));
        await this.model.deleteOne({ _id: reg._id, state: 'pending' }).exec();
        result.pendingRemoved++;
      }
    }

    // Seats taken by registrations that no longer exist (a pending one deleted above, or one deleted
    // after an error that came after its seat was taken).
    const event = await this.eventsRepo.findById(eventId);
    // Seats of a batch still being finished (its entry not stale yet) are not counted against it.
    if (!event || Object.keys(event.placing ?? {}).length) return;
    const confirmed = await this.model.countDocuments({ eventId, state: 'active', _id: { $nin: event.waitlist } }).exec();
    for (let extra = event.seatsTaken - confirmed; extra > 0; extra--) {
      const released = await this.eventsRepo.release(eventId, `recovered-${randomUUID()}`);
      if (released.kind === 'promoted') await this.promote(eventId, released.registrationId, result);
      result.seatsGivenBack++;
    }
  }

  private async promote(eventId: string, registrationId: string, result: RecoveryResult): Promise<void> {
    await this.promotions.announce(eventId, [registrationId]);
    result.promoted.push(registrationId);
  }
}

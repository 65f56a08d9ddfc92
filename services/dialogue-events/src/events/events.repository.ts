import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, Types, UpdateQuery } from 'mongoose';
import { EVENT_MODEL, EventDoc } from './event.schema';

export type NewEventDoc = Omit<EventDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** What a cancellation did to the seats of the event. */
export type Release = { kind: 'left_waitlist' } | { kind: 'promoted'; registrationId: string } | { kind: 'seat_freed' } | { kind: 'already_released' };

/**
 * The only place that touches the events collection; every seat change is one conditional single-document update.
 * (findOneAndUpdate without a projection: FerretDB v1 does not implement `fields` on findAndModify.)
 */
@Injectable()
export class EventsRepository {
  constructor(@InjectModel(EVENT_MODEL) readonly model: Model<EventDoc>) {}

  async insert(doc: NewEventDoc): Promise<EventDoc> {
    const created = await this.model.create(doc);
    return created.toObject() as EventDoc;
  }

  async findById(id: string): Promise<EventDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id).lean().exec()) as EventDoc | null;
  }

  /** Updates only if the event is still as the caller read it (`sequence`), so concurrent edits cannot overwrite each other. */
  async update(id: string, filter: QueryFilter<EventDoc>, update: UpdateQuery<EventDoc>): Promise<EventDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findOneAndUpdate({ _id: id, ...filter }, update, { returnDocument: 'after' }).lean().exec()) as EventDoc | null;
  }

  list<T>(filter: QueryFilter<EventDoc>, page: { limit?: number; cursor?: string }, toView: (d: EventDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }

  /** Every matching event, projected (calendars, involvement); at most `max`. */
  async findAll(filter: QueryFilter<EventDoc>, max: number, projection?: Record<string, 0 | 1>): Promise<EventDoc[]> {
    return (await this.model.find(filter, projection).sort({ startsAt: 1 }).limit(max).lean().exec()) as EventDoc[];
  }

  /** Takes a free seat of an open event with this capacity (none = unlimited). */
  async takeSeat(id: string, capacity: number | undefined): Promise<boolean> {
    const filter: QueryFilter<EventDoc> =
      capacity === undefined
        ? { _id: id, status: 'registration_open', capacity: null }
        : { _id: id, status: 'registration_open', capacity, seatsTaken: { $lt: capacity } };
    const res = await this.model.updateOne(filter, { $inc: { seatsTaken: 1 } }).exec();
    return res.modifiedCount === 1;
  }

  /** Puts a registration at the end of the waitlist of a full open event; answers its place, or null. */
  async joinWaitlist(id: string, capacity: number, registrationId: string): Promise<number | null> {
    const doc = (await this.model
      .findOneAndUpdate(
        { _id: id, status: 'registration_open', waitlistEnabled: true, capacity, seatsTaken: { $gte: capacity } },
        { $push: { waitlist: registrationId }, $inc: { waitlistCount: 1 } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec()) as Pick<EventDoc, 'waitlist'> | null;
    if (!doc) return null;
    return doc.waitlist.indexOf(registrationId) + 1;
  }

  /**
   * Gives back the seat or waitlist place of a registration, in one atomic step each way:
   * - on the waitlist: it leaves it;
   * - holding a seat while others wait: the first on the waitlist takes the seat (`$pop` answers who, from the document before);
   * - holding a seat, nobody waiting: the seat is free.
   * `released` makes it happen at most once per registration. Each step is conditional on the state
   * it assumes, so two concurrent cancellations can never promote the same person nor leave a seat
   * free while someone waits; a step whose condition no longer holds is tried again.
   */
  async release(id: string, registrationId: string): Promise<Release> {
    const _id = new Types.ObjectId(id);
    const notReleased = { released: { $ne: registrationId } };
    for (let attempt = 0; attempt < 20; attempt++) {
      const left = await this.model
        .updateOne({ _id, ...notReleased, waitlist: registrationId }, { $pull: { waitlist: registrationId }, $inc: { waitlistCount: -1 }, $push: { released: registrationId } })
        .exec();
      if (left.modifiedCount === 1) return { kind: 'left_waitlist' };
      const before = (await this.model
        .findOneAndUpdate(
          { _id, ...notReleased, waitlist: { $ne: registrationId }, waitlistCount: { $gt: 0 } },
          { $pop: { waitlist: -1 }, $inc: { waitlistCount: -1 }, $push: { released: registrationId } },
          { returnDocument: 'before' },
        )
        .lean()
        .exec()) as Pick<EventDoc, 'waitlist'> | null;
      if (before) return { kind: 'promoted', registrationId: before.waitlist[0] };
      const freed = await this.model
        .updateOne({ _id, ...notReleased, waitlist: { $ne: registrationId }, waitlistCount: 0 }, { $inc: { seatsTaken: -1 }, $push: { released: registrationId } })
        .exec();
      if (freed.modifiedCount === 1) return { kind: 'seat_freed' };
      const now = (await this.model.findById(_id, { released: 1 }).lean().exec()) as Pick<EventDoc, 'released'> | null;
      if (!now || now.released.includes(registrationId)) return { kind: 'already_released' };
    }
    throw new Error('seat release did not settle after 20 attempts');
  }

  /** After a capacity increase: moves people from the waitlist onto free seats, one atomic step each. */
  async fillFreeSeats(id: string, capacity: number): Promise<string[]> {
    const promoted: string[] = [];
    for (;;) {
      const before = (await this.model
        .findOneAndUpdate(
          { _id: id, capacity, seatsTaken: { $lt: capacity }, waitlistCount: { $gt: 0 } },
          { $pop: { waitlist: -1 }, $inc: { waitlistCount: -1, seatsTaken: 1 } },
          { returnDocument: 'before' },
        )
        .lean()
        .exec()) as Pick<EventDoc, 'waitlist'> | null;
      if (!before) return promoted;
      promoted.push(before.waitlist[0]);
    }
  }

  async seatState(id: string): Promise<Pick<EventDoc, 'seatsTaken' | 'waitlist' | 'waitlistCount' | 'released' | 'capacity'> | null> {
    return (await this.model.findById(id, { seatsTaken: 1, waitlist: 1, waitlistCount: 1, released: 1, capacity: 1 }).lean().exec()) as never;
  }
}

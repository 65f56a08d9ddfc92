import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Page, StakeholderGroup } from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, Types, UpdateQuery } from 'mongoose';
import { EVENT_MODEL, EventDoc } from './event.schema';

export type NewEventDoc = Omit<EventDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** A registration as the event's counts know it: its group, given when it was counted (placed by a batch that recorded groups). */
export interface Counted {
  group: StakeholderGroup;
}

const activeCount = (group: StakeholderGroup) => `registrationCounts.active.${group}`;
const checkedInCount = (group: StakeholderGroup) => `registrationCounts.checkedIn.${group}`;

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

  /** By `_id` alone (the one filter FerretDB v1 answers without scanning the collection); `projection` leaves out big arrays. */
  async findById(id: string, projection?: Record<string, 0>): Promise<EventDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findById(id, projection).lean().exec()) as EventDoc | null;
  }

  /** Updates only if the event is still as the caller read it (`sequence`), so concurrent edits cannot overwrite each other. */
  async update(id: string, filter: QueryFilter<EventDoc>, update: UpdateQuery<EventDoc>): Promise<EventDoc | null> {
    if (!isObjectId(id)) return null;
    return (await this.model.findOneAndUpdate({ _id: id, ...filter }, update, { returnDocument: 'after' }).lean().exec()) as EventDoc | null;
  }

  list<T>(filter: QueryFilter<EventDoc>, page: { limit?: number; cursor?: string }, toView: (d: EventDoc) => T): Promise<Page<T>> {
    return paginate(this.model, filter, page, toView);
  }

  /** Matching events in `_id` order after `after` (a paged feed), at most `limit`, projected. */
  async pageAfter(filter: QueryFilter<EventDoc>, after: string | undefined, limit: number, projection: Record<string, 0 | 1>): Promise<EventDoc[]> {
    const query: QueryFilter<EventDoc> = after ? { ...filter, _id: { $gt: new Types.ObjectId(after) } } : filter;
    return (await this.model.find(query, projection).sort({ _id: 1 }).limit(limit).lean().exec()) as EventDoc[];
  }

  /** Every matching event, projected (calendars, involvement); at most `max`. */
  async findAll(filter: QueryFilter<EventDoc>, max: number, projection?: Record<string, 0 | 1>): Promise<EventDoc[]> {
    return (await this.model.find(filter, projection).sort({ startsAt: 1 }).limit(max).lean().exec()) as EventDoc[];
  }

  /**
   * Places a batch of registrations (SeatBatches, under the event's lease): `seats` more seats taken and
   * `waitlisted` appended to the waitlist, in one update conditional on the event being as the caller read it
   * (open, same capacity, same seats and waitlist counts). The batch's registrations are counted by group in
   * the same update. False when it was not.
   */
  async placeBatch(
    id: string,
    read: { capacity: number | null; seatsTaken: number; waitlistCount: number },
    seats: number,
    waitlisted: string[],
    batch: { key: string; at: Date; ids: string[]; groups: StakeholderGroup[] },
  ): Promise<boolean> {
    const filter: QueryFilter<EventDoc> = { _id: id, status: 'registration_open', capacity: read.capacity, seatsTaken: read.seatsTaken, waitlistCount: read.waitlistCount };
    if (waitlisted.length) filter.waitlistEnabled = true;
    const inc: Record<string, number> = { seatsTaken: seats, waitlistCount: waitlisted.length };
    for (const g of batch.groups) inc[activeCount(g)] = (inc[activeCount(g)] ?? 0) + 1;
    const update: UpdateQuery<EventDoc> = {
      $inc: inc,
      $set: { [`placing.${batch.key}`]: { at: batch.at, ids: batch.ids, groups: batch.groups } },
    };
    if (waitlisted.length) update.$push = { waitlist: { $each: waitlisted } };
    const res = await this.model.updateOne(filter, update).exec();
    return res.modifiedCount === 1;
  }

  /** The batch's registrations are stored: its `placing` entry goes. */
  async placed(id: string, key: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $unset: { [`placing.${key}`]: 1 } }).exec();
  }

  /** Events with a batch in `placing` (RegistrationRecovery; a scan of the events on FerretDB v1, every 10 minutes). */
  async withPlacing(): Promise<Array<Pick<EventDoc, '_id' | 'placing'>>> {
    const docs = (await this.model.find({ placing: { $exists: true, $ne: {} } }, { placing: 1 }).lean().exec()) as Array<Pick<EventDoc, '_id' | 'placing'>>;
    return docs.filter((d) => d.placing && Object.keys(d.placing).length);
  }

  /**
   * Gives back the seat or waitlist place of a registration, in one atomic step each way:
   * - on the waitlist: it leaves it;
   * - holding a seat while others wait: the first on the waitlist takes the seat (`$pop` answers who, from the document before);
   * - holding a seat, nobody waiting: the seat is free.
   * `released` makes it happen at most once per registration. Each step is conditional on the state
   * it assumes, so two concurrent cancellations can never promote the same person nor leave a seat
   * free while someone waits; a step whose condition no longer holds is tried again.
   * `counted` (the registration's group, when the event counted it): it leaves the counts in the same step,
   * and a check-in of it leaves `checkedIn` first (conditional on it being there, so once).
   */
  async release(id: string, registrationId: string, counted?: Counted): Promise<Release> {
    const _id = new Types.ObjectId(id);
    const notReleased = { released: { $ne: registrationId } };
    if (counted) {
      await this.model
        .updateOne({ _id, ...notReleased, checkedInIds: registrationId }, { $pull: { checkedInIds: registrationId }, $inc: { [checkedInCount(counted.group)]: -1 } })
        .exec();
    }
    const uncount: Record<string, number> = counted ? { [activeCount(counted.group)]: -1 } : {};
    for (let attempt = 0; attempt < 20; attempt++) {
      const left = await this.model
        .updateOne({ _id, ...notReleased, waitlist: registrationId }, { $pull: { waitlist: registrationId }, $inc: { waitlistCount: -1, ...uncount }, $push: { released: registrationId } })
        .exec();
      if (left.modifiedCount === 1) return { kind: 'left_waitlist' };
      const before = (await this.model
        .findOneAndUpdate(
          { _id, ...notReleased, waitlist: { $ne: registrationId }, waitlistCount: { $gt: 0 } },
          { $pop: { waitlist: -1 }, $inc: { waitlistCount: -1, ...uncount }, $push: { released: registrationId } },
          { returnDocument: 'before' },
        )
        .lean()
        .exec()) as Pick<EventDoc, 'waitlist'> | null;
      if (before) return { kind: 'promoted', registrationId: before.waitlist[0] };
      const freed = await this.model
        .updateOne({ _id, ...notReleased, waitlist: { $ne: registrationId }, waitlistCount: 0 }, { $inc: { seatsTaken: -1, ...uncount }, $push: { released: registrationId } })
        .exec();
      if (freed.modifiedCount === 1) return { kind: 'seat_freed' };
      const now = (await this.model.findById(_id, { released: 1 }).lean().exec()) as Pick<EventDoc, 'released'> | null;
      if (!now || now.released.includes(registrationId)) return { kind: 'already_released' };
    }
    throw new Error('seat release did not settle after 20 attempts');
  }

  /**
   * Counts a check-in (under the event's lease): the registration joins `checkedInIds` and its group's count,
   * in one update conditional on it not being there yet and not waiting for a seat. 'waitlisted' when it waits.
   */
  async checkIn(id: string, registrationId: string, group: StakeholderGroup): Promise<'counted' | 'already' | 'waitlisted'> {
    const _id = new Types.ObjectId(id);
    const res = await this.model
      .updateOne({ _id, checkedInIds: { $ne: registrationId }, waitlist: { $ne: registrationId } }, { $push: { checkedInIds: registrationId }, $inc: { [checkedInCount(group)]: 1 } })
      .exec();
    if (res.modifiedCount === 1) return 'counted';
    const now = (await this.model.findById(_id, { checkedInIds: 1, waitlist: 1 }).lean().exec()) as Pick<EventDoc, 'checkedInIds' | 'waitlist'> | null;
    return now?.waitlist.includes(registrationId) ? 'waitlisted' : 'already';
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

import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  CancellationResult,
  CancelRegistrationRequest,
  DomainError,
  EVENT_SUBJECTS,
  GroupCount,
  ListRegistrationsRequest,
  MIN_PUBLIC_GROUP_COUNT,
  Page,
  Principal,
  RegisterRequest,
  RegistrationCsvRequest,
  RegistrationReceipt,
  RegistrationRef,
  RegistrationStatus,
  RegistrationSummary,
  RegistrationView,
  STAKEHOLDER_GROUPS,
  StakeholderGroup,
  suppressedGroups,
  TextPage,
} from '@vidnova/contracts';
import { currentCorrelationId } from '@vidnova/logging';
import { textPage } from '@vidnova/messaging';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter, Types } from 'mongoose';
import { countTotal, EventDoc } from '../events/event.schema';
import { EventsRepository } from '../events/events.repository';
import { authzRecord, EventsService } from '../events/events.service';
import { EventLock } from '../platform/event-lock';
import { OutboxRelay, pendingEvent } from '@vidnova/mongo';
import { actor } from '../platform/who';
import { REGISTRATION_MODEL, RegistrationDoc } from './registration.schema';
import { registrationCsvLine, REGISTRATIONS_CSV_HEADER } from './registrations-csv';
import { newCancellationToken, tokenHash, tokenMatches, tokenRegistrationId } from './token';
import { SeatBatches } from './seat-batches';
import { WaitlistPromotions } from './waitlist-promotions';

/**
 * Registrations read for one page of the CSV export; the page holds as many lines as fit one bus reply
 * (textPage; a line is at most about 4 KB there with every field at its length limit and full of quotes).
 * Typical lines are 140–250 bytes, so 10 000 registrations are three pages: on FerretDB v1 each page's
 * read sorts the event's registrations again, so fewer pages is faster.
 */
export const CSV_PAGE_ROWS = 4000;

@Injectable()
export class RegistrationsService {
  private readonly logger = new Logger(RegistrationsService.name);

  constructor(
    @InjectModel(REGISTRATION_MODEL) private readonly model: Model<RegistrationDoc>,
    private readonly events: EventsService,
    private readonly eventsRepo: EventsRepository,
    private readonly promotions: WaitlistPromotions,
    private readonly outbox: OutboxRelay,
    private readonly lock: EventLock,
    private readonly seats: SeatBatches,
  ) {}

  /**
   * Takes a seat, or a place at the end of the waitlist when the event is full (and has one), under the
   * event's lease (EventLock), in a batch with the others that arrive meanwhile in this process
   * (SeatBatches: one conditional update of the event and one insert of the batch's registrations).
   * 409 outside the window or when full without a waitlist.
   */
  async register(req: RegisterRequest, who: Principal | undefined): Promise<RegistrationReceipt> {
    // No read of the event here: the batch reads it under the lease and answers 404 or 409 from there (a read
    // per registration of an event document that grows with its waitlist cost more than it saved).
    const r = req.registration;
    const _id = new Types.ObjectId();
    const token = newCancellationToken(_id);
    const placed = await this.seats.place({
      _id,
      eventId: req.eventId,
      name: r.name.trim(),
      email: r.email.trim(),
      consentRecordedAt: r.consentRecordedAt,
      ...(r.consentNote ? { consentNote: r.consentNote } : {}),
      stakeholderGroup: r.stakeholderGroup,
      ...(r.organization ? { organization: r.organization } : {}),
      ...(r.language ? { language: r.language } : {}),
      accessibilityNeeds: [...new Set(r.accessibilityNeeds ?? [])],
      tokenHash: tokenHash(token),
      erasures: [],
      pendingEvents: [],
    });
    const id = String(_id);
    // Never the name or email in logs.
    this.logger.log({ msg: 'registered', eventId: req.eventId, registrationId: id, status: placed.status, by: actor(who) });
    return {
      id,
      eventId: req.eventId,
      status: placed.status,
      ...(placed.status === 'waitlisted' ? { waitlistPosition: placed.position } : {}),
      cancellationToken: token,
    };
  }

  /** Cancels by token; a freed seat goes to the first on the waitlist in the same atomic step (EventsRepository.release). */
  async cancel(req: CancelRegistrationRequest): Promise<CancellationResult> {
    if (!isObjectId(req.eventId)) throw DomainError.notFound('Event', req.eventId);
    const reg = await this.byToken(req.eventId, req.token);
    if (!reg || reg.state === 'pending') throw new DomainError('not_found', 'No registration of this event has this cancellation token');
    if (reg.state === 'cancelled') throw new DomainError('invalid_state', 'This registration is already cancelled', { id: String(reg._id) });
    const event = await this.events.load(req.eventId);
    if (event.status === 'held' || event.status === 'minutes_published') {
      throw new DomainError('invalid_state', `The event is ${event.status}; a registration can no longer be cancelled`, { eventStatus: event.status });
    }
    const id = String(reg._id);
    // One writer per event at a time (EventLock): the flip to cancelled and the seat release happen together.
    const released = await this.lock.run(req.eventId, async () => {
      // Read, then written, by `_id` alone (FerretDB v1 scans the whole collection for any other filter, so a
      // conditional `{ _id, state }` update cost a scan per cancellation under the lease). Safe because every
      // change of a registration's state (placing, cancelling, recovery) holds this event's lease.
      const now = (await this.model.findById(reg._id, { state: 1 }).lean().exec()) as Pick<RegistrationDoc, 'state'> | null;
      if (now?.state !== 'active') throw new DomainError('invalid_state', 'This registration is already cancelled', { id });
      await this.model.updateOne({ _id: reg._id }, { $set: { state: 'cancelled', cancelledAt: new Date() } }).exec();
      return this.eventsRepo.release(req.eventId, id, { group: reg.stakeholderGroup });
    });
    if (released.kind === 'promoted') await this.promotions.announce(req.eventId, [released.registrationId]);
    await this.model.updateOne({ _id: reg._id }, { $set: { seatReleasedAt: new Date() } }).exec();
    this.logger.log({ msg: 'registration cancelled', eventId: req.eventId, registrationId: id, seat: released.kind });
    return { id, status: 'cancelled', promotedFromWaitlist: released.kind === 'promoted' };
  }

  /** The registration of this event the cancellation token belongs to, or null. */
  private async byToken(eventId: string, token: string): Promise<RegistrationDoc | null> {
    const id = tokenRegistrationId(token);
    if (!id) {
      // A token issued before tokens carried the id: found by its hash (a scan of the collection on FerretDB v1).
      return (await this.model.findOne({ tokenHash: tokenHash(token), eventId }).lean().exec()) as RegistrationDoc | null;
    }
    // By `_id` alone, so FerretDB v1 reads one document; event and hash are checked here.
    const reg = (await this.model.findById(id).lean().exec()) as RegistrationDoc | null;
    return reg && reg.eventId === eventId && tokenMatches(token, reg.tokenHash) ? reg : null;
  }

  /**
   * Under the event's lease, like every change the event's counts follow: the check-in is counted on the event
   * first (once per registration, EventsRepository.checkIn), then its time is set on the registration. A crash
   * in between leaves it counted but without a time; checking in again sets the time and counts nothing twice.
   */
  async checkIn(req: RegistrationRef, who: Principal | undefined): Promise<RegistrationView> {
    const { event } = await this.organiserAccess(req.eventId, req.registrationId, who, 'update');
    if (!['registration_open', 'registration_closed', 'held'].includes(event.status)) {
      throw new DomainError('invalid_state', `Check-in is not possible for an event that is ${event.status}`, { eventStatus: event.status });
    }
    const updated = await this.lock.run(req.eventId, async () => {
      // Read again under the lease: a cancellation may have come first.
      const reg = (await this.model.findById(req.registrationId).lean().exec()) as RegistrationDoc | null;
      if (reg?.state !== 'active') throw new DomainError('invalid_state', 'A cancelled registration cannot check in', { id: req.registrationId });
      const counted = await this.eventsRepo.checkIn(req.eventId, req.registrationId, reg.stakeholderGroup);
      if (counted === 'waitlisted') throw new DomainError('invalid_state', 'This registration is on the waitlist and has no seat', { id: req.registrationId });
      if (reg.checkedInAt) return reg;
      return (await this.model.findByIdAndUpdate(reg._id, { $set: { checkedInAt: new Date() } }, { returnDocument: 'after' }).lean().exec()) as RegistrationDoc;
    });
    return toView(updated, event);
  }

  async list(req: ListRegistrationsRequest, who: Principal | undefined): Promise<Page<RegistrationView>> {
    const event = await this.events.load(req.eventId);
    authorize(who, 'readPersonal', 'DialogueRegistration', authzRecord(event));
    const filter: QueryFilter<RegistrationDoc> = { eventId: req.eventId, state: req.status === 'cancelled' ? 'cancelled' : req.status ? 'active' : { $in: ['active', 'cancelled'] } };
    if (req.status === 'waitlisted') filter._id = { $in: event.waitlist };
    else if (req.status === 'confirmed') filter._id = { $nin: event.waitlist };
    return paginate(this.model, filter, { limit: req.limit, cursor: req.cursor }, (d) => toView(d as RegistrationDoc, event));
  }

  /**
   * One page of the organisers' CSV in `_id` order, read from where the previous page ended (index
   * { eventId, _id } on MongoDB). The header line comes with the first page.
   */
  async csv(req: RegistrationCsvRequest, who: Principal | undefined): Promise<TextPage> {
    const event = await this.events.load(req.eventId);
    authorize(who, 'readPersonal', 'DialogueRegistration', authzRecord(event));
    if (req.after !== undefined && !isObjectId(req.after)) throw new DomainError('validation_failed', 'after is not a page cursor of this export', undefined, [{ field: 'after', message: 'must be the `next` of an earlier page' }]);
    const filter: QueryFilter<RegistrationDoc> = { eventId: req.eventId, state: { $in: ['active', 'cancelled'] } };
    if (req.after) filter._id = { $gt: new Types.ObjectId(req.after) };
    const docs = (await this.model.find(filter).sort({ _id: 1 }).limit(CSV_PAGE_ROWS + 1).lean().exec()) as RegistrationDoc[];
    const page = textPage(docs, {
      limit: CSV_PAGE_ROWS,
      render: (d) => registrationCsvLine(toView(d, event)),
      idOf: (d) => String(d._id),
      head: req.after ? undefined : REGISTRATIONS_CSV_HEADER,
    });
    if (!req.after || !page.next) this.logger.log({ msg: page.next ? 'registrations export started' : 'registrations exported', eventId: req.eventId, page: req.after ? 'last' : 'first', by: actor(who) });
    return page;
  }

  /**
   * Counts everyone may see: totals and groups, groups under 5 (and a complementary one) suppressed. From the
   * event's own counts (kept with its seats), so the cost does not grow with its registrations.
   */
  async summary(eventId: string): Promise<RegistrationSummary> {
    const event = await this.events.load(eventId, { waitlist: 0, released: 0, checkedInIds: 0, placing: 0 });
    const total = countTotal(event.registrationCounts.active);
    return {
      eventId,
      total,
      confirmed: total - event.waitlistCount,
      waitlisted: event.waitlistCount,
      checkedIn: countTotal(event.registrationCounts.checkedIn),
      byStakeholderGroup: publicGroupCounts(groupCounts(event.registrationCounts.active)),
    };
  }

  /** Removes the registrant's name, email and consent note; records who did it and announces it (ids only), in the same write. */
  async erase(req: RegistrationRef, who: Principal | undefined): Promise<RegistrationView> {
    const { event, reg } = await this.organiserAccess(req.eventId, req.registrationId, who, 'erase');
    const at = new Date();
    const fields = (['name', 'email', 'consentNote'] as const).filter((f) => reg[f] !== undefined);
    const updated = (await this.model
      .findOneAndUpdate(
        { _id: reg._id },
        {
          $unset: { name: 1, email: 1, consentNote: 1 },
          $set: { personalDataErasedAt: at },
          $push: {
            erasures: { at, by: who?.keyId, correlationId: currentCorrelationId(), fields },
            pendingEvents: pendingEvent(EVENT_SUBJECTS.dialogueRegistrationErased, { eventId: req.eventId, registrationId: req.registrationId, erasedAt: at.toISOString(), fields, by: who?.keyId ?? null }),
          },
          $inc: { outboxVersion: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec()) as RegistrationDoc | null;
    if (!updated) throw DomainError.notFound('Registration', req.registrationId);
    this.logger.log({ msg: 'registrant personal data erased', eventId: req.eventId, registrationId: req.registrationId, fields, by: who?.keyId });
    this.outbox.kick(this.model as never, updated._id);
    return toView(updated, event);
  }

  private async organiserAccess(eventId: string, registrationId: string, who: Principal | undefined, action: 'update' | 'erase'): Promise<{ event: EventDoc; reg: RegistrationDoc }> {
    const event = await this.events.load(eventId);
    authorize(who, action, 'DialogueRegistration', authzRecord(event));
    // By `_id` alone (FerretDB v1 scans the collection for any other filter); the event is checked here.
    const found = isObjectId(registrationId) ? ((await this.model.findById(registrationId).lean().exec()) as RegistrationDoc | null) : null;
    const reg = found?.eventId === eventId ? found : null;
    if (!reg || reg.state === 'pending') throw DomainError.notFound('Registration', registrationId);
    return { event, reg };
  }
}

/** A stored count by group as a map (groups at 0 left out). */
export function groupCounts(counts: Partial<Record<StakeholderGroup, number>> | undefined): Map<StakeholderGroup, number> {
  return new Map(Object.entries(counts ?? {}).filter(([, n]) => (n ?? 0) > 0) as Array<[StakeholderGroup, number]>);
}

/** Counts by group as anyone may see them: every group listed, small ones suppressed (null). */
export function publicGroupCounts(counts: Map<StakeholderGroup, number>): GroupCount[] {
  const present = [...counts.entries()].filter(([, n]) => n > 0).map(([value, respondents]) => ({ value, respondents }));
  const hidden = suppressedGroups(present, MIN_PUBLIC_GROUP_COUNT);
  return STAKEHOLDER_GROUPS.map((group) => {
    const n = counts.get(group) ?? 0;
    return hidden.has(group) ? { group, count: null, suppressed: true } : { group, count: n, suppressed: false };
  });
}

export function statusOf(d: RegistrationDoc, event: Pick<EventDoc, 'waitlist'>): { status: RegistrationStatus; position?: number } {
  if (d.state === 'cancelled') return { status: 'cancelled' };
  const i = event.waitlist.indexOf(String(d._id));
  return i >= 0 ? { status: 'waitlisted', position: i + 1 } : { status: 'confirmed' };
}

export function toView(d: RegistrationDoc, event: Pick<EventDoc, 'waitlist'>): RegistrationView {
  const s = statusOf(d, event);
  return {
    id: String(d._id),
    eventId: d.eventId,
    ...(d.name ? { name: d.name } : {}),
    ...(d.email ? { email: d.email } : {}),
    ...(d.consentRecordedAt ? { consentRecordedAt: d.consentRecordedAt } : {}),
    ...(d.consentNote ? { consentNote: d.consentNote } : {}),
    stakeholderGroup: d.stakeholderGroup,
    ...(d.organization ? { organization: d.organization } : {}),
    ...(d.language ? { language: d.language } : {}),
    accessibilityNeeds: d.accessibilityNeeds ?? [],
    status: s.status,
    ...(s.position ? { waitlistPosition: s.position } : {}),
    ...(d.checkedInAt ? { checkedInAt: new Date(d.checkedInAt).toISOString() } : {}),
    ...(d.personalDataErasedAt ? { personalDataErasedAt: new Date(d.personalDataErasedAt).toISOString() } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

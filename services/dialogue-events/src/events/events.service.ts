import { Injectable, Logger } from '@nestjs/common';
import {
  authorize,
  CalendarRequest,
  ChangeEventStatusRequest,
  CreateEventRequest,
  DEFAULT_EVENT_TIME_ZONE,
  DIASPORA_OPS,
  DomainError,
  EventFields,
  EventView,
  ListEventsRequest,
  NewEvent,
  Organiser,
  Page,
  Principal,
  TextPage,
  UpdateEventRequest,
  ownerFor,
} from '@vidnova/contracts';
import { BusClient, BusError, textPage } from '@vidnova/messaging';
import { isObjectId } from '@vidnova/mongo';
import { QueryFilter } from 'mongoose';
import { actor, dedupe, endOf, stripUndefined } from '../platform/who';
import { EventLock } from '../platform/event-lock';
import { CALENDAR_END, CALENDAR_FIELDS, calendarEvent, calendarHead, calendarOf } from './calendar';
import { checkEventFields, checkTransition } from './event-rules';
import { emptyRegistrationCounts, EventDoc } from './event.schema';
import { EventsRepository, NewEventDoc } from './events.repository';
import { WaitlistPromotions } from '../registrations/waitlist-promotions';

/**
 * Events read for one page of a calendar feed; the page holds as many as fit one bus reply (textPage: an
 * event with both descriptions at their 20 000-character limit is about 70 KB of it).
 */
const FEED_PAGE_EVENTS = 1000;
/** Most events whose time zones one feed reads for its VTIMEZONEs (far more than any feed holds). */
const MAX_FEED_ZONES_READ = 100_000;

@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    private readonly repo: EventsRepository,
    private readonly bus: BusClient,
    private readonly promotions: WaitlistPromotions,
    private readonly lock: EventLock,
  ) {}

  async create(req: CreateEventRequest, who: Principal | undefined): Promise<EventView> {
    const e: NewEvent = req.event;
    const owner = ownerFor(who);
    authorize(who, 'create', 'DialogueEvent', { owner, communities: e.communities });
    checkEventFields(e);
    await this.checkOrganisers(e.organisers);
    const now = new Date();
    const doc: NewEventDoc = {
      title: e.title,
      ...(e.description ? { description: e.description } : {}),
      level: e.level,
      communities: dedupe(e.communities),
      hostCountries: dedupe(e.hostCountries ?? []),
      format: e.format,
      ...(e.venue ? { venue: e.venue } : {}),
      ...(e.onlineUrl ? { onlineUrl: e.onlineUrl } : {}),
      startsAt: new Date(e.startsAt),
      endsAt: new Date(e.endsAt),
      timeZone: e.timeZone ?? DEFAULT_EVENT_TIME_ZONE,
      languages: dedupe(e.languages ?? []),
      accessibility: dedupe(e.accessibility ?? []),
      ...(e.capacity !== undefined ? { capacity: e.capacity } : {}),
      waitlistEnabled: e.waitlist ?? true,
      ...(e.registrationOpensAt ? { registrationOpensAt: new Date(e.registrationOpensAt) } : {}),
      ...(e.registrationClosesAt ? { registrationClosesAt: new Date(e.registrationClosesAt) } : {}),
      organisers: e.organisers,
      agenda: e.agenda ?? [],
      status: 'planned',
      statusHistory: [{ status: 'planned', at: now, by: actor(who) }],
      ...(owner ? { owner } : {}),
      seatsTaken: 0,
      waitlist: [],
      waitlistCount: 0,
      released: [],
      registrationCounts: emptyRegistrationCounts(),
      checkedInIds: [],
      sequence: 0,
    };
    const created = await this.repo.insert(doc);
    this.logger.log({ msg: 'event created', eventId: String(created._id), level: created.level, by: actor(who) });
    return toView(created);
  }

  async get(id: string): Promise<EventView> {
    return toView(await this.load(id));
  }

  /** The event, or 404; `projection` leaves out fields the caller does not need (the id arrays grow with its registrations). */
  async load(id: string, projection?: Record<string, 0>): Promise<EventDoc> {
    const doc = await this.repo.findById(id, projection);
    if (!doc) throw DomainError.notFound('Event', id);
    return doc;
  }

  list(req: ListEventsRequest): Promise<Page<EventView>> {
    return this.repo.list(listFilter(req), { limit: req.limit, cursor: req.cursor }, toView);
  }

  update(req: UpdateEventRequest, who: Principal | undefined): Promise<EventView> {
    return this.lock.run(req.id, () => this.updateLocked(req, who));
  }

  private async updateLocked(req: UpdateEventRequest, who: Principal | undefined): Promise<EventView> {
    const current = await this.load(req.id);
    const c: EventFields = req.changes;
    const merged = { ...viewFields(current), ...stripUndefined(c) } as NewEvent;
    // As it is and as it would be: a scoped editor can neither change nor move an event out of its communities.
    authorize(who, 'update', 'DialogueEvent', authzRecord(current));
    authorize(who, 'update', 'DialogueEvent', { owner: current.owner, communities: merged.communities });
    if (current.status === 'cancelled' || current.status === 'minutes_published') {
      throw new DomainError('invalid_state', `An event that is ${current.status} cannot be changed`, { eventStatus: current.status });
    }
    checkEventFields(merged);
    if (c.organisers) await this.checkOrganisers(c.organisers);
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(stripUndefined(c))) {
      if (k === 'startsAt' || k === 'endsAt' || k === 'registrationOpensAt' || k === 'registrationClosesAt') set[k] = new Date(v as string);
      else if (k === 'waitlist') set.waitlistEnabled = v;
      else if (k === 'communities' || k === 'hostCountries' || k === 'languages' || k === 'accessibility') set[k] = dedupe(v as string[]);
      else set[k] = v;
    }
    const filter: QueryFilter<EventDoc> = { sequence: current.sequence };
    if (c.capacity !== undefined) {
      // Never fewer seats than are taken; the condition is checked in the same write.
      filter.seatsTaken = { $lte: c.capacity };
    }
    const updated = await this.repo.update(req.id, filter, { $set: set, $inc: { sequence: 1 } });
    if (!updated) {
      const now = await this.load(req.id);
      if (c.capacity !== undefined && now.seatsTaken > c.capacity) {
        throw new DomainError('conflict', `capacity cannot be lower than the ${now.seatsTaken} seats already taken`, { seatsTaken: now.seatsTaken });
      }
      throw new DomainError('conflict', 'The event changed while this change was being made; read it again and repeat', { sequence: now.sequence });
    }
    if (updated.capacity !== undefined && updated.capacity !== null && updated.waitlistCount > 0) {
      const promoted = await this.repo.fillFreeSeats(req.id, updated.capacity);
      await this.promotions.announce(req.id, promoted);
      if (promoted.length) return toView(await this.load(req.id));
    }
    return toView(updated);
  }

  changeStatus(req: ChangeEventStatusRequest, who: Principal | undefined): Promise<EventView> {
    return this.lock.run(req.id, () => this.changeStatusLocked(req, who));
  }

  private async changeStatusLocked(req: ChangeEventStatusRequest, who: Principal | undefined): Promise<EventView> {
    const current = await this.load(req.id);
    authorize(who, 'update', 'DialogueEvent', authzRecord(current));
    checkTransition(current.status, req.status);
    if (req.status === 'minutes_published' && !current.minutes) {
      throw new DomainError('invalid_state', 'Minutes must be recorded before they are published (PUT …/minutes)', { eventStatus: current.status });
    }
    const entry = { status: req.status, at: new Date(), by: actor(who), ...(req.reason ? { reason: req.reason } : {}) };
    // Conditional on the status read: two concurrent moves cannot both succeed.
    const updated = await this.repo.update(req.id, { status: current.status }, { $set: { status: req.status }, $push: { statusHistory: entry }, $inc: { sequence: 1 } });
    if (!updated) throw new DomainError('invalid_state', 'The event changed status meanwhile; read it again', {});
    this.logger.log({ msg: 'event status changed', eventId: req.id, from: current.status, to: req.status, by: actor(who) });
    return toView(updated);
  }

  /**
   * One event as a whole iCalendar document, or one page of a feed: every matching event in `_id` order,
   * from where the previous page ended. The first page opens the document (with a VTIMEZONE for every
   * zone of the feed's events), the last one closes it.
   */
  async calendar(req: CalendarRequest): Promise<TextPage> {
    if (req.id) {
      const e = await this.load(req.id);
      return { text: calendarOf([e], e.title.uk) };
    }
    if (req.after !== undefined && !isObjectId(req.after)) {
      throw new DomainError('validation_failed', 'after is not a page cursor of this feed', undefined, [{ field: 'after', message: 'must be the `next` of an earlier page' }]);
    }
    const filter: QueryFilter<EventDoc> = {};
    if (req.community) filter.communities = req.community;
    if (req.level) filter.level = req.level;
    const docs = await this.repo.pageAfter(filter, req.after, FEED_PAGE_EVENTS + 1, CALENDAR_FIELDS);
    let head: string | undefined;
    if (!req.after) {
      const name = req.community ? `Vidnova: події громади ${req.community}` : req.level ? `Vidnova: події (${req.level})` : 'Vidnova: події діалогу';
      const zones = await this.repo.findAll(filter, MAX_FEED_ZONES_READ, { timeZone: 1 });
      head = calendarHead(name, zones.map((e) => e.timeZone));
    }
    return textPage(docs, { limit: FEED_PAGE_EVENTS, render: calendarEvent, idOf: (e) => String(e._id), head, tail: CALENDAR_END });
  }

  /** A diaspora organisation organiser must exist in diaspora-registry: asked over the bus, never its database. */
  private async checkOrganisers(organisers: Organiser[]): Promise<void> {
    for (const [i, o] of organisers.entries()) {
      if (o.kind !== 'diaspora_organization' || !o.diasporaOrganizationId) continue;
      try {
        await this.bus.send(DIASPORA_OPS.organizationGet, { id: o.diasporaOrganizationId }, { timeoutMs: 5000 });
      } catch (e) {
        if (e instanceof BusError && e.envelope.code === 'not_found') {
          throw new DomainError('unprocessable', `No diaspora organisation ${o.diasporaOrganizationId} in the diaspora registry`, undefined, [
            { field: `organisers.${i}.diasporaOrganizationId`, message: 'no such organisation in the diaspora registry' },
          ]);
        }
        if (e instanceof BusError) throw new DomainError(e.envelope.code, `The diaspora registry could not be asked: ${e.envelope.message}`, e.envelope.details);
        throw e;
      }
    }
  }
}

export function authzRecord(d: Pick<EventDoc, 'owner' | 'communities'>): { owner?: string; communities: string[] } {
  return { owner: d.owner, communities: d.communities ?? [] };
}

function listFilter(req: ListEventsRequest): QueryFilter<EventDoc> {
  const f: QueryFilter<EventDoc> = {};
  if (req.community) f.communities = req.community;
  if (req.level) f.level = req.level;
  if (req.status) f.status = req.status;
  if (req.from) f.endsAt = { $gte: new Date(req.from) };
  if (req.to) f.startsAt = { $lt: endOf(req.to) };
  return f;
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** The writable fields of a stored event, in the shape of the contract (for merging a change). */
function viewFields(d: EventDoc): NewEvent {
  return {
    title: d.title,
    description: d.description,
    level: d.level,
    communities: d.communities,
    hostCountries: d.hostCountries,
    format: d.format,
    venue: d.venue,
    onlineUrl: d.onlineUrl,
    startsAt: iso(d.startsAt)!,
    endsAt: iso(d.endsAt)!,
    timeZone: d.timeZone,
    languages: d.languages,
    accessibility: d.accessibility,
    capacity: d.capacity ?? undefined,
    waitlist: d.waitlistEnabled,
    registrationOpensAt: iso(d.registrationOpensAt),
    registrationClosesAt: iso(d.registrationClosesAt),
    organisers: d.organisers,
    agenda: d.agenda,
  };
}

export function toView(d: EventDoc): EventView {
  const f = viewFields(d);
  return {
    id: String(d._id),
    title: f.title,
    ...(f.description ? { description: f.description } : {}),
    level: f.level,
    communities: f.communities,
    hostCountries: f.hostCountries ?? [],
    format: f.format,
    ...(f.venue ? { venue: f.venue } : {}),
    ...(f.onlineUrl ? { onlineUrl: f.onlineUrl } : {}),
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    timeZone: d.timeZone,
    languages: d.languages ?? [],
    accessibility: d.accessibility ?? [],
    ...(d.capacity !== undefined && d.capacity !== null ? { capacity: d.capacity } : {}),
    waitlist: d.waitlistEnabled,
    ...(f.registrationOpensAt ? { registrationOpensAt: f.registrationOpensAt } : {}),
    ...(f.registrationClosesAt ? { registrationClosesAt: f.registrationClosesAt } : {}),
    organisers: d.organisers,
    agenda: d.agenda ?? [],
    status: d.status,
    statusHistory: (d.statusHistory ?? []).map((h) => ({ status: h.status, at: iso(h.at)!, ...(h.by ? { by: h.by } : {}), ...(h.reason ? { reason: h.reason } : {}) })),
    seats: {
      ...(d.capacity !== undefined && d.capacity !== null ? { capacity: d.capacity } : {}),
      confirmed: d.seatsTaken ?? 0,
      waitlisted: d.waitlistCount ?? 0,
    },
    ...(d.owner ? { owner: d.owner } : {}),
    hasMinutes: !!d.minutes,
    sequence: d.sequence ?? 0,
    createdAt: iso(d.createdAt)!,
    updatedAt: iso(d.updatedAt)!,
  };
}

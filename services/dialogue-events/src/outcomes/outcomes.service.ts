import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  AttendanceCount,
  authorize,
  CommitmentView,
  CreateCommitmentRequest,
  DomainError,
  EscalateCommitmentRequest,
  EVENT_SUBJECTS,
  ListCommitmentsRequest,
  MinutesView,
  Page,
  Principal,
  RecordMinutesRequest,
  StakeholderGroup,
  STAKEHOLDER_GROUPS,
  UpdateCommitmentRequest,
  ownerFor,
} from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Model, QueryFilter } from 'mongoose';
import { EventDoc } from '../events/event.schema';
import { EventsRepository } from '../events/events.repository';
import { authzRecord, EventsService } from '../events/events.service';
import { EventLock } from '../platform/event-lock';
import { OutboxRelay, pendingEvent } from '@vidnova/mongo';
import { actor, dayIn, stripUndefined } from '../platform/who';
import { REGISTRATION_MODEL, RegistrationDoc } from '../registrations/registration.schema';
import { diff, isOverdue, PENDING } from './commitment-rules';
import { COMMITMENT_MODEL, CommitmentDoc, OVERDUE_RUN_MODEL, OverdueRunDoc } from './commitment.schema';

/** Commitments are due by the calendar of Kyiv. */
export const COMMITMENT_TIME_ZONE = 'Europe/Kyiv';

@Injectable()
export class OutcomesService {
  private readonly logger = new Logger(OutcomesService.name);

  constructor(
    @InjectModel(COMMITMENT_MODEL) private readonly commitments: Model<CommitmentDoc>,
    @InjectModel(OVERDUE_RUN_MODEL) private readonly runs: Model<OverdueRunDoc>,
    @InjectModel(REGISTRATION_MODEL) private readonly registrations: Model<RegistrationDoc>,
    private readonly events: EventsService,
    private readonly eventsRepo: EventsRepository,
    private readonly lock: EventLock,
    private readonly outbox: OutboxRelay,
  ) {}

  // ---------------------------------------------------------------- minutes

  /** Records (or corrects) the minutes of a held event; published ones are final. Raises the calendar SEQUENCE. */
  recordMinutes(req: RecordMinutesRequest, who: Principal | undefined): Promise<MinutesView> {
    return this.lock.run(req.eventId, async () => {
      const event = await this.events.load(req.eventId);
      authorize(who, 'update', 'DialogueEvent', authzRecord(event));
      if (event.status !== 'held') {
        throw new DomainError('invalid_state', `Minutes are recorded once the event is held (it is ${event.status})`, { eventStatus: event.status });
      }
      const m = req.minutes;
      const seen = new Set<string>();
      for (const a of m.attendance ?? []) {
        if (seen.has(a.group)) throw new DomainError('validation_failed', `attendance lists ${a.group} twice`, undefined, [{ field: 'minutes.attendance', message: `${a.group} appears twice` }]);
        seen.add(a.group);
      }
      const minutes = { text: m.text, ...(m.attendance ? { attendance: m.attendance } : {}), decisions: m.decisions ?? [], recordedAt: new Date(), by: actor(who) };
      const updated = await this.eventsRepo.update(req.eventId, { status: 'held' }, { $set: { minutes }, $inc: { sequence: 1 } });
      if (!updated) throw new DomainError('invalid_state', 'The event changed status meanwhile; read it again', {});
      return this.minutesView(updated);
    });
  }

  async getMinutes(eventId: string): Promise<MinutesView> {
    const event = await this.events.load(eventId);
    if (!event.minutes) throw new DomainError('not_found', `Event ${eventId} has no minutes yet`, { id: eventId });
    return this.minutesView(event);
  }

  /** Attendance by group of an event: from its minutes, else counted from check-ins. */
  async attendanceOf(event: EventDoc, checkIns?: Map<StakeholderGroup, number>): Promise<{ counts: AttendanceCount[]; source: 'minutes' | 'check_ins' }> {
    if (event.minutes?.attendance) return { counts: event.minutes.attendance, source: 'minutes' };
    let byGroup = checkIns;
    if (!byGroup) {
      byGroup = new Map();
      const docs = (await this.registrations.find({ eventId: String(event._id), state: 'active', checkedInAt: { $exists: true } }, { stakeholderGroup: 1 }).lean().exec()) as RegistrationDoc[];
      for (const d of docs) byGroup.set(d.stakeholderGroup, (byGroup.get(d.stakeholderGroup) ?? 0) + 1);
    }
    return { counts: STAKEHOLDER_GROUPS.filter((g) => byGroup.get(g)).map((g) => ({ group: g, count: byGroup.get(g)! })), source: 'check_ins' };
  }

  private async minutesView(e: EventDoc): Promise<MinutesView> {
    const m = e.minutes!;
    const attendance = await this.attendanceOf(e);
    return {
      eventId: String(e._id),
      text: m.text,
      attendance: attendance.counts,
      attendanceSource: attendance.source,
      decisions: m.decisions ?? [],
      recordedAt: new Date(m.recordedAt).toISOString(),
    };
  }

  // ---------------------------------------------------------------- commitments

  async createCommitment(req: CreateCommitmentRequest, who: Principal | undefined): Promise<CommitmentView> {
    const event = await this.events.load(req.eventId);
    // Outcomes are recorded by those who may change the event (its organisation, editors of its communities).
    authorize(who, 'update', 'DialogueEvent', authzRecord(event));
    const owner = ownerFor(who);
    authorize(who, 'create', 'DialogueCommitment', { owner, communities: event.communities });
    if (event.status !== 'held' && event.status !== 'minutes_published') {
      throw new DomainError('invalid_state', `Commitments are recorded at a held event (it is ${event.status})`, { eventStatus: event.status });
    }
    const c = req.commitment;
    const status = c.status ?? 'open';
    const now = new Date();
    const created = await this.commitments.create({
      eventId: req.eventId,
      communities: event.communities,
      text: c.text,
      responsible: c.responsible,
      dueDate: c.dueDate,
      status,
      progress: c.progress ?? (status === 'done' ? 100 : 0),
      evidence: c.evidence ?? [],
      path: [{ eventId: req.eventId, level: event.level, at: now }],
      updates: [],
      ...(owner ? { owner } : {}),
    });
    return toView(created.toObject() as CommitmentDoc);
  }

  async getCommitment(id: string): Promise<CommitmentView> {
    return toView(await this.loadCommitment(id));
  }

  listCommitments(req: ListCommitmentsRequest): Promise<Page<CommitmentView>> {
    const today = dayIn(COMMITMENT_TIME_ZONE);
    const and: QueryFilter<CommitmentDoc>[] = [];
    if (req.community) and.push({ communities: req.community });
    if (req.status) and.push({ status: req.status });
    if (req.eventId) and.push({ eventId: req.eventId });
    if (req.overdue === true) and.push({ status: { $in: [...PENDING] }, dueDate: { $lt: today } });
    if (req.overdue === false) and.push({ $or: [{ status: { $nin: [...PENDING] } }, { dueDate: { $gte: today } }] });
    return paginate(this.commitments, and.length ? { $and: and } : {}, { limit: req.limit, cursor: req.cursor }, (d) => toView(d as CommitmentDoc, today));
  }

  async updateCommitment(req: UpdateCommitmentRequest, who: Principal | undefined): Promise<CommitmentView> {
    const current = await this.loadCommitment(req.id);
    authorize(who, 'update', 'DialogueCommitment', { owner: current.owner, communities: current.communities });
    const { note, ...fields } = req.changes;
    const set: Record<string, unknown> = stripUndefined(fields);
    if (set.status === 'done' && set.progress === undefined) set.progress = 100;
    const changes = diff(current as unknown as Record<string, unknown>, set);
    if (!Object.keys(changes).length && !note) return toView(current);
    const entry = { at: new Date(), by: actor(who), changes, ...(note ? { note } : {}) };
    const unset = (set.dueDate && set.dueDate !== current.dueDate) || (set.status && !PENDING.includes(set.status as never)) ? { $unset: { overdueSince: 1 } } : {};
    const updated = (await this.commitments
      .findOneAndUpdate({ _id: current._id }, { $set: set, $push: { updates: entry }, ...unset }, { returnDocument: 'after' })
      .lean()
      .exec()) as CommitmentDoc | null;
    if (!updated) throw DomainError.notFound('Commitment', req.id);
    this.logger.log({ msg: 'commitment updated', commitmentId: req.id, fields: Object.keys(changes), by: actor(who) });
    return toView(updated);
  }

  /** Carries a commitment on to a follow-up event at another level; its path and update log stay. */
  async escalate(req: EscalateCommitmentRequest, who: Principal | undefined): Promise<CommitmentView> {
    const current = await this.loadCommitment(req.id);
    authorize(who, 'update', 'DialogueCommitment', { owner: current.owner, communities: current.communities });
    const from = await this.events.load(current.eventId);
    const to = await this.events.load(req.toEventId).catch(() => {
      throw new DomainError('unprocessable', `No event ${req.toEventId} to carry the commitment to`, undefined, [{ field: 'toEventId', message: 'no such event' }]);
    });
    authorize(who, 'update', 'DialogueEvent', authzRecord(to));
    if (to.level === from.level) {
      throw new DomainError('unprocessable', `The follow-up event must be at another level than ${from.level}`, undefined, [{ field: 'toEventId', message: `the event is also at level ${to.level}` }]);
    }
    if (to.status === 'cancelled') throw new DomainError('invalid_state', 'The follow-up event is cancelled', { eventStatus: to.status });
    if (!PENDING.includes(current.status)) throw new DomainError('invalid_state', `A commitment that is ${current.status} is not carried on`, { commitmentStatus: current.status });
    const at = new Date();
    const communities = [...new Set([...current.communities, ...to.communities])];
    const entry = { at, by: actor(who), changes: { eventId: { from: current.eventId, to: req.toEventId }, level: { from: from.level, to: to.level } }, ...(req.reason ? { note: req.reason } : {}) };
    const updated = (await this.commitments
      .findOneAndUpdate(
        { _id: current._id },
        { $set: { eventId: req.toEventId, communities }, $push: { path: { eventId: req.toEventId, level: to.level, at, ...(req.reason ? { reason: req.reason } : {}) }, updates: entry } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec()) as CommitmentDoc;
    this.logger.log({ msg: 'commitment escalated', commitmentId: req.id, from: from.level, to: to.level, by: actor(who) });
    return toView(updated);
  }

  /**
   * The daily job's work: marks each open or in-progress commitment whose due date is before `day`
   * (Europe/Kyiv) as overdue since that day, logs it, and announces the run on JetStream (ids only)
   * through the outbox. Repeating it for the same day marks nothing twice.
   */
  async markOverdue(day: string): Promise<{ day: string; marked: number; commitmentIds: string[] }> {
    const due = (await this.commitments.find({ status: { $in: [...PENDING] }, dueDate: { $lt: day }, overdueSince: { $exists: false } }, { _id: 1, communities: 1 }).lean().exec()) as CommitmentDoc[];
    const ids: string[] = [];
    const communities = new Set<string>();
    for (const c of due) {
      const res = await this.commitments
        .updateOne(
          { _id: c._id, overdueSince: { $exists: false } },
          { $set: { overdueSince: day }, $push: { updates: { at: new Date(), by: 'system', changes: { overdue: { from: false, to: true } }, note: `overdue job ${day}` } } },
        )
        .exec();
      if (res.modifiedCount === 1) {
        ids.push(String(c._id));
        for (const k of c.communities) communities.add(k);
      }
    }
    const run = await this.runs.create({
      day,
      commitmentIds: ids,
      pendingEvents: [pendingEvent(EVENT_SUBJECTS.dialogueCommitmentsOverdue, { day, count: ids.length, commitmentIds: ids, communities: [...communities] })],
      outboxVersion: 1,
    });
    this.outbox.kick(this.runs as never, run._id);
    this.logger.log({ msg: 'overdue commitments marked', day, marked: ids.length });
    return { day, marked: ids.length, commitmentIds: ids };
  }

  /** Commitments of these events, for the involvement figures. */
  async commitmentsOf(eventIds: string[]): Promise<CommitmentDoc[]> {
    // A commitment counts for every event on its path (made at one, carried to another).
    return (await this.commitments.find({ $or: [{ eventId: { $in: eventIds } }, { 'path.eventId': { $in: eventIds } }] }, { eventId: 1, status: 1, dueDate: 1, path: 1 }).lean().exec()) as CommitmentDoc[];
  }

  private async loadCommitment(id: string): Promise<CommitmentDoc> {
    const doc = isObjectId(id) ? ((await this.commitments.findById(id).lean().exec()) as CommitmentDoc | null) : null;
    if (!doc) throw DomainError.notFound('Commitment', id);
    return doc;
  }
}

export function toView(d: CommitmentDoc, today = dayIn(COMMITMENT_TIME_ZONE)): CommitmentView {
  return {
    id: String(d._id),
    eventId: d.eventId,
    communities: d.communities,
    text: d.text,
    responsible: d.responsible,
    dueDate: d.dueDate,
    status: d.status,
    progress: d.progress ?? 0,
    evidence: d.evidence ?? [],
    overdue: isOverdue(d, today),
    ...(d.overdueSince ? { overdueSince: d.overdueSince } : {}),
    path: (d.path ?? []).map((s) => ({ eventId: s.eventId, level: s.level, at: new Date(s.at).toISOString(), ...(s.reason ? { reason: s.reason } : {}) })),
    updates: (d.updates ?? []).map((u) => ({ at: new Date(u.at).toISOString(), by: u.by, changes: u.changes, ...(u.note ? { note: u.note } : {}) })),
    ...(d.owner ? { owner: d.owner } : {}),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

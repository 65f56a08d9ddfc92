import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  can,
  ContributionPhase,
  ContributionThreads,
  ContributionView,
  CreateContributionRequest,
  DomainError,
  HideContributionRequest,
  Principal,
  ReportContributionRequest,
  ownerFor,
} from '@vidnova/contracts';
import { isObjectId } from '@vidnova/mongo';
import { Model } from 'mongoose';
import { EventDoc } from '../events/event.schema';
import { authzRecord, EventsService } from '../events/events.service';
import { actor } from '../platform/who';
import { CONTRIBUTION_MODEL, ContributionDoc, REPORT_MODEL, VOTE_MODEL, VoteDoc } from './contribution.schema';

/** Most contributions listed for one event. */
const MAX_LISTED = 5000;

/** Before, during or after the event, by its start and end. */
export function phaseAt(e: Pick<EventDoc, 'startsAt' | 'endsAt'>, now = new Date()): ContributionPhase {
  if (now < new Date(e.startsAt)) return 'before';
  if (now <= new Date(e.endsAt)) return 'during';
  return 'after';
}

@Injectable()
export class ContributionsService {
  private readonly logger = new Logger(ContributionsService.name);

  constructor(
    @InjectModel(CONTRIBUTION_MODEL) private readonly model: Model<ContributionDoc>,
    @InjectModel(VOTE_MODEL) private readonly votes: Model<VoteDoc>,
    @InjectModel(REPORT_MODEL) private readonly reports: Model<VoteDoc>,
    private readonly events: EventsService,
  ) {}

  async create(req: CreateContributionRequest, who: Principal | undefined): Promise<ContributionView> {
    const event = await this.events.load(req.eventId);
    if (event.status === 'cancelled') throw new DomainError('invalid_state', 'The event is cancelled; it takes no contributions', { eventStatus: event.status });
    const c = req.contribution;
    if (c.parentId) {
      const parent = isObjectId(c.parentId) ? await this.model.findOne({ _id: c.parentId, eventId: req.eventId }).lean().exec() : null;
      if (!parent) {
        throw new DomainError('unprocessable', `No contribution ${c.parentId} on this event to answer`, undefined, [{ field: 'parentId', message: 'no such contribution on this event' }]);
      }
    }
    const owner = ownerFor(who);
    const created = await this.model.create({
      eventId: req.eventId,
      ...(c.parentId ? { parentId: c.parentId } : {}),
      kind: c.kind,
      phase: phaseAt(event),
      text: c.text.trim(),
      ...(who?.keyId ? { keyId: who.keyId } : {}),
      ...(owner ? { owner } : {}),
      moderation: [],
    });
    return this.view(created.toObject() as ContributionDoc, 0, 0, this.moderates(who, event), []);
  }

  /** Threads of an event: top-level contributions by up-votes, replies oldest first. Hidden texts only for moderators. */
  async list(eventId: string, who: Principal | undefined): Promise<ContributionThreads> {
    const event = await this.events.load(eventId);
    const moderator = this.moderates(who, event);
    const docs = (await this.model.find({ eventId }).sort({ _id: 1 }).limit(MAX_LISTED).lean().exec()) as ContributionDoc[];
    const [upvotes, reports] = await Promise.all([this.countBy(this.votes, eventId), this.countBy(this.reports, eventId)]);
    const views = new Map<string, ContributionView>();
    for (const d of docs) views.set(String(d._id), this.view(d, upvotes.get(String(d._id)) ?? 0, reports.get(String(d._id)) ?? 0, moderator, []));
    const top: ContributionView[] = [];
    for (const v of views.values()) {
      const parent = v.parentId ? views.get(v.parentId) : undefined;
      if (parent) parent.replies.push(v);
      else top.push(v);
    }
    top.sort((a, b) => b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt));
    return { eventId, items: top };
  }

  async upvote(id: string, who: Principal | undefined): Promise<ContributionView> {
    const { doc, event } = await this.load(id);
    if (!who?.keyId) throw new DomainError('forbidden', 'Up-votes need an API key');
    await this.votes.create({ eventId: doc.eventId, contributionId: id, keyId: who.keyId }).catch((e: { code?: number }) => {
      if (e.code !== 11000) throw e; // this key's up-vote is there already: counted once
    });
    return this.counted(doc, event, who);
  }

  async report(req: ReportContributionRequest, who: Principal | undefined): Promise<ContributionView> {
    const { doc, event } = await this.load(req.id);
    if (!who?.keyId) throw new DomainError('forbidden', 'Reports need an API key');
    await this.reports.create({ eventId: doc.eventId, contributionId: req.id, keyId: who.keyId, reason: req.reason }).catch((e: { code?: number }) => {
      if (e.code !== 11000) throw e;
    });
    this.logger.log({ msg: 'contribution reported', contributionId: req.id, eventId: doc.eventId, by: actor(who) });
    return this.counted(doc, event, who);
  }

  async hide(req: HideContributionRequest, who: Principal | undefined): Promise<ContributionView> {
    const { doc, event } = await this.load(req.id);
    authorize(who, 'moderate', 'DialogueContribution', authzRecord(event));
    const at = new Date();
    const updated = (await this.model
      .findOneAndUpdate({ _id: doc._id }, { $set: { hidden: { reason: req.reason, by: actor(who), at } }, $push: { moderation: { action: 'hidden', reason: req.reason, by: actor(who), at } } }, { returnDocument: 'after' })
      .lean()
      .exec()) as ContributionDoc;
    this.logger.log({ msg: 'contribution hidden', contributionId: req.id, eventId: doc.eventId, by: actor(who) });
    return this.counted(updated, event, who);
  }

  async restore(id: string, who: Principal | undefined): Promise<ContributionView> {
    const { doc, event } = await this.load(id);
    authorize(who, 'moderate', 'DialogueContribution', authzRecord(event));
    if (!doc.hidden) throw new DomainError('invalid_state', 'The contribution is not hidden', { id });
    const updated = (await this.model
      .findOneAndUpdate({ _id: doc._id }, { $unset: { hidden: 1 }, $push: { moderation: { action: 'restored', by: actor(who), at: new Date() } } }, { returnDocument: 'after' })
      .lean()
      .exec()) as ContributionDoc;
    this.logger.log({ msg: 'contribution restored', contributionId: id, eventId: doc.eventId, by: actor(who) });
    return this.counted(updated, event, who);
  }

  /** Visible (not hidden) contributions per event, for the involvement figures. */
  async visibleCountByEvent(eventIds: string[]): Promise<Map<string, number>> {
    const docs = (await this.model.find({ eventId: { $in: eventIds } }, { eventId: 1, hidden: 1 }).lean().exec()) as ContributionDoc[];
    const out = new Map<string, number>();
    for (const d of docs) if (!d.hidden) out.set(d.eventId, (out.get(d.eventId) ?? 0) + 1);
    return out;
  }

  private async load(id: string): Promise<{ doc: ContributionDoc; event: EventDoc }> {
    const doc = isObjectId(id) ? ((await this.model.findById(id).lean().exec()) as ContributionDoc | null) : null;
    if (!doc) throw DomainError.notFound('Contribution', id);
    return { doc, event: await this.events.load(doc.eventId) };
  }

  private async counted(doc: ContributionDoc, event: EventDoc, who: Principal | undefined): Promise<ContributionView> {
    const id = String(doc._id);
    const [up, rep] = await Promise.all([this.votes.countDocuments({ contributionId: id }).exec(), this.reports.countDocuments({ contributionId: id }).exec()]);
    return this.view(doc, up, rep, this.moderates(who, event), []);
  }

  private async countBy(model: Model<VoteDoc>, eventId: string): Promise<Map<string, number>> {
    // Counted here rather than by an aggregation pipeline (FerretDB v1 lacks parts of it).
    const rows = (await model.find({ eventId }, { contributionId: 1 }).lean().exec()) as VoteDoc[];
    const out = new Map<string, number>();
    for (const r of rows) out.set(r.contributionId, (out.get(r.contributionId) ?? 0) + 1);
    return out;
  }

  private moderates(who: Principal | undefined, event: EventDoc): boolean {
    return can(who, 'moderate', 'DialogueContribution', authzRecord(event));
  }

  private view(d: ContributionDoc, upvotes: number, reports: number, moderator: boolean, replies: ContributionView[]): ContributionView {
    const hidden = !!d.hidden;
    return {
      id: String(d._id),
      eventId: d.eventId,
      ...(d.parentId ? { parentId: d.parentId } : {}),
      kind: d.kind,
      phase: d.phase,
      ...(!hidden || moderator ? { text: d.text } : {}),
      upvotes,
      reports,
      hidden,
      ...(d.hidden ? { hiddenReason: d.hidden.reason } : {}),
      ...(moderator ? { moderation: (d.moderation ?? []).map((m) => ({ ...m, at: new Date(m.at).toISOString() })) } : {}),
      ...(d.owner ? { owner: d.owner } : {}),
      createdAt: new Date(d.createdAt).toISOString(),
      replies,
    };
  }
}

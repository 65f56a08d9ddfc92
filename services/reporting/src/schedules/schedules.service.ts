import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  authorize,
  CreateScheduleRequest,
  DomainError,
  ListSchedulesRequest,
  ownerFor,
  Page,
  Principal,
  ScheduleView,
  UpdateScheduleRequest,
} from '@vidnova/contracts';
import { isObjectId, paginate } from '@vidnova/mongo';
import { Queue } from 'bullmq';
import { Model, Types } from 'mongoose';
import { REPORT_QUEUE_TOKEN } from '../reports/queue.provider';
import { requireSubject } from '../reports/run-id';
import { ReportJobData, SCHEDULED_JOB, ScheduleJobData, schedulerId } from '../queue';
import { isTimeZone } from './period';
import { SCHEDULE_MODEL, ScheduleDoc } from './schedule.schema';

export const DEFAULT_TIMEZONE = 'Europe/Kyiv';

/**
 * Report schedules. Each is a record here (owner, inputs) and a BullMQ job scheduler with the same id
 * in Redis (`upsertJobScheduler` is idempotent: several API processes starting at once, or a restart,
 * leave exactly one). At start every process upserts the schedulers of all records again, so
 * schedules survive even a Redis that lost its data.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  private readonly log = new Logger('SchedulesService');

  constructor(
    @InjectModel(SCHEDULE_MODEL) private readonly model: Model<ScheduleDoc>,
    @Inject(REPORT_QUEUE_TOKEN) private readonly queue: Queue<ReportJobData | ScheduleJobData>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const all = (await this.model.find().lean().exec()) as ScheduleDoc[];
      for (const s of all) await this.upsert(s);
    } catch (e) {
      this.log.warn(`could not restore the job schedulers: ${(e as Error).message}`);
    }
  }

  /**
   * Creates or changes the job scheduler; BullMQ computes the next run first and refuses a cron
   * expression it cannot read before it writes anything, which becomes a 400 on `cron`.
   */
  private async upsertScheduler(s: Pick<ScheduleDoc, '_id' | 'cron' | 'timezone'>): Promise<void> {
    if (!isTimeZone(s.timezone)) throw new DomainError('validation_failed', `${s.timezone} is not an IANA time zone`, undefined, [{ field: 'timezone', message: 'unknown time zone' }]);
    try {
      await this.upsert(s);
    } catch (e) {
      if (/redis|connect|ECONN/i.test((e as Error).message)) throw e;
      throw new DomainError('validation_failed', `cron: ${(e as Error).message}`, undefined, [{ field: 'cron', message: (e as Error).message }]);
    }
  }

  private async upsert(s: Pick<ScheduleDoc, '_id' | 'cron' | 'timezone'>): Promise<void> {
    await this.queue.upsertJobScheduler(
      schedulerId(s._id.toHexString()),
      { pattern: s.cron, tz: s.timezone },
      { name: SCHEDULED_JOB, data: { scheduleId: s._id.toHexString() }, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }

  async create(req: CreateScheduleRequest, who: Principal | undefined): Promise<ScheduleView> {
    const s = req.schedule;
    const subject = requireSubject(s.type, s, 'schedule');
    const timezone = s.timezone ?? DEFAULT_TIMEZONE;
    const owner = ownerFor(who);
    authorize(who, 'create', 'ReportSchedule', { owner, createdBy: who?.keyId });
    // The scheduler first (it checks the cron expression), under the id the record then gets.
    const _id = new Types.ObjectId();
    await this.upsertScheduler({ _id, cron: s.cron.trim(), timezone });
    const doc = (await this.model.create({
      _id,
      type: s.type,
      [subject.field]: subject.code,
      cron: s.cron.trim(),
      timezone,
      periodicity: s.periodicity ?? 'quarter',
      lang: s.lang ?? 'uk',
      ...(owner ? { owner } : {}),
      ...(who?.keyId ? { createdBy: who.keyId } : {}),
    })).toObject() as ScheduleDoc;
    return this.view(doc);
  }

  async get(id: string): Promise<ScheduleView> {
    return this.view(await this.load(id));
  }

  /** Admins (and other services) see every schedule; other keys those of their organisation (or their own). */
  list(req: ListSchedulesRequest, who: Principal | undefined): Promise<Page<ScheduleView>> {
    const filter = !who || who.role === 'admin' ? {} : who.organization ? { owner: who.organization } : { createdBy: who.keyId };
    return paginate(this.model, filter, { limit: req.limit, cursor: req.cursor }, (d) => d).then(async (page) => ({
      items: await Promise.all(page.items.map((d) => this.view(d as ScheduleDoc))),
      nextCursor: page.nextCursor,
    }));
  }

  async update(req: UpdateScheduleRequest, who: Principal | undefined): Promise<ScheduleView> {
    const doc = await this.load(req.id);
    authorize(who, 'update', 'ReportSchedule', { owner: doc.owner, createdBy: doc.createdBy });
    const next = { ...doc, ...stripUndefined(req.changes) };
    await this.upsertScheduler(next);
    const saved = (await this.model
      .findByIdAndUpdate(doc._id, { $set: { cron: next.cron, timezone: next.timezone, periodicity: next.periodicity, lang: next.lang } }, { new: true })
      .lean()
      .exec()) as ScheduleDoc | null;
    if (!saved) throw new DomainError('not_found', `No report schedule ${req.id}`, { id: req.id });
    return this.view(saved);
  }

  async delete(id: string, who: Principal | undefined): Promise<void> {
    const doc = await this.load(id);
    authorize(who, 'delete', 'ReportSchedule', { owner: doc.owner, createdBy: doc.createdBy });
    await this.queue.removeJobScheduler(schedulerId(id));
    await this.model.deleteOne({ _id: doc._id }).exec();
  }

  async load(id: string): Promise<ScheduleDoc> {
    const doc = isObjectId(id) ? ((await this.model.findById(id).lean().exec()) as ScheduleDoc | null) : null;
    if (!doc) throw new DomainError('not_found', `No report schedule ${id}`, { id });
    return doc;
  }

  private async view(d: ScheduleDoc): Promise<ScheduleView> {
    const scheduler = await this.queue.getJobScheduler(schedulerId(d._id.toHexString())).catch(() => undefined);
    return {
      id: d._id.toHexString(),
      type: d.type,
      ...(d.community ? { community: d.community } : {}),
      ...(d.oblast ? { oblast: d.oblast } : {}),
      ...(d.budgetCode ? { budgetCode: d.budgetCode } : {}),
      ...(d.country ? { country: d.country } : {}),
      cron: d.cron,
      timezone: d.timezone,
      periodicity: d.periodicity,
      lang: d.lang,
      nextRunAt: scheduler?.next ? new Date(Number(scheduler.next)).toISOString() : null,
      ...(d.owner ? { owner: d.owner } : {}),
      createdAt: new Date(d.createdAt).toISOString(),
      updatedAt: new Date(d.updatedAt).toISOString(),
    };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, Page, ReportStatus } from '@vidnova/contracts';
import { pageSize } from '@vidnova/mongo';
import { Model } from 'mongoose';
import { RUN_MODEL, RunDoc } from './run.schema';

/**
 * The only place that touches the report runs. Every change of a run is one single-document update
 * conditioned on its revision (no multi-document transactions on FerretDB): a worker still busy with
 * an older revision cannot overwrite a newer one.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectModel(RUN_MODEL) private readonly model: Model<RunDoc>) {}

  /** Inserts a new run; false when one with this id exists already (a concurrent request). */
  async insert(doc: Omit<RunDoc, 'createdAt' | 'updatedAt'>): Promise<boolean> {
    try {
      await this.model.create(doc);
      return true;
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
  }

  async find(id: string): Promise<RunDoc | null> {
    return (await this.model.findById(id).lean().exec()) as RunDoc | null;
  }

  /** Starts the next revision of a finished run (with `force`); null when another request did it first. */
  async restart(prev: RunDoc, changes: Partial<RunDoc>): Promise<RunDoc | null> {
    const history = [
      { revision: prev.revision, status: prev.status, requestedAt: prev.requestedAt, ...(prev.finishedAt ? { finishedAt: prev.finishedAt } : {}) },
      ...prev.history,
    ].slice(0, 50);
    const res = await this.model
      .findOneAndUpdate(
        { _id: prev._id, revision: prev.revision },
        {
          $set: { ...changes, revision: prev.revision + 1, status: 'queued', progress: 0, attempts: 0, errors: [], gaps: [], history },
          $unset: { startedAt: 1, finishedAt: 1 },
        },
        { new: true },
      )
      .lean()
      .exec();
    return res as RunDoc | null;
  }

  /** The worker took the job: running, attempt n. False when the run moved on to another revision. */
  async markRunning(id: string, revision: number, attempt: number): Promise<boolean> {
    const res = await this.model
      .updateOne({ _id: id, revision }, { $set: { status: 'running', progress: 0, attempts: attempt, startedAt: new Date() }, $unset: { finishedAt: 1 } })
      .exec();
    return res.matchedCount === 1;
  }

  async progress(id: string, revision: number, progress: number): Promise<void> {
    await this.model.updateOne({ _id: id, revision, status: 'running' }, { $set: { progress } }).exec();
  }

  async finish(id: string, revision: number, set: Pick<RunDoc, 'status' | 'gaps' | 'content'>): Promise<boolean> {
    const res = await this.model
      .updateOne({ _id: id, revision }, { $set: { ...set, progress: 100, finishedAt: new Date() } })
      .exec();
    return res.matchedCount === 1;
  }

  /** Records a failed attempt; the run is `failed` after the last one, else waits for its retry (`queued`). */
  async recordError(id: string, revision: number, error: RunDoc['errors'][number], final: boolean): Promise<void> {
    const run = await this.find(id);
    if (!run || run.revision !== revision) return;
    const errors = [...run.errors, error].slice(-20);
    await this.model
      .updateOne(
        { _id: id, revision },
        { $set: { errors, status: final ? 'failed' : 'queued', ...(final ? { finishedAt: new Date() } : {}) } },
      )
      .exec();
  }

  /** Newest first (by creation, then id), keyset-paged: the cursor is the last item's creation time and id. */
  async list<T>(
    filter: { type?: string; community?: string; oblast?: string; status?: ReportStatus },
    page: { limit?: number; cursor?: string },
    toView: (d: RunDoc) => T,
  ): Promise<Page<T>> {
    const query: Record<string, unknown> = {};
    if (filter.type) query.type = filter.type;
    if (filter.community) query.community = filter.community;
    if (filter.oblast) query.oblast = filter.oblast;
    if (filter.status) query.status = filter.status;
    const after = page.cursor ? decodeRunCursor(page.cursor) : null;
    const q = after
      ? { $and: [query, { $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: after.id } }] }] }
      : query;
    const limit = pageSize(page.limit);
    const docs = (await this.model.find(q).sort({ createdAt: -1, _id: -1 }).limit(limit + 1).lean().exec()) as RunDoc[];
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toView),
      nextCursor: docs.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last._id])).toString('base64url') : null,
    };
  }
}

function decodeRunCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError('validation_failed', 'cursor is not a cursor this list gave out', undefined, [{ field: 'cursor', message: 'unknown cursor' }]);
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BREAKDOWN_FIELDS, QuestionView } from '@vidnova/contracts';
import { randomUUID } from 'node:crypto';
import { Model, Types } from 'mongoose';
import { CONSULTATION_MODEL, ConsultationDoc } from '../consultations/consultation.schema';
import { SUBMISSION_MODEL, SubmissionDoc } from '../submissions/submission.schema';
import { ResultsAccumulator } from './accumulator';
import { groupLabel } from './groups';
import { TALLY_LOCK_MODEL, TALLY_MODEL, TallyDoc, TallyLockDoc } from './tally.schema';

/** What counting reads of a submission. */
export type CountedSubmission = Pick<SubmissionDoc, '_id' | 'consultationId' | 'profile' | 'answers'>;

/**
 * How long whoever stored a submission has to count it before recovery may count it instead. Counting
 * takes milliseconds; a process stalled longer than this between storing and counting (and then
 * resuming) is the one case that could count a submission twice.
 */
export const TALLY_LEASE_MS = 60_000;
/** Submissions counted in one `$inc` by recovery. */
const RECOVERY_BATCH = 500;

/**
 * What a batch of submissions of one questionnaire adds to its tally: `$inc` paths for everyone
 * (`all`) and for each breakdown group (`by.<field>.<label>`). The same ResultsAccumulator as the
 * full recount does the counting, so tallies and recount cannot disagree on what a ballot is worth.
 */
export function tallyIncrements(questions: QuestionView[], subs: Array<Pick<CountedSubmission, 'profile' | 'answers'>>): Record<string, number> {
  const all = new ResultsAccumulator(questions);
  const groups = new Map<string, ResultsAccumulator>();
  for (const s of subs) {
    all.add(s.answers ?? []);
    for (const field of BREAKDOWN_FIELDS) {
      // Labels are listed values, `not_stated` or `other`: never free text, never a `.` or `$`.
      const key = `by.${field}.${groupLabel(field, s.profile?.[field])}`;
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = new ResultsAccumulator(questions)));
      acc.add(s.answers ?? []);
    }
  }
  const out: Record<string, number> = {};
  all.toIncrements('all', out);
  for (const [key, acc] of groups) acc.toIncrements(key, out);
  return out;
}

/** A change to this process's shard of one consultation's tally. */
interface ShardChange {
  inc?: Record<string, number>;
  set?: Record<string, unknown>;
  unset?: string[];
}

/**
 * Keeps the consultations' tallies (tally.schema.ts) up to date, counting every stored submission
 * exactly once. Each process writes only its own shard of a tally, one update at a time; changes that
 * queue up while an update is in flight go out together in the next one (so concurrent submissions
 * cost one tally write between them, not one each).
 *  1. a submission is inserted with `tallied: false` and a lease (`claimAt`) held by whoever inserted it;
 *  2. one update of the shard adds the batch's counts and records the batch's submission ids under
 *     `pending.k<batch>`;
 *  3. the submissions are marked `tallied: true`; 4. the pending entry is removed.
 * A crash after 2 leaves the pending entry: recovery marks those submissions tallied without counting
 * them again. A crash before 2 leaves `tallied: false`: once the lease has passed, recovery claims the
 * submission and counts it. Submissions stored before tallies existed (no `tallied` field) are counted
 * by recovery at start. Recovery runs in one process at a time (a lock document), since FerretDB v1
 * updates are not atomic between processes.
 */
@Injectable()
export class TalliesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TalliesService.name);
  /** This process's shard id. */
  readonly shard = new Types.ObjectId().toHexString();
  private readonly writers = new Map<string, { queue: Array<ShardChange & { done: () => void; fail: (e: unknown) => void }>; busy: Promise<void> | null }>();
  private timer?: NodeJS.Timeout;
  private recovering: Promise<number> | null = null;

  constructor(
    @InjectModel(TALLY_MODEL) private readonly tallies: Model<TallyDoc>,
    @InjectModel(TALLY_LOCK_MODEL) private readonly locks: Model<TallyLockDoc>,
    @InjectModel(SUBMISSION_MODEL) private readonly submissions: Model<SubmissionDoc>,
    @InjectModel(CONSULTATION_MODEL) private readonly consultations: Model<ConsultationDoc>,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: readiness does not wait for a count of submissions stored before tallies.
    const run = () => void this.recover().catch((e: unknown) => this.logger.error({ err: e }, 'recovering consultation tallies failed'));
    run();
    this.timer = setInterval(run, TALLY_LEASE_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.recovering?.catch(() => undefined);
    await Promise.allSettled([...this.writers.values()].map((w) => w.busy));
  }

  /** The stored shards of a consultation's tally (none before its first submission). */
  async read(consultationId: Types.ObjectId | string, by?: string): Promise<TallyDoc[]> {
    const projection: Record<string, 1> = { all: 1 };
    if (by) projection[`by.${by}`] = 1;
    return (await this.tallies.find({ consultationId: new Types.ObjectId(String(consultationId)) }, projection).lean().exec()) as TallyDoc[];
  }

  /**
   * Counts submissions of one consultation that the caller has just stored (and so holds the lease of).
   * Errors are the caller's to log: the submissions stay stored and recovery counts them later.
   */
  async count(questions: QuestionView[], subs: CountedSubmission[]): Promise<void> {
    if (!subs.length) return;
    const consultationId = new Types.ObjectId(String(subs[0].consultationId));
    const ids = subs.map((s) => s._id);
    const key = `pending.k${subs.length === 1 ? String(ids[0]) : new Types.ObjectId().toHexString()}`;
    await this.change(consultationId, { inc: tallyIncrements(questions, subs), set: { [key]: ids } });
    await this.markTallied(ids);
    await this.change(consultationId, { unset: [key] });
  }

  /**
   * Step 3, one update by `_id` per submission (20 at a time): FerretDB v1 on SQLite serves only a
   * plain `{_id: value}` filter without reading the whole collection, so `{_id: {$in: ids}}` would read
   * every submission of every consultation for each one counted.
   */
  private async markTallied(ids: Types.ObjectId[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 20) {
      await Promise.all(ids.slice(i, i + 20).map((_id) => this.submissions.collection.updateOne({ _id }, { $set: { tallied: true }, $unset: { claim: '' } })));
    }
  }

  /** Queues a change of this process's shard; changes queued meanwhile are written together. */
  private change(consultationId: Types.ObjectId, c: ShardChange): Promise<void> {
    const id = String(consultationId);
    let w = this.writers.get(id);
    if (!w) this.writers.set(id, (w = { queue: [], busy: null }));
    const writer = w;
    return new Promise<void>((done, fail) => {
      writer.queue.push({ ...c, done, fail });
      writer.busy ??= this.drain(consultationId, writer);
    });
  }

  private async drain(consultationId: Types.ObjectId, w: { queue: Array<ShardChange & { done: () => void; fail: (e: unknown) => void }>; busy: Promise<void> | null }): Promise<void> {
    await Promise.resolve(); // let the caller's synchronous pushes join this write
    while (w.queue.length) {
      const batch = w.queue.splice(0);
      const inc: Record<string, number> = {};
      const set: Record<string, unknown> = { consultationId, shard: this.shard, updatedAt: new Date() };
      const unset: Record<string, ''> = {};
      for (const c of batch) {
        for (const [k, v] of Object.entries(c.inc ?? {})) inc[k] = (inc[k] ?? 0) + v;
        Object.assign(set, c.set);
        for (const k of c.unset ?? []) unset[k] = '';
      }
      const update: Record<string, unknown> = { $set: set };
      if (Object.keys(inc).length) update.$inc = inc;
      if (Object.keys(unset).length) update.$unset = unset;
      try {
        await this.tallies.collection.updateOne({ _id: `${String(consultationId)}:${this.shard}` } as never, update, { upsert: true });
        for (const c of batch) c.done();
      } catch (e) {
        for (const c of batch) c.fail(e);
      }
    }
    w.busy = null;
    this.writers.delete(String(consultationId));
  }

  /**
   * Finishes interrupted counting; returns how many submissions it counted. Runs at start and every
   * lease period; `leaseMs` 0 (tests, audits with writes stopped) takes every uncounted submission.
   */
  recover(leaseMs = TALLY_LEASE_MS): Promise<number> {
    this.recovering ??= this.locked(() => this.recoverOnce(leaseMs)).finally(() => (this.recovering = null));
    return this.recovering;
  }

  /** Runs `work` holding the recovery lock; 0 without running it when another process holds it. */
  private async locked(work: () => Promise<number>): Promise<number> {
    const take = () => this.locks.create({ _id: 'recovery', owner: this.shard, at: new Date() });
    try {
      await take();
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      // A lock left by a process that died is taken over after a while.
      const stale = await this.locks.deleteOne({ _id: 'recovery', at: { $lt: new Date(Date.now() - 10 * TALLY_LEASE_MS) } });
      if (!stale.deletedCount) return 0;
      await take();
    }
    try {
      return await work();
    } finally {
      await this.locks.deleteOne({ _id: 'recovery', owner: this.shard });
    }
  }

  private async recoverOnce(leaseMs: number): Promise<number> {
    // Counted but maybe not marked: mark them. Only this process removes entries from its own shard;
    // another shard's owner removes its own (a dead owner's few entries stay, harmless).
    for await (const t of this.tallies.find({}, { pending: 1, shard: 1, consultationId: 1 }).lean().cursor()) {
      const doc = t as TallyDoc;
      for (const [key, ids] of Object.entries(doc.pending ?? {})) {
        await this.markTallied(ids);
        if (doc.shard === this.shard) await this.change(doc.consultationId, { unset: [`pending.${key}`] });
      }
    }
    // Submissions stored before tallies existed are marked uncounted once, by migration 1.
    // Not counted and the lease has passed: claim them, then count them.
    const claim = randomUUID();
    const now = new Date();
    const claimed = await this.submissions.collection.updateMany({ tallied: false, claimAt: { $lte: new Date(now.getTime() - leaseMs) } }, { $set: { claim, claimAt: now } });
    if (!claimed.modifiedCount) return 0;
    const questions = new Map<string, QuestionView[] | null>();
    const batches = new Map<string, CountedSubmission[]>();
    let counted = 0;
    const flush = async (cid: string) => {
      const batch = batches.get(cid) ?? [];
      batches.delete(cid);
      const qs = questions.get(cid);
      if (!batch.length || !qs) return;
      await this.count(qs, batch);
      counted += batch.length;
    };
    const cursor = this.submissions.find({ tallied: false, claim }, { consultationId: 1, profile: 1, answers: 1 }).lean().cursor({ batchSize: RECOVERY_BATCH });
    for await (const doc of cursor) {
      const s = doc as unknown as CountedSubmission;
      const cid = String(s.consultationId);
      if (!questions.has(cid)) {
        const c = await this.consultations.findById(s.consultationId, { questions: 1 }).lean().exec();
        questions.set(cid, (c?.questions as QuestionView[] | undefined) ?? null);
      }
      const batch = batches.get(cid) ?? [];
      batches.set(cid, batch);
      batch.push(s);
      if (batch.length >= RECOVERY_BATCH) await flush(cid);
    }
    for (const cid of [...batches.keys()]) await flush(cid);
    if (counted) this.logger.log({ msg: 'counted submissions into consultation tallies', counted });
    return counted;
  }
}

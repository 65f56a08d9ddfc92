import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from '@vidnova/messaging';
import { Model, Schema, Types } from 'mongoose';

/**
 * The transactional outbox without transactions: a service records the events a change causes in the
 * same document, in the same single-document write (atomic on MongoDB and FerretDB alike), and the
 * OutboxRelay publishes them to JetStream afterwards. Payloads carry ids and counts, never personal data.
 */
export interface PendingEvent {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The mongoose field that holds a document's pending events. */
export const PendingEventsField = {
  type: [new Schema({ id: String, subject: String, payload: Schema.Types.Mixed, createdAt: Date }, { _id: false })],
  default: [],
};

/** A new event to record; its id becomes the JetStream message id, so a repeated publish is dropped. */
export function pendingEvent(subject: string, payload: Record<string, unknown>): PendingEvent {
  return { id: new Types.ObjectId().toHexString(), subject, payload, createdAt: new Date() };
}

type OutboxDoc = { _id: Types.ObjectId; pendingEvents: PendingEvent[] } & Record<string, unknown>;

interface OutboxCollection {
  model: Model<OutboxDoc>;
  /** The field every write that adds an event increments; the relay clears only an unchanged document. */
  versionField: string;
}

/** How often the relay retries documents whose events it could not publish yet. */
const RETRY_MS = 5_000;
/** How often every registered collection is swept for events nobody queued (a crashed writer). */
export const OUTBOX_SWEEP_MS = 10 * 60_000;

/**
 * Publishes the events recorded in registered collections and clears them.
 *
 * A writer that records an event queues its document (`kick(model or collection name, id)`), and the relay reads that
 * document by `_id` — a read every backend answers from its primary key, whatever the collection's
 * size. Documents whose publish failed (broker down) stay queued and are retried every RETRY_MS.
 * Events whose writer died before queueing them are found by a sweep of every registered collection,
 * at start and every OUTBOX_SWEEP_MS. The sweep is the only query on `pendingEvents`, which FerretDB v1
 * cannot serve from an index: polling it every few seconds made every request's cost grow with the
 * collection (issue 12: a full scan of 100k organisations every 5 s).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  /** By collection name (one model per collection in a service). */
  private readonly collections = new Map<string, OutboxCollection & { queued: Set<string> }>();
  private started = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private sweepDue = true;
  private lastSweep = 0;

  constructor(private readonly publisher: EventPublisher) {}

  /** Adds a collection whose documents carry `pendingEvents` and a version counter. */
  register(model: Model<never>, versionField = 'outboxVersion'): void {
    this.collections.set(model.collection.name, { model: model as unknown as Model<OutboxDoc>, versionField, queued: new Set() });
    this.sweepDue = true;
    if (this.started) this.kick();
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.timer = setInterval(() => {
      if (Date.now() - this.lastSweep >= OUTBOX_SWEEP_MS) this.sweepDue = true;
      this.kick();
    }, RETRY_MS);
    this.timer.unref();
    this.kick();
  }

  /**
   * Starts a relay pass unless one is running (then another follows it). `model` and `id`: the
   * document whose write just recorded events; without them, only queued documents (and a due sweep).
   */
  kick(model?: Model<never> | string, id?: unknown): void {
    if (model && id != null) this.collections.get(typeof model === 'string' ? model : model.collection.name)?.queued.add(String(id));
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((e: unknown) => this.logger.warn(`outbox relay failed, will retry: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  /** Waits for the relay pass under way (tests). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    if (!this.started) return;
    do {
      this.again = false;
      for (const c of this.collections.values()) {
        for (const id of [...c.queued]) {
          c.queued.delete(id);
          try {
            const doc = (await c.model.findOne({ _id: id }, { pendingEvents: 1, [c.versionField]: 1 }).lean().exec()) as OutboxDoc | null;
            if (doc?.pendingEvents?.length) await this.publish(c, doc);
          } catch (e) {
            c.queued.add(id); // retried on the next tick
            throw e;
          }
        }
      }
      if (this.sweepDue) {
        for (const c of this.collections.values()) await this.sweep(c);
        this.sweepDue = false;
        this.lastSweep = Date.now();
      }
    } while (this.again);
  }

  private async sweep(c: OutboxCollection): Promise<void> {
    // Bounded passes: a document that keeps changing under us is picked up by the next sweep or kick.
    for (let pass = 0; pass < 10; pass++) {
      const docs = (await c.model
        .find({ 'pendingEvents.0': { $exists: true } }, { pendingEvents: 1, [c.versionField]: 1 })
        .limit(100)
        .lean()
        .exec()) as OutboxDoc[];
      if (!docs.length) break;
      for (const doc of docs) await this.publish(c, doc);
    }
  }

  /** Publishes a document's events (deduplicated by id), then clears them if nothing was added since it was read. */
  private async publish(c: OutboxCollection, doc: OutboxDoc): Promise<void> {
    for (const ev of doc.pendingEvents) {
      await this.publisher.publish(ev.subject, { id: ev.id, occurredAt: ev.createdAt, ...ev.payload }, ev.id);
    }
    const cleared = await c.model.updateOne({ _id: doc._id, [c.versionField]: doc[c.versionField] ?? 0 }, { $set: { pendingEvents: [] } }).exec();
    // Changed meanwhile: its new events go out on the next pass (their writer queued it, or the sweep).
    if (cleared.modifiedCount !== 1) {
      this.collections.get(c.model.collection.name)?.queued.add(String(doc._id));
      this.again = true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    this.started = false;
  }
}

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

/**
 * Publishes the events recorded in registered collections and clears them, after each write (`kick`)
 * and on a timer, so events written before a crash go out after the restart.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly collections: OutboxCollection[] = [];
  private started = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly publisher: EventPublisher) {}

  /** Adds a collection whose documents carry `pendingEvents` and a version counter. */
  register(model: Model<never>, versionField = 'outboxVersion'): void {
    this.collections.push({ model: model as unknown as Model<OutboxDoc>, versionField });
    if (this.started) this.kick();
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.timer = setInterval(() => this.kick(), 5000);
    this.timer.unref();
    this.kick();
  }

  /** Starts a relay pass unless one is running. */
  kick(): void {
    this.running ??= this.relay()
      .catch((e: unknown) => this.logger.warn(`outbox relay failed, will retry: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  /** Waits for the relay pass under way (tests). */
  async flush(): Promise<void> {
    await this.running;
  }

  private async relay(): Promise<void> {
    if (!this.started) return;
    for (const { model, versionField } of this.collections) {
      // Bounded passes: a document that keeps changing under us is picked up by the next timer tick.
      for (let pass = 0; pass < 10; pass++) {
        const docs = (await model
          .find({ 'pendingEvents.0': { $exists: true } }, { pendingEvents: 1, [versionField]: 1 })
          .limit(100)
          .lean()
          .exec()) as OutboxDoc[];
        if (!docs.length) break;
        for (const doc of docs) {
          for (const ev of doc.pendingEvents) {
            await this.publisher.publish(ev.subject, { id: ev.id, occurredAt: ev.createdAt, ...ev.payload }, ev.id);
          }
          // Only if nothing was added since it was read; otherwise the next pass publishes again (deduplicated).
          await model.updateOne({ _id: doc._id, [versionField]: doc[versionField] ?? 0 }, { $set: { pendingEvents: [] } }).exec();
        }
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.started = false;
    await this.running;
  }
}

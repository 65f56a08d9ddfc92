import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from '@vidnova/messaging';
import { Model, Schema, Types } from 'mongoose';

/** An event recorded in the document whose change it describes, published after the write (the outbox). */
export interface PendingEvent {
  id: string;
  subject: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export const PendingEventsField = {
  type: [new Schema({ id: String, subject: String, payload: Schema.Types.Mixed, createdAt: Date }, { _id: false })],
  default: [],
};

export function pendingEvent(subject: string, payload: Record<string, unknown>): PendingEvent {
  return { id: new Types.ObjectId().toHexString(), subject, payload, createdAt: new Date() };
}

interface OutboxDoc {
  _id: Types.ObjectId;
  pendingEvents: PendingEvent[];
  outboxVersion?: number;
}

/**
 * Publishes the events recorded in documents (registrations, overdue runs) to JetStream and clears them,
 * after each write and on a timer, so events written before a crash go out after the restart. The event
 * id is the JetStream message id, so a repeated publish is de-duplicated. Payloads carry ids and
 * counts only, never personal data. Same pattern as diaspora-registry's OutboxRelay.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Array<Model<OutboxDoc>> = [];
  private started = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly publisher: EventPublisher) {}

  register(model: Model<never>): void {
    this.models.push(model as unknown as Model<OutboxDoc>);
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.timer = setInterval(() => this.kick(), 5000);
    this.timer.unref();
    this.kick();
  }

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
    for (const model of this.models) {
      for (let pass = 0; pass < 10; pass++) {
        const docs = (await model.find({ 'pendingEvents.0': { $exists: true } }, { pendingEvents: 1, outboxVersion: 1 }).limit(100).lean().exec()) as OutboxDoc[];
        if (!docs.length) break;
        for (const doc of docs) {
          for (const ev of doc.pendingEvents) {
            await this.publisher.publish(ev.subject, { id: ev.id, occurredAt: ev.createdAt, ...ev.payload }, ev.id);
          }
          // Only if nothing was added since it was read (every write that adds an event bumps outboxVersion).
          await model.updateOne({ _id: doc._id, outboxVersion: doc.outboxVersion ?? 0 }, { $set: { pendingEvents: [] } }).exec();
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

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from '@vidnova/messaging';
import { OrganizationsRepository } from './organizations.repository';

/**
 * Publishes events recorded in organisation documents (the outbox) to JetStream, then removes them.
 * Runs after each write and on a timer, so events written before a crash go out after the restart.
 * The event id is the JetStream message id, so a publish repeated after a crash is de-duplicated.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private started = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly publisher: EventPublisher,
  ) {}

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

  async flush(): Promise<void> {
    await this.running;
  }

  private async relay(): Promise<void> {
    if (!this.started) return;
    // Bounded passes: a document that keeps changing under us is picked up by the next timer tick.
    for (let pass = 0; pass < 10; pass++) {
      const docs = await this.repo.withPendingEvents(100);
      if (!docs.length) return;
      for (const doc of docs) {
        for (const ev of doc.pendingEvents) {
          await this.publisher.publish(ev.subject, { id: ev.id, occurredAt: ev.createdAt, ...ev.payload }, ev.id);
        }
        await this.repo.clearPendingEvents(doc._id, doc.version);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.started = false;
    await this.running;
  }
}

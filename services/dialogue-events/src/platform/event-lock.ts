import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { DomainError } from '@vidnova/contracts';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';

/** How long a lease lives if its holder dies without releasing it. */
const LEASE_MS = 10_000;
/** How long to wait for a busy lease before answering 409. */
const WAIT_MS = 15_000;

/**
 * One writer at a time per event document, across every instance of the service.
 *
 * Why: MongoDB makes each single-document update atomic, and the seat changes are written as such
 * (conditional updates on the event document, EventsRepository). FerretDB v1 (the development and test
 * backend) does not: concurrent `$inc`/`$push`/findAndModify on one document lose updates (measured: 50
 * concurrent `$inc` → 22; two winners of the same compare-and-set). What FerretDB does enforce atomically
 * is a unique key, so the lease is an insert of `{ _id: <event id> }` into `event_leases`: whoever inserts
 * it holds it, deleting it releases it; a lease older than LEASE_MS (a crashed holder) is taken over.
 * Inside one process, callers for the same event also queue in memory, so they do not poll the database.
 */
@Injectable()
export class EventLock {
  private readonly local = new Map<string, Promise<unknown>>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get leases() {
    return this.connection.collection<{ _id: string; holder: string; until: Date }>('event_leases');
  }

  /** Runs `fn` while holding the lease of this event. */
  async run<T>(eventId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.local.get(eventId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.withLease(eventId, fn));
    this.local.set(eventId, mine);
    try {
      return await mine;
    } finally {
      if (this.local.get(eventId) === mine) this.local.delete(eventId);
    }
  }

  private async withLease<T>(eventId: string, fn: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        await this.leases.insertOne({ _id: eventId, holder, until: new Date(Date.now() + LEASE_MS) });
        break;
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
        const held = await this.leases.findOne({ _id: eventId });
        if (held && held.until.getTime() < Date.now()) await this.leases.deleteOne({ _id: eventId, holder: held.holder });
        if (Date.now() > deadline) {
          throw new DomainError('conflict', 'The event is busy right now; repeat the request', { retryAfterSeconds: 1 });
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    try {
      return await fn();
    } finally {
      await this.leases.deleteOne({ _id: eventId, holder }).catch(() => undefined);
    }
  }
}

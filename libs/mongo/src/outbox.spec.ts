import { EVENT_SUBJECTS } from '@vidnova/contracts';
import type { EventPublisher } from '@vidnova/messaging';
import type { Model } from 'mongoose';
import { OUTBOX_SWEEP_MS, OutboxRelay, PendingEvent, pendingEvent } from './outbox';

/**
 * The relay at its unit boundary: a collection that records which queries it answered (a query on
 * `pendingEvents` reads the whole collection on FerretDB v1) and a publisher that records what it sent.
 */
class FakeCollection {
  readonly docs = new Map<string, { _id: string; pendingEvents: PendingEvent[]; version: number }>();
  scans = 0;
  byId = 0;
  readonly collection = { name: 'organizations' };

  add(id: string, events: PendingEvent[]): void {
    this.docs.set(id, { _id: id, pendingEvents: events, version: 1 });
  }

  find(filter: Record<string, unknown>) {
    expect(filter).toEqual({ 'pendingEvents.0': { $exists: true } });
    this.scans++;
    const rows = [...this.docs.values()].filter((d) => d.pendingEvents.length).map((d) => structuredClone(d));
    const chain = { limit: () => chain, lean: () => chain, exec: async () => rows };
    return chain;
  }

  findOne(filter: { _id: string }) {
    this.byId++;
    const d = this.docs.get(filter._id);
    const chain = { lean: () => chain, exec: async () => (d ? structuredClone(d) : null) };
    return chain;
  }

  updateOne(filter: { _id: string; version: number }, update: { $set: { pendingEvents: PendingEvent[] } }) {
    const d = this.docs.get(filter._id);
    const hit = d && d.version === filter.version;
    if (hit) d.pendingEvents = update.$set.pendingEvents;
    return { exec: async () => ({ modifiedCount: hit ? 1 : 0 }) };
  }
}

describe('OutboxRelay', () => {
  let orgs: FakeCollection;
  let sent: string[];
  let failNext: boolean;
  let relay: OutboxRelay;

  beforeEach(() => {
    jest.useFakeTimers();
    orgs = new FakeCollection();
    sent = [];
    failNext = false;
    const publisher = {
      publish: async (_subject: string, _payload: unknown, id: string) => {
        if (failNext) {
          failNext = false;
          throw new Error('broker down');
        }
        sent.push(id);
      },
    } as unknown as EventPublisher;
    relay = new OutboxRelay(publisher);
    relay.register(orgs as unknown as Model<never>, 'version');
  });

  afterEach(async () => {
    await relay.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('publishes events left before a start once, by one sweep', async () => {
    const left = pendingEvent(EVENT_SUBJECTS.diasporaPersonalDataErased, { organizationId: 'a' });
    orgs.add('a', [left]);
    relay.onApplicationBootstrap();
    await relay.flush();
    expect(sent).toEqual([left.id]);
    expect(orgs.docs.get('a')!.pendingEvents).toEqual([]);
    // Nothing is sent twice by later ticks.
    await jest.advanceTimersByTimeAsync(30_000);
    await relay.flush();
    expect(sent).toEqual([left.id]);
  });

  it('reads a queued document by id and never scans the collection for it', async () => {
    relay.onApplicationBootstrap();
    await relay.flush();
    const scansAfterStart = orgs.scans;
    for (const id of ['x', 'y', 'z']) {
      const ev = pendingEvent(EVENT_SUBJECTS.diasporaPersonalDataErased, { organizationId: id });
      orgs.add(id, [ev]);
      relay.kick('organizations', id);
    }
    await relay.flush();
    expect(sent).toHaveLength(3);
    expect(orgs.scans).toBe(scansAfterStart);
    // The retry timer alone does not scan either.
    await jest.advanceTimersByTimeAsync(30_000);
    await relay.flush();
    expect(orgs.scans).toBe(scansAfterStart);
  });

  it('keeps a document whose publish failed and sends it on the next tick', async () => {
    relay.onApplicationBootstrap();
    await relay.flush();
    const ev = pendingEvent(EVENT_SUBJECTS.diasporaPersonalDataErased, { organizationId: 'b' });
    orgs.add('b', [ev]);
    failNext = true;
    relay.kick('organizations', 'b');
    await relay.flush();
    expect(sent).toEqual([]);
    expect(orgs.docs.get('b')!.pendingEvents).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(5_000);
    await relay.flush();
    expect(sent).toEqual([ev.id]);
    expect(orgs.docs.get('b')!.pendingEvents).toEqual([]);
  });

  it('sweeps again after OUTBOX_SWEEP_MS for events whose writer died before queueing them', async () => {
    relay.onApplicationBootstrap();
    await relay.flush();
    const orphan = pendingEvent(EVENT_SUBJECTS.diasporaPersonalDataErased, { organizationId: 'c' });
    orgs.add('c', [orphan]);
    await jest.advanceTimersByTimeAsync(OUTBOX_SWEEP_MS - 10_000);
    await relay.flush();
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(15_000);
    await relay.flush();
    expect(sent).toEqual([orphan.id]);
  });
});

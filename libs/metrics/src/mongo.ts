import { MONGO_COMMAND_DURATION, MONGO_POOL_CONNECTIONS, MONGO_POOL_EVENTS, MONGO_POOL_MAX, MONGO_POOL_WAITING } from './definitions';
import { Metrics } from './metrics';

/** The part of a MongoClient this uses: its event emitter (CMAP and command monitoring events). */
export interface MonitoredClient {
  on(event: string, listener: (ev: any) => void): unknown;
}

/** A name safe as a label value: collection and command names are, anything else is `other`. */
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const safe = (v: unknown): string => (typeof v === 'string' && NAME.test(v) ? v : 'other');

/**
 * The collection a command is about: the value of its first key for the collection commands (`find:
 * "organizations"`), `collection` for getMore; `-` for database-level commands (ping, listCollections,
 * an aggregate on 1).
 */
export function commandCollection(commandName: string, command: Record<string, unknown> | undefined): string {
  if (!command) return '-';
  const target = commandName === 'getMore' ? command['collection'] : command[commandName];
  return typeof target === 'string' ? safe(target) : '-';
}

/** Commands started and not yet finished are remembered at most this many (a lost reply must not leak). */
const MAX_PENDING = 10_000;

/**
 * Feeds the MongoDB metrics from a driver client's events. Needs the client created with
 * `monitorCommands: true` (libs/mongo does). Pool gauges move by increments, so several clients in
 * one process add up. Labels are collection and command names only: ids and filters never appear.
 */
export function instrumentMongoClient(metrics: Metrics, client: MonitoredClient): void {
  const pool = metrics.gauge(MONGO_POOL_CONNECTIONS);
  const waiting = metrics.gauge(MONGO_POOL_WAITING);
  const max = metrics.gauge(MONGO_POOL_MAX);
  const events = metrics.counter(MONGO_POOL_EVENTS);
  const commands = metrics.histogram(MONGO_COMMAND_DURATION);
  // Series exist from the start, so a dashboard shows 0 rather than nothing.
  pool.inc({ state: 'idle' }, 0);
  pool.inc({ state: 'in_use' }, 0);
  waiting.inc(0);
  max.inc(0);

  const maxByPool = new Map<string, number>();
  client.on('connectionPoolCreated', (ev: { address: string; options?: { maxPoolSize?: number } }) => {
    const size = ev.options?.maxPoolSize ?? 0;
    max.inc(size - (maxByPool.get(ev.address) ?? 0));
    maxByPool.set(ev.address, size);
  });
  client.on('connectionPoolClosed', (ev: { address: string }) => {
    max.dec(maxByPool.get(ev.address) ?? 0);
    maxByPool.delete(ev.address);
  });
  client.on('connectionPoolCleared', () => events.inc({ event: 'pool_cleared' }));
  client.on('connectionCreated', () => {
    events.inc({ event: 'connection_created' });
    pool.inc({ state: 'idle' });
  });
  client.on('connectionClosed', () => {
    events.inc({ event: 'connection_closed' });
    pool.dec({ state: 'idle' });
  });
  client.on('connectionCheckOutStarted', () => waiting.inc());
  client.on('connectionCheckOutFailed', () => {
    waiting.dec();
    events.inc({ event: 'checkout_failed' });
  });
  client.on('connectionCheckedOut', () => {
    waiting.dec();
    pool.dec({ state: 'idle' });
    pool.inc({ state: 'in_use' });
  });
  client.on('connectionCheckedIn', () => {
    pool.dec({ state: 'in_use' });
    pool.inc({ state: 'idle' });
  });

  const started = new Map<string, { collection: string; command: string }>();
  const key = (ev: { requestId: number; connectionId?: unknown }) => `${String(ev.connectionId)}/${ev.requestId}`;
  client.on('commandStarted', (ev: { requestId: number; connectionId?: unknown; commandName: string; command?: Record<string, unknown> }) => {
    if (started.size >= MAX_PENDING) started.clear();
    started.set(key(ev), { collection: commandCollection(ev.commandName, ev.command), command: safe(ev.commandName) });
  });
  const finished = (outcome: 'ok' | 'error') => (ev: { requestId: number; connectionId?: unknown; commandName: string; duration: number }) => {
    const k = key(ev);
    const what = started.get(k) ?? { collection: '-', command: safe(ev.commandName) };
    started.delete(k);
    commands.observe({ ...what, outcome }, ev.duration / 1000);
  };
  client.on('commandSucceeded', finished('ok'));
  client.on('commandFailed', finished('error'));
}

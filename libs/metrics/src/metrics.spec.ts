import { EventEmitter } from 'node:events';
import { commandCollection, ImportMeter, instrumentMongoClient, Metrics, observeJobs, watchQueue } from './index';

interface Sample {
  name: string;
  labels: Record<string, string | number>;
  value: number;
}
interface Scrape {
  samples: Sample[];
}
/** The registry's series as prom-client reports them (JSON), default labels included. */
const scrape = async (m: Metrics): Promise<Scrape> => ({
  samples: (await m.registry.getMetricsAsJSON()).flatMap((f) =>
    f.values.map((v) => ({ name: (v as { metricName?: string }).metricName ?? f.name, labels: v.labels as Record<string, string | number>, value: v.value })),
  ),
});
const sampleSum = (exp: Scrape, name: string, labels: Record<string, string> = {}) =>
  exp.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v)).reduce((n, s) => n + s.value, 0);

describe('Metrics', () => {
  it('labels every series with the service and exposes Node process metrics', async () => {
    const a = new Metrics('diaspora-registry');
    const { BUS_REQUESTS } = await import('./definitions');
    a.counter(BUS_REQUESTS).inc({ operation: 'x.y.test-operation' });
    const text = await new Metrics('consultations').render();
    expect(text).toMatch(/^process_cpu_seconds_total\{service="consultations"\} [0-9.e+-]+$/m);
    expect(text).toMatch(/^# TYPE process_resident_memory_bytes gauge$/m);
    expect(text).toMatch(/^nodejs_heap_space_size_used_bytes\{space="[a-z_]+",service="consultations"\} \d+$/m);
    const own = await a.render();
    expect(own).toMatch(/^process_cpu_seconds_total\{service="diaspora-registry"\} /m);
    expect(own).toContain('vidnova_bus_requests_total{operation="x.y.test-operation",service="diaspora-registry"} 1');
    // Every sample line carries the service.
    expect(own.split('\n').filter((l) => l && !l.startsWith('#') && !l.includes('service="diaspora-registry"'))).toEqual([]);
  });

  it('keeps two services in one process apart', async () => {
    const a = new Metrics('a');
    const b = new Metrics('b');
    const { BUS_REQUESTS } = await import('./definitions');
    a.counter(BUS_REQUESTS).inc({ operation: 'x.y.test-operation' });
    expect(sampleSum(await scrape(a), 'vidnova_bus_requests_total')).toBe(1);
    expect(sampleSum(await scrape(b), 'vidnova_bus_requests_total')).toBe(0);
  });
});

describe('MongoDB metrics', () => {
  it('names the collection of collection commands and nothing of their filters', () => {
    expect(commandCollection('find', { find: 'organizations', filter: { _id: '65f0' } })).toBe('organizations');
    expect(commandCollection('getMore', { getMore: 123, collection: 'budget_rows' })).toBe('budget_rows');
    expect(commandCollection('ping', { ping: 1 })).toBe('-');
    expect(commandCollection('find', { find: 'has space {evil}' })).toBe('other');
  });

  it('follows the pool through checkouts and times commands by collection and command', async () => {
    const m = new Metrics('svc');
    const client = new EventEmitter();
    instrumentMongoClient(m, client);
    client.emit('connectionPoolCreated', { address: 'db:27017', options: { maxPoolSize: 100 } });
    for (let i = 0; i < 3; i++) client.emit('connectionCreated', {});
    client.emit('connectionCheckOutStarted', {});
    client.emit('connectionCheckOutStarted', {});
    client.emit('connectionCheckedOut', {});
    let exp = await scrape(m);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_connections', { state: 'in_use' })).toBe(1);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_connections', { state: 'idle' })).toBe(2);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_waiting_checkouts')).toBe(1);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_max_connections')).toBe(100);
    client.emit('connectionCheckedIn', {});
    client.emit('commandStarted', { requestId: 7, connectionId: 1, commandName: 'find', command: { find: 'organizations', filter: { name: 'filter-value-42' } } });
    client.emit('commandSucceeded', { requestId: 7, connectionId: 1, commandName: 'find', duration: 250 });
    client.emit('commandStarted', { requestId: 8, connectionId: 1, commandName: 'insert', command: { insert: 'organizations' } });
    client.emit('commandFailed', { requestId: 8, connectionId: 1, commandName: 'insert', duration: 3 });
    exp = await scrape(m);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_connections', { state: 'in_use' })).toBe(0);
    expect(sampleSum(exp, 'vidnova_mongodb_command_duration_seconds_count', { collection: 'organizations', command: 'find', outcome: 'ok' })).toBe(1);
    expect(sampleSum(exp, 'vidnova_mongodb_command_duration_seconds_sum', { collection: 'organizations', command: 'find' })).toBeCloseTo(0.25);
    expect(sampleSum(exp, 'vidnova_mongodb_command_duration_seconds_bucket', { collection: 'organizations', command: 'find', le: '0.1' })).toBe(0);
    expect(sampleSum(exp, 'vidnova_mongodb_command_duration_seconds_count', { collection: 'organizations', command: 'insert', outcome: 'error' })).toBe(1);
    expect(await m.render()).not.toContain('filter-value-42');
  });
});

describe('ImportMeter', () => {
  it('counts running totals once, however often they are reported', async () => {
    const m = new Metrics('svc');
    const meter = new ImportMeter(m, 'budget');
    expect(sampleSum(await scrape(m), 'vidnova_imports_in_progress', { kind: 'budget' })).toBe(1);
    meter.progress({ rowsRead: 10, accepted: 8, rejectedCount: 2, bytesRead: 1000 });
    meter.progress({ rowsRead: 10, accepted: 8, rejectedCount: 2, bytesRead: 1000 });
    meter.finish('completed', { rowsRead: 25, accepted: 20, rejectedCount: 5, bytesRead: 2500 });
    meter.finish('completed');
    const exp = await scrape(m);
    expect(sampleSum(exp, 'vidnova_import_rows_read_total', { kind: 'budget' })).toBe(25);
    expect(sampleSum(exp, 'vidnova_import_rows_accepted_total', { kind: 'budget' })).toBe(20);
    expect(sampleSum(exp, 'vidnova_import_rows_rejected_total', { kind: 'budget' })).toBe(5);
    expect(sampleSum(exp, 'vidnova_import_bytes_read_total', { kind: 'budget' })).toBe(2500);
    expect(sampleSum(exp, 'vidnova_imports_total', { kind: 'budget', status: 'completed' })).toBe(1);
    expect(sampleSum(exp, 'vidnova_imports_in_progress', { kind: 'budget' })).toBe(0);
  });

  it('does nothing without metrics', () => {
    expect(() => new ImportMeter(undefined, 'x').finish('failed', { rowsRead: 1, accepted: 0, rejectedCount: 1 })).not.toThrow();
  });
});

describe('queue metrics', () => {
  it('reads queue depth at each scrape and times finished jobs', async () => {
    const m = new Metrics('svc');
    let waiting = 3;
    watchQueue(m, 'reports', { getJobCounts: async () => ({ waiting, active: 1, completed: 5, failed: 0 }) } as never);
    const worker = new EventEmitter();
    observeJobs(m, 'reports', worker as never);
    worker.emit('completed', { processedOn: 1000, finishedOn: 3500 });
    worker.emit('failed', { processedOn: 1000, finishedOn: 1200 }, new Error('x'));
    let exp = await scrape(m);
    expect(sampleSum(exp, 'vidnova_queue_jobs', { queue: 'reports', state: 'waiting' })).toBe(3);
    expect(sampleSum(exp, 'vidnova_queue_jobs', { queue: 'reports', state: 'delayed' })).toBe(0);
    expect(sampleSum(exp, 'vidnova_queue_job_duration_seconds_sum', { queue: 'reports', outcome: 'completed' })).toBe(2.5);
    expect(sampleSum(exp, 'vidnova_queue_job_duration_seconds_count', { queue: 'reports', outcome: 'failed' })).toBe(1);
    waiting = 0;
    exp = await scrape(m);
    expect(sampleSum(exp, 'vidnova_queue_jobs', { queue: 'reports', state: 'waiting' })).toBe(0);
  });

  it('answers a scrape when Redis does not, without a stale figure', async () => {
    const m = new Metrics('svc');
    watchQueue(m, 'reports', { getJobCounts: () => new Promise(() => undefined) } as never);
    const exp = await scrape(m);
    expect(exp.samples.filter((s) => s.name === 'vidnova_queue_jobs')).toEqual([]);
  });
});

import { Msg, NatsConnection } from '@nats-io/transport-node';
import { CORRELATION_HEADER, DIASPORA_OPS } from '@vidnova/contracts';
import { busSubject } from '@vidnova/messaging';
import { parsePrometheus, sampleSum } from '@vidnova/testing';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

describe('health, correlation ids and metrics', () => {
  let p: TestPlatform;
  let nc: NatsConnection;
  const seen: Msg[] = [];

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    nc = await natsConnectAs('diaspora-registry');
    // A plain (non-queue) subscriber gets a copy of what the gateway sends the service, headers included.
    nc.subscribe(busSubject(DIASPORA_OPS.organizationList.subject), { callback: (_e, m) => void seen.push(m) });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.drain();
    await p?.stop();
  });

  const lastSeenHeader = async (count: number) => {
    for (let i = 0; i < 50 && seen.length < count; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(count);
    return seen[count - 1].headers?.get(CORRELATION_HEADER);
  };

  it('answers /health/live without a key', async () => {
    const r = await p.api.get('/health/live');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('answers /health/ready 200 with MongoDB, NATS and the service checked', async () => {
    const r = await p.api.get('/health/ready');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(Object.keys(r.body.checks).sort()).toEqual(['mongodb', 'nats', 'service:diaspora-registry']);
  });

  it('returns the caller’s X-Correlation-Id and carries it to the service in the NATS headers', async () => {
    const r = await p.admin.get('/api/v1/diaspora/organizations', { 'x-correlation-id': 'req-berezhany-42' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-correlation-id')).toBe('req-berezhany-42');
    expect(await lastSeenHeader(1)).toBe('req-berezhany-42');
  });

  it('makes up a correlation id when none (or an unsafe one) is sent, and uses it all the way', async () => {
    const r = await p.admin.get('/api/v1/diaspora/organizations');
    const generated = r.headers.get('x-correlation-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lastSeenHeader(2)).toBe(generated);

    const unsafe = await p.admin.get('/api/v1/diaspora/organizations', { 'x-correlation-id': 'bad id\twith spaces' });
    expect(unsafe.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lastSeenHeader(3)).toBe(unsafe.headers.get('x-correlation-id'));
  });

  it('puts the correlation id in problem bodies', async () => {
    const r = await p.admin.get('/api/v1/diaspora/organizations/65f000000000000000000000', { 'x-correlation-id': 'lost-one' });
    expect(r.status).toBe(404);
    expect(r.body.correlationId).toBe('lost-one');
  });

  it('serves Prometheus metrics counting requests by method, route pattern and status', async () => {
    await p.admin.get('/api/v1/diaspora/organizations/65f000000000000000000001');
    await p.admin.get('/api/v1/diaspora/organizations/65f000000000000000000002');
    await p.admin.get('/no/such/route');
    const r = await p.api.get('/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = r.body as string;
    const exp = parsePrometheus(text);
    const byId = { method: 'GET', route: '/api/v1/diaspora/organizations/:id', service: 'gateway' };
    expect(sampleSum(exp, 'http_requests_total', { ...byId, status: '404' })).toBeGreaterThanOrEqual(3);
    expect(sampleSum(exp, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sampleSum(exp, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/api/v1/diaspora/organizations', status: '200', le: '+Inf' })).toBeGreaterThan(0);
    expect(text).not.toContain('65f000000000000000000001');
  });
});

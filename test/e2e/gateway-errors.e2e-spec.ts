import { NatsConnection } from '@nats-io/transport-node';
import { DIASPORA_OPS } from '@vidnova/contracts';
import { busName, busSubject } from '@vidnova/messaging';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

const munich = () => ({ name: { original: 'Українська громада Мюнхена' }, country: 'DE', city: 'München', type: 'association', focusAreas: ['culture'] });

/**
 * Error paths of the gateway with no real service behind it: a raw NATS subscriber stands in for a
 * service that takes requests and never answers, and a READY_SERVICES entry names one nobody runs.
 */
describe('gateway error responses', () => {
  let p: TestPlatform;
  let nc: NatsConnection;
  let swallowed = 0;

  beforeAll(async () => {
    p = await startPlatform([], {
      READY_SERVICES: 'ghost-service',
      BUS_TIMEOUT_MS: '300',
      BUS_UNAVAILABLE_RETRY_MS: '200',
    });
    nc = await natsConnectAs('diaspora-registry');
    // Takes "get organisation" requests and never replies: the gateway must give up with 504.
    nc.subscribe(busSubject(DIASPORA_OPS.organizationGet.subject), { queue: busName('diaspora-registry'), callback: () => void swallowed++ });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.drain();
    await p?.stop();
  });

  it('answers an unknown route with a 404 problem', async () => {
    const r = await p.admin.get('/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, code: 'not_found', type: 'https://vidnova.org/problems/not-found' });
  });

  it('answers a JSON route sent text/plain with 415, without touching the body, and keeps serving', async () => {
    const r = await p.admin.post('/api/v1/diaspora/organizations', 'name=Lviv', { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'unsupported_media_type', accepted: ['application/json'] });
    const csv = await p.admin.patch('/api/v1/diaspora/organizations/65f000000000000000000000', 'a,b\n1,2\n', { 'content-type': 'text/csv' });
    expect(csv.status).toBe(415);
    expect((await p.api.get('/health/live')).status).toBe(200);
  });

  it('answers a content type nobody parses with 415', async () => {
    const r = await p.admin.post('/api/v1/diaspora/organizations', '<org/>', { 'content-type': 'application/xml' });
    expect(r.status).toBe(415);
    expect(r.body).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('accepts a JSON body with a charset on a JSON route (it then fails only downstream)', async () => {
    const r = await p.admin.post('/api/v1/diaspora/organizations', JSON.stringify(munich()), {
      'content-type': 'application/json; charset=utf-8',
    });
    // Nobody serves organisation creation here: the request got past parsing and validation to the bus.
    expect(r.status).toBe(503);
  });

  it('reports readiness 503 naming the service that does not answer', async () => {
    const r = await p.api.get('/health/ready');
    expect(r.status).toBe(503);
    expect(r.body.status).toBe('unavailable');
    expect(r.body.checks['service:ghost-service']).toMatchObject({ status: 'down' });
    expect(r.body.checks.nats).toMatchObject({ status: 'ok' });
    expect(r.body.checks.mongodb).toMatchObject({ status: 'ok' });
  });

  it('answers 503 when no instance of the service is subscribed, after the retry window', async () => {
    const r = await p.admin.get('/api/v1/diaspora/organizations');
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'service_unavailable', type: 'https://vidnova.org/problems/service-unavailable' });
    // The public answer names no NATS subject and no internal failure text, and says when to come back.
    expect(JSON.stringify(r.body)).not.toContain('diaspora.organization');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('answers 504 when the service takes the request but does not reply within BUS_TIMEOUT_MS', async () => {
    const before = swallowed;
    const r = await p.admin.get('/api/v1/diaspora/organizations/65f000000000000000000000');
    expect(r.status).toBe(504);
    expect(r.body).toMatchObject({ code: 'service_timeout', status: 504 });
    expect(JSON.stringify(r.body)).not.toContain('diaspora.organization');
    expect(swallowed).toBe(before + 1);
  });
});

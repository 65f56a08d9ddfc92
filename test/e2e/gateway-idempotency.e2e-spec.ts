import { Msg, NatsConnection } from '@nats-io/transport-node';
import { DIASPORA_OPS } from '@vidnova/contracts';
import { busName, busSubject } from '@vidnova/messaging';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

const org = (city: string) => ({
  name: { original: `Українська громада ${city}` },
  country: 'PL',
  city,
  type: 'association',
  focusAreas: ['humanitarian_aid'],
});

describe('Idempotency-Key through the gateway', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const k = await p.admin.post('/api/v1/api-keys', { name: 'partner', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(k.body.key);
  });
  afterAll(() => p?.stop());

  const countIn = async (city: string) => {
    const list = await partner.get(`/api/v1/diaspora/organizations?city=${encodeURIComponent(city)}&limit=100`);
    expect(list.status).toBe(200);
    return list.body.items.length as number;
  };

  it('replays the first status and body for a retry with the same key, and creates one record', async () => {
    const first = await partner.post('/api/v1/diaspora/organizations', org('Kraków'), { 'idempotency-key': 'create-krakow-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await partner.post('/api/v1/diaspora/organizations', org('Kraków'), { 'idempotency-key': 'create-krakow-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countIn('Kraków')).toBe(1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const body = org('Gdańsk');
    const first = await partner.post('/api/v1/diaspora/organizations', body, { 'idempotency-key': 'gdansk' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await partner.post('/api/v1/diaspora/organizations', reordered, { 'idempotency-key': 'gdansk' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('refuses the same key with a different body with 422 and changes nothing', async () => {
    const first = await partner.post('/api/v1/diaspora/organizations', org('Poznań'), { 'idempotency-key': 'poznan' });
    expect(first.status).toBe(201);
    const other = await partner.post('/api/v1/diaspora/organizations', org('Wrocław'), { 'idempotency-key': 'poznan' });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ code: 'unprocessable', idempotencyKey: 'poznan' });
    expect(await countIn('Wrocław')).toBe(0);
  });

  it('keeps keys apart per API key, method and path', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'second partner', role: 'partner', organization: 'partner-org' });
    const other = p.api.withKey(k.body.key);
    const a = await partner.post('/api/v1/diaspora/organizations', org('Lublin'), { 'idempotency-key': 'shared-key' });
    const b = await other.post('/api/v1/diaspora/organizations', { ...org('Lublin'), name: { original: 'Інша громада Любліна' } }, { 'idempotency-key': 'shared-key' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    const patched = await partner.patch(`/api/v1/diaspora/organizations/${a.body.id}`, { sizeBand: '1-10' }, { 'idempotency-key': 'shared-key' });
    expect(patched.status).toBe(200);
    expect(patched.body.sizeBand).toBe('1-10');
  });

  it('replays a client error and a 204 delete as they were', async () => {
    const bad = { ...org('Łódź'), country: 'Poland' };
    const first = await partner.post('/api/v1/diaspora/organizations', bad, { 'idempotency-key': 'bad-country' });
    expect(first.status).toBe(400);
    const again = await partner.post('/api/v1/diaspora/organizations', bad, { 'idempotency-key': 'bad-country' });
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const created = await partner.post('/api/v1/diaspora/organizations', org('Łódź'));
    const del = await partner.delete(`/api/v1/diaspora/organizations/${created.body.id}`, { 'idempotency-key': 'del-lodz' });
    expect(del.status).toBe(204);
    const delAgain = await partner.delete(`/api/v1/diaspora/organizations/${created.body.id}`, { 'idempotency-key': 'del-lodz' });
    expect(delAgain.status).toBe(204);
    expect(delAgain.headers.get('idempotent-replayed')).toBe('true');
    // Without the key, the second delete is a new request and finds nothing.
    expect((await partner.delete(`/api/v1/diaspora/organizations/${created.body.id}`)).status).toBe(404);
  });

  it('rejects a key longer than 200 characters with 400', async () => {
    const r = await partner.post('/api/v1/diaspora/organizations', org('Toruń'), { 'idempotency-key': 'k'.repeat(201) });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await countIn('Toruń')).toBe(0);
    const ok = await partner.post('/api/v1/diaspora/organizations', org('Toruń'), { 'idempotency-key': 'k'.repeat(200) });
    expect(ok.status).toBe(201);
  });
});

describe('Idempotency-Key while the first request is still in flight', () => {
  let p: TestPlatform;
  let nc: NatsConnection;
  const held: Msg[] = [];
  let arrived: () => void = () => undefined;

  beforeAll(async () => {
    // A stand-in for the diaspora service that holds "create" requests until the test releases them.
    p = await startPlatform([], { READY_SERVICES: '', BUS_TIMEOUT_MS: '10000' });
    nc = await natsConnectAs('diaspora-registry');
    nc.subscribe(busSubject(DIASPORA_OPS.organizationCreate.subject), {
      queue: busName('diaspora-registry'),
      callback: (_err, msg) => {
        held.push(msg);
        arrived();
      },
    });
    await nc.flush();
  });
  afterAll(async () => {
    await nc?.drain();
    await p?.stop();
  });

  it('answers a concurrent duplicate with 409 and the first request completes normally', async () => {
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const first = p.admin.post('/api/v1/diaspora/organizations', org('Rzeszów'), { 'idempotency-key': 'in-flight' });
    await reached;
    const dup = await p.admin.post('/api/v1/diaspora/organizations', org('Rzeszów'), { 'idempotency-key': 'in-flight' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'conflict', idempotencyKey: 'in-flight' });
    expect(held).toHaveLength(1);

    const request = JSON.parse(new TextDecoder().decode(held[0].data)) as { id: string };
    held[0].respond(JSON.stringify({ id: request.id, response: { id: 'org-1', city: 'Rzeszów' }, isDisposed: true }));
    const done = await first;
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ id: 'org-1', city: 'Rzeszów' });

    const replay = await p.admin.post('/api/v1/diaspora/organizations', org('Rzeszów'), { 'idempotency-key': 'in-flight' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ id: 'org-1', city: 'Rzeszów' });
    expect(held).toHaveLength(1);
  });

  it('lets a retry run again when the first attempt failed on the service side (5xx)', async () => {
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const first = p.admin.post('/api/v1/diaspora/organizations', org('Opole'), { 'idempotency-key': 'flaky' });
    await reached;
    const msg = held[held.length - 1];
    const request = JSON.parse(new TextDecoder().decode(msg.data)) as { id: string };
    msg.respond(JSON.stringify({ id: request.id, err: { code: 'internal', status: 500, message: 'boom' }, isDisposed: true }));
    expect((await first).status).toBe(500);

    const again = new Promise<void>((resolve) => (arrived = resolve));
    const retry = p.admin.post('/api/v1/diaspora/organizations', org('Opole'), { 'idempotency-key': 'flaky' });
    await again;
    const msg2 = held[held.length - 1];
    const request2 = JSON.parse(new TextDecoder().decode(msg2.data)) as { id: string };
    msg2.respond(JSON.stringify({ id: request2.id, response: { id: 'org-2' }, isDisposed: true }));
    const r = await retry;
    expect(r.status).toBe(201);
    expect(r.headers.get('idempotent-replayed')).toBeNull();
  });
});

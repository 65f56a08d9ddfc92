import { DIASPORA_OPS } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { BAKHMACH, eventBody, keyFor, SHATSK } from './dialogue-support';
import { startPlatform, TestPlatform } from './platform';

/** Issue 10: dialogue events through the gateway — fields, status machine, organisers, filters, roles and ownership. */
describe('dialogue events', () => {
  let p: TestPlatform;
  let partnerA: TestPlatform['api'];
  let partnerB: TestPlatform['api'];
  let shatskEditor: TestPlatform['api'];
  let bakhmachEditor: TestPlatform['api'];
  let reader: TestPlatform['api'];
  let analyst: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['dialogue-events', 'diaspora-registry']);
    partnerA = await keyFor(p, { role: 'partner', organization: 'shatsk-cso' });
    partnerB = await keyFor(p, { role: 'partner', organization: 'other-cso' });
    shatskEditor = await keyFor(p, { role: 'editor', communities: [SHATSK] });
    bakhmachEditor = await keyFor(p, { role: 'editor', communities: [BAKHMACH] });
    reader = await keyFor(p, { role: 'reader' });
    analyst = await keyFor(p, { role: 'analyst' });
  });
  afterAll(() => p?.stop());

  it('is part of the gateway readiness once it answers', async () => {
    const ready = await p.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['service:dialogue-events'].status).toBe('ok');
  });

  it('announces an event with every field, owned by the key’s organisation, and reads it back', async () => {
    const body = eventBody();
    const created = await partnerA.post('/api/v1/dialogue/events', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: body.title,
      level: 'community',
      communities: [SHATSK],
      format: 'hybrid',
      timeZone: 'Europe/Kyiv',
      accessibility: ['sign_language', 'captions'],
      capacity: 100,
      waitlist: true,
      status: 'planned',
      owner: 'shatsk-cso',
      seats: { capacity: 100, confirmed: 0, waitlisted: 0 },
      sequence: 0,
      hasMinutes: false,
    });
    expect(created.body.agenda[0].links).toEqual({ enterpriseEdrpou: '32501397', budgetCode: '0350700000', budgetYear: 2026 });
    expect(new Date(created.body.startsAt).getTime()).toBe(new Date(body.startsAt as string).getTime());
    const got = await reader.get(`/api/v1/dialogue/events/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    // Anonymous reads are allowed (ALLOW_ANONYMOUS_READS) or refused with 401, never 500.
    expect([200, 401]).toContain((await p.api.get(`/api/v1/dialogue/events/${created.body.id}`)).status);
  });

  it('refuses bad events with 400 naming the fields, unknown ids with 404', async () => {
    const bad = await partnerA.post('/api/v1/dialogue/events', eventBody({ venue: undefined, endsAt: '2020-01-01T00:00:00Z', communities: ['Shatsk'], level: 'galactic' }));
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['communities', 'level']));
    const rules = await partnerA.post('/api/v1/dialogue/events', eventBody({ venue: undefined, format: 'in_person' }));
    expect(rules.status).toBe(400);
    expect(rules.body.errors.map((e: { field: string }) => e.field)).toEqual(['venue']);
    const tz = await partnerA.post('/api/v1/dialogue/events', eventBody({ timeZone: 'Mars/Olympus' }));
    expect(tz.status).toBe(400);
    expect((await reader.get('/api/v1/dialogue/events/0123456789abcdef01234567')).status).toBe(404);
    expect((await reader.get('/api/v1/dialogue/events/not-an-id')).status).toBe(404);
  });

  it('checks a diaspora organisation organiser in the diaspora registry over the bus (422 when unknown)', async () => {
    const bus = p.gateway.app.get(BusClient);
    const org = await bus.send(DIASPORA_OPS.organizationCreate, {
      organization: { name: { original: 'Українська громада в Мюнхені' }, country: 'DE', city: 'München', type: 'association' },
    });
    const diaspora = eventBody({ level: 'diaspora', hostCountries: ['DE'], organisers: [{ kind: 'diaspora_organization', diasporaOrganizationId: org.id }] });
    const ok = await partnerA.post('/api/v1/dialogue/events', diaspora);
    expect(ok.status).toBe(201);
    expect(ok.body.hostCountries).toEqual(['DE']);
    const unknown = await partnerA.post('/api/v1/dialogue/events', { ...diaspora, organisers: [{ kind: 'diaspora_organization', diasporaOrganizationId: '0123456789abcdef01234567' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('organisers.0.diasporaOrganizationId');
    const noCountry = await partnerA.post('/api/v1/dialogue/events', { ...diaspora, hostCountries: [] });
    expect(noCountry.status).toBe(400);
  });

  it('moves along the status machine and answers 409 for any other move; SEQUENCE grows with every change', async () => {
    const id = (await shatskEditor.post('/api/v1/dialogue/events', eventBody())).body.id;
    const move = (status: string, reason?: string) => shatskEditor.post(`/api/v1/dialogue/events/${id}/status`, { status, ...(reason ? { reason } : {}) });
    expect((await move('held')).status).toBe(409);
    const skip = await move('minutes_published');
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('invalid_state');
    expect((await move('registration_open')).body.status).toBe('registration_open');
    expect((await move('planned')).status).toBe(409);
    expect((await move('registration_closed')).status).toBe(200);
    const held = await move('held');
    expect(held.status).toBe(200);
    expect((await move('cancelled')).status).toBe(409);
    // minutes_published needs minutes
    expect((await move('minutes_published')).status).toBe(409);
    expect(held.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['planned', 'registration_open', 'registration_closed', 'held']);
    expect(held.body.sequence).toBe(3);
    expect((await move('bogus')).status).toBe(400);

    const other = (await shatskEditor.post('/api/v1/dialogue/events', eventBody())).body.id;
    const cancelled = await shatskEditor.post(`/api/v1/dialogue/events/${other}/status`, { status: 'cancelled', reason: 'Перенесено' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(cancelled.body.statusHistory[1]).toMatchObject({ status: 'cancelled', reason: 'Перенесено' });
    expect((await shatskEditor.post(`/api/v1/dialogue/events/${other}/status`, { status: 'registration_open' })).status).toBe(409);
    expect((await shatskEditor.patch(`/api/v1/dialogue/events/${other}`, { capacity: 5 })).status).toBe(409);
  });

  it('partners change only their organisation’s events, editors only their communities’; readers and analysts write nothing', async () => {
    const id = (await partnerA.post('/api/v1/dialogue/events', eventBody())).body.id;
    const path = `/api/v1/dialogue/events/${id}`;
    const foreign = await partnerB.patch(path, { capacity: 50 });
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('another organisation');
    expect((await partnerB.post(`${path}/status`, { status: 'cancelled' })).status).toBe(403);
    expect((await bakhmachEditor.patch(path, { capacity: 50 })).status).toBe(403);
    expect((await reader.patch(path, { capacity: 50 })).status).toBe(403);
    expect((await analyst.post('/api/v1/dialogue/events', eventBody())).status).toBe(403);
    // A scoped editor cannot create for, nor move an event into, communities outside its scope.
    expect((await bakhmachEditor.post('/api/v1/dialogue/events', eventBody())).status).toBe(403);
    expect((await shatskEditor.patch(path, { communities: [BAKHMACH] })).status).toBe(403);

    const own = await partnerA.patch(path, { capacity: 50, title: { uk: 'Нова назва', en: 'New title' } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ capacity: 50, title: { uk: 'Нова назва' }, sequence: 1, owner: 'shatsk-cso' });
    const byEditor = await shatskEditor.patch(path, { languages: ['uk', 'en'] });
    expect(byEditor.status).toBe(200);
    expect(byEditor.body.sequence).toBe(2);
    expect((await p.admin.patch(path, { accessibility: ['childcare'] })).body.sequence).toBe(3);
  });

  it('filters by community, level, status and period; lists a community’s events under its path', async () => {
    const mk = async (over: Record<string, unknown>) => (await p.admin.post('/api/v1/dialogue/events', eventBody(over))).body.id as string;
    const regional = await mk({ level: 'regional', communities: [BAKHMACH], startsAt: '2031-03-10T08:00:00Z', endsAt: '2031-03-10T10:00:00Z' });
    const national = await mk({ level: 'national', communities: [BAKHMACH, SHATSK], startsAt: '2031-05-10T08:00:00Z', endsAt: '2031-05-10T10:00:00Z' });
    const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id);

    const bakhmach = await reader.get(`/api/v1/dialogue/events?community=${BAKHMACH}&limit=100`);
    expect(ids(bakhmach).sort()).toEqual([regional, national].sort());
    expect(ids(await reader.get(`/api/v1/dialogue/events?community=${BAKHMACH}&level=regional`))).toEqual([regional]);
    expect(ids(await reader.get(`/api/v1/dialogue/events?community=${BAKHMACH}&from=2031-04-01&to=2031-12-31`))).toEqual([national]);
    expect(ids(await reader.get(`/api/v1/dialogue/events?community=${BAKHMACH}&to=2031-03-10`))).toEqual([regional]);
    expect(ids(await reader.get(`/api/v1/dialogue/events?community=${BAKHMACH}&status=cancelled`))).toEqual([]);
    const under = await reader.get(`/api/v1/communities/${BAKHMACH}/events?level=national`);
    expect(under.status).toBe(200);
    expect(ids(under)).toEqual([national]);
    expect((await reader.get('/api/v1/communities/UA99999999999999999/events')).status).toBe(404);
    expect((await reader.get('/api/v1/communities/Bakhmach/events')).status).toBe(400);
    expect((await reader.get('/api/v1/dialogue/events?level=galactic')).status).toBe(400);
    expect((await reader.get('/api/v1/dialogue/events?from=yesterday')).status).toBe(400);
  });
});

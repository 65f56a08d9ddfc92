import { startPlatform, TestPlatform } from './platform';

const org = (city: string) => ({ name: { original: `Громада ${city}` }, country: 'CZ', city, type: 'association', focusAreas: ['culture'] });

/** Entries are written once the reply has gone out: wait until the expected number shows up. */
async function auditFor(admin: TestPlatform['admin'], query: string, atLeast: number) {
  for (let i = 0; i < 50; i++) {
    const r = await admin.get(`/api/v1/audit-log?${query}`);
    expect(r.status).toBe(200);
    if (r.body.items.length >= atLeast) return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`fewer than ${atLeast} audit entries for ${query}`);
}

describe('audit log of writes and refusals', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let partnerId: string;

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const k = await p.admin.post('/api/v1/api-keys', { name: 'partner', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(k.body.key);
    partnerId = k.body.id;
  });
  afterAll(() => p?.stop());

  it('records each write with key, role, method, path, status and correlation id, and reads of personal data apart', async () => {
    const created = await partner.post('/api/v1/diaspora/organizations', org('Praha'), { 'x-correlation-id': 'audit-create-1' });
    expect(created.status).toBe(201);
    await partner.get(`/api/v1/diaspora/organizations/${created.body.id}`);
    const bad = await partner.patch(`/api/v1/diaspora/organizations/${created.body.id}`, { country: 'Czechia' });
    expect(bad.status).toBe(400);
    expect((await partner.delete(`/api/v1/diaspora/organizations/${created.body.id}`)).status).toBe(204);

    const page = await auditFor(p.admin, `keyId=${partnerId}&kind=write`, 3);
    expect(page.items).toHaveLength(3);
    // Reading an organisation (it can name a contact person) is recorded as a read.
    const reads = await auditFor(p.admin, `keyId=${partnerId}&kind=read`, 1);
    expect(reads.items).toEqual([expect.objectContaining({ method: 'GET', status: 200, route: '/api/v1/diaspora/organizations/:id' })]);
    // Newest first.
    expect(page.items.map((e: { method: string; status: number }) => `${e.method} ${e.status}`)).toEqual(['DELETE 204', 'PATCH 400', 'POST 201']);
    expect(page.items[2]).toMatchObject({
      apiKeyId: partnerId,
      role: 'partner',
      path: '/api/v1/diaspora/organizations',
      route: '/api/v1/diaspora/organizations',
      correlationId: 'audit-create-1',
      at: expect.any(String),
    });
    expect(page.items[0].route).toBe('/api/v1/diaspora/organizations/:id');
  });

  it('records refused requests (wrong role, no key) as refusals, apart from writes', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    const reader = p.api.withKey(k.body.key);
    expect((await reader.post('/api/v1/diaspora/organizations', org('Brno'))).status).toBe(403);
    expect((await p.api.post('/api/v1/diaspora/organizations', org('Brno'))).status).toBe(401);

    const byReader = await auditFor(p.admin, `keyId=${k.body.id}`, 1);
    expect(byReader.items).toHaveLength(1);
    expect(byReader.items[0]).toMatchObject({ kind: 'refusal', status: 403, method: 'POST', role: 'reader', ip: '127.0.0.1' });
    const anonymous = await auditFor(p.admin, 'keyId=unauthenticated&kind=refusal', 1);
    expect(anonymous.items[0]).toMatchObject({ status: 401, method: 'POST', path: '/api/v1/diaspora/organizations', ip: '127.0.0.1' });
    // Writes are listed on their own, without the refusals, and keep no client address.
    await auditFor(p.admin, 'keyId=bootstrap-admin&kind=write', 2);
    const writes = await p.admin.get('/api/v1/audit-log?kind=write&limit=100');
    expect(writes.body.items.every((e: { status: number; ip: string | null }) => e.status !== 401 && e.status !== 403 && e.ip === null)).toBe(true);
  });

  it('keeps at most 30 refusals a minute from one address, so a flood cannot fill the disk', async () => {
    const wrong = p.api.withKey('wrong-key-000000000000000000000000');
    for (let i = 0; i < 45; i++) expect((await wrong.get('/api/v1/diaspora/organizations')).status).toBe(401);
    await new Promise((res) => setTimeout(res, 300));
    // Two refusals came from the previous test; the cap counts every refusal from this address in the minute.
    const refusals = await p.admin.get('/api/v1/audit-log?kind=refusal&limit=100');
    expect(refusals.body.items.length).toBe(30);
  });

  it('filters by time and pages with a cursor', async () => {
    const t0 = new Date().toISOString();
    for (const city of ['Ostrava', 'Plzeň', 'Liberec']) await partner.post('/api/v1/diaspora/organizations', org(city));
    await auditFor(p.admin, `keyId=${partnerId}&kind=write&from=${encodeURIComponent(t0)}`, 3);
    const page1 = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&kind=write&from=${encodeURIComponent(t0)}&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&kind=write&from=${encodeURIComponent(t0)}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.items, ...page2.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
    const before = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&kind=write&to=${encodeURIComponent(t0)}&limit=100`);
    expect(before.body.items).toHaveLength(3); // the first test's three writes
    expect((await p.admin.get('/api/v1/audit-log?from=yesterday')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await partner.get('/api/v1/audit-log')).status).toBe(403);
  });
});

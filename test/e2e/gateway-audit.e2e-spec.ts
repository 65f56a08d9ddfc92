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

describe('audit log of writes', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let partnerId: string;

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const k = await p.admin.post('/api/v1/api-keys', { name: 'partner', role: 'partner' });
    partner = p.api.withKey(k.body.key);
    partnerId = k.body.id;
  });
  afterAll(() => p?.stop());

  it('records each write with key, role, method, path, status and correlation id, and no reads', async () => {
    const created = await partner.post('/api/v1/diaspora/organizations', org('Praha'), { 'x-correlation-id': 'audit-create-1' });
    expect(created.status).toBe(201);
    await partner.get(`/api/v1/diaspora/organizations/${created.body.id}`);
    const bad = await partner.patch(`/api/v1/diaspora/organizations/${created.body.id}`, { country: 'Czechia' });
    expect(bad.status).toBe(400);
    expect((await partner.delete(`/api/v1/diaspora/organizations/${created.body.id}`)).status).toBe(204);

    const page = await auditFor(p.admin, `keyId=${partnerId}`, 3);
    expect(page.items).toHaveLength(3);
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

  it('does not record writes refused before reaching a controller (no key, wrong role)', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    const reader = p.api.withKey(k.body.key);
    expect((await reader.post('/api/v1/diaspora/organizations', org('Brno'))).status).toBe(403);
    expect((await p.api.post('/api/v1/diaspora/organizations', org('Brno'))).status).toBe(401);
    // The admin's two key creations are writes and are recorded; wait for them, then look for the reader.
    await auditFor(p.admin, 'keyId=bootstrap-admin', 2);
    const r = await p.admin.get(`/api/v1/audit-log?keyId=${k.body.id}`);
    expect(r.body.items).toEqual([]);
    const all = await p.admin.get('/api/v1/audit-log?limit=100');
    expect(all.body.items.every((e: { status: number }) => e.status !== 401 && e.status !== 403)).toBe(true);
  });

  it('filters by time and pages with a cursor', async () => {
    const t0 = new Date().toISOString();
    for (const city of ['Ostrava', 'Plzeň', 'Liberec']) await partner.post('/api/v1/diaspora/organizations', org(city));
    await auditFor(p.admin, `keyId=${partnerId}&from=${encodeURIComponent(t0)}`, 3);
    const page1 = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&from=${encodeURIComponent(t0)}&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&from=${encodeURIComponent(t0)}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.items, ...page2.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
    const before = await p.admin.get(`/api/v1/audit-log?keyId=${partnerId}&to=${encodeURIComponent(t0)}&limit=100`);
    expect(before.body.items).toHaveLength(3); // the first test's three writes
    expect((await p.admin.get('/api/v1/audit-log?from=yesterday')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await partner.get('/api/v1/audit-log')).status).toBe(403);
  });
});

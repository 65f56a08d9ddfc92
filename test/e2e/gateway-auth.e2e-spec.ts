import { startPlatform, TestPlatform } from './platform';

const org = { name: { original: 'Громада Відня' }, country: 'AT', city: 'Wien', type: 'association', focusAreas: ['culture'] };

describe('API key lifecycle', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
  });
  afterAll(() => p?.stop());

  it('creates a key shown once, which works until it is revoked, then gets 401', async () => {
    const created = await p.admin.post('/api/v1/api-keys', { name: 'Vienna partner', role: 'partner', organization: 'partner-org' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^vdn_/);
    const { id, key } = created.body;
    const partner = p.api.withKey(key);

    expect((await partner.post('/api/v1/diaspora/organizations', org)).status).toBe(201);

    const list = await p.admin.get('/api/v1/api-keys?limit=100');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ id, name: 'Vienna partner', role: 'partner', revokedAt: null });
    expect(listed.prefix).toBe(key.slice(0, 12));
    expect(JSON.stringify(list.body)).not.toContain(key);
    for (const item of list.body.items) expect(item).not.toHaveProperty('key');

    const revoked = await p.admin.post(`/api/v1/api-keys/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect(revoked.body).not.toHaveProperty('key');

    const after = await partner.get('/api/v1/diaspora/organizations');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'unauthenticated' });
    expect((await p.admin.post(`/api/v1/api-keys/${id}/revoke`)).status).toBe(409);
  });

  it('gives 403 to every non-admin role on /api/v1/api-keys', async () => {
    for (const role of ['editor', 'analyst', 'partner', 'reader']) {
      const k = await p.admin.post('/api/v1/api-keys', { name: `${role} key`, role, organization: 'some-org' });
      const client = p.api.withKey(k.body.key);
      const list = await client.get('/api/v1/api-keys');
      expect(list.status).toBe(403);
      expect(list.body).toMatchObject({ code: 'forbidden' });
      expect((await client.post('/api/v1/api-keys', { name: 'escalate', role: 'admin' })).status).toBe(403);
    }
  });

  it('gives 401 for a made-up key and 403 when a reader writes', async () => {
    expect((await p.api.withKey('vdn_000000000000_nope').get('/api/v1/diaspora/organizations')).status).toBe(401);
    const k = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    const reader = p.api.withKey(k.body.key);
    expect((await reader.get('/api/v1/diaspora/organizations')).status).toBe(200);
    expect((await reader.post('/api/v1/diaspora/organizations', org)).status).toBe(403);
  });

  it('refuses reads without a key while anonymous reads are off (the default)', async () => {
    const r = await p.api.get('/api/v1/diaspora/organizations');
    expect(r.status).toBe(401);
  });
});

describe('ALLOW_ANONYMOUS_READS=true', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { ALLOW_ANONYMOUS_READS: 'true' });
  });
  afterAll(() => p?.stop());

  it('serves reads without a key', async () => {
    const r = await p.api.get('/api/v1/diaspora/organizations');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ items: expect.any(Array) });
  });

  it('still answers 401 to writes without a key, and to admin-only reads', async () => {
    const w = await p.api.post('/api/v1/diaspora/organizations', org);
    expect(w.status).toBe(401);
    expect(w.body).toMatchObject({ code: 'unauthenticated' });
    expect((await p.api.get('/api/v1/api-keys')).status).toBe(401);
    expect((await p.api.get('/api/v1/audit-log')).status).toBe(401);
  });

  it('never shows an anonymous reader the contact person (issue #8, finding 3)', async () => {
    const created = await p.admin.post('/api/v1/diaspora/organizations', {
      ...org,
      contactPerson: { name: 'Olena Kovalenko', email: 'olena@example.org', consentRecordedAt: '2024-03-01T10:00:00Z' },
    });
    expect(created.body.contactPerson).toBeDefined();
    const r = await p.api.get(`/api/v1/diaspora/organizations/${created.body.id}`);
    expect(r.status).toBe(200);
    expect(r.body.contactPerson).toBeUndefined();
    const listed = await p.api.get('/api/v1/diaspora/organizations?limit=100');
    expect(listed.body.items.find((o: { id: string }) => o.id === created.body.id).contactPerson).toBeUndefined();
  });
});

import { startPlatform, TestPlatform } from './platform';

const TERNOPIL = 'UA61040490000035010';

describe('diaspora cooperation links through the gateway', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let reader: TestPlatform['api'];
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'partner CSO', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(pk.body.key);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    reader = p.api.withKey(rk.body.key);
    const a = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Związek Ukraińców w Polsce' }, country: 'PL', city: 'Warszawa', type: 'association' });
    const b = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Ukrainian Association of Finland' }, country: 'FI', city: 'Helsinki', type: 'association' });
    orgA = a.body.id;
    orgB = b.body.id;
  });
  afterAll(() => p?.stop());

  it('links two organisations, reads, lists and deletes the link', async () => {
    const created = await partner.post('/api/v1/diaspora/links', {
      from: { kind: 'organization', ref: orgA },
      to: { kind: 'organization', ref: orgB },
      type: 'partnership',
      since: '2022-09-01',
      note: 'Joint summer camps',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ from: { kind: 'organization', ref: orgA }, to: { kind: 'organization', ref: orgB }, type: 'partnership', since: '2022-09-01' });
    const got = await reader.get(`/api/v1/diaspora/links/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.note).toBe('Joint summer camps');
    const ofB = await reader.get(`/api/v1/diaspora/links?organizationId=${orgB}`);
    expect(ofB.body.items.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
    expect((await partner.delete(`/api/v1/diaspora/links/${created.body.id}`)).status).toBe(204);
    expect((await reader.get(`/api/v1/diaspora/links/${created.body.id}`)).status).toBe(404);
    expect((await partner.delete(`/api/v1/diaspora/links/${created.body.id}`)).status).toBe(404);
  });

  it('links an organisation with a community and an institution; filters by organisation and type', async () => {
    const community = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'community', ref: TERNOPIL, name: 'Тернопільська громада' }, type: 'twinning' });
    expect(community.status).toBe(201);
    const ministry = await partner.post('/api/v1/diaspora/links', { from: { kind: 'institution', name: 'Міністерство освіти і науки України' }, to: { kind: 'organization', ref: orgA }, type: 'memorandum', since: '2023-02-01' });
    expect(ministry.status).toBe(201);
    const ofA = await reader.get(`/api/v1/diaspora/links?organizationId=${orgA}`);
    expect(ofA.body.items).toHaveLength(2);
    const twinning = await reader.get(`/api/v1/diaspora/links?organizationId=${orgA}&type=twinning`);
    expect(twinning.body.items.map((l: { id: string }) => l.id)).toEqual([community.body.id]);
    const page1 = await reader.get(`/api/v1/diaspora/links?organizationId=${orgA}&limit=1`);
    const page2 = await reader.get(`/api/v1/diaspora/links?organizationId=${orgA}&limit=1&cursor=${page1.body.nextCursor}`);
    expect([page1.body.items[0].id, page2.body.items[0].id].sort()).toEqual([community.body.id, ministry.body.id].sort());
    expect(page2.body.nextCursor).toBeNull();
    expect((await reader.get(`/api/v1/diaspora/links?organizationId=${orgB}`)).body.items).toHaveLength(0);
  });

  describe('bad input changes nothing', () => {
    const count = async () => (await reader.get('/api/v1/diaspora/links?limit=100')).body.items.length;

    it('422 when an organisation party is not registered, a community is unknown, or an organisation is linked to itself', async () => {
      const before = await count();
      const unknown = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'organization', ref: 'ffffffffffffffffffffffff' }, type: 'funding' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('unprocessable');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'to.ref' })]);
      const self = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgB }, to: { kind: 'organization', ref: orgB }, type: 'partnership' });
      expect(self.status).toBe(422);
      expect(self.body.errors[0].field).toBe('to');
      const nowhere = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'community', ref: 'UA99999999999999999' }, type: 'twinning' });
      expect(nowhere.status).toBe(422);
      expect(nowhere.body.errors[0].field).toBe('to.ref');
      expect(await count()).toBe(before);
    });

    it('400 when a community has no KATOTTG code or an institution no name', async () => {
      const before = await count();
      const community = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'community', name: 'Ternopil' }, type: 'twinning' });
      expect(community.status).toBe(400);
      expect(community.body.errors[0].field).toBe('to.ref');
      const badCode = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'community', ref: 'UA123' }, type: 'twinning' });
      expect(badCode.status).toBe(400);
      const institution = await partner.post('/api/v1/diaspora/links', { from: { kind: 'institution' }, to: { kind: 'organization', ref: orgA }, type: 'funding' });
      expect(institution.status).toBe(400);
      expect(institution.body.errors[0].field).toBe('from.name');
      const badType = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'planet', ref: 'x' }, type: 'friendship' });
      expect(badType.status).toBe(400);
      expect(badType.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['to.kind', 'type']));
      expect(await count()).toBe(before);
    });

    it('409 for the same link entered again, in either direction', async () => {
      const first = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'organization', ref: orgB }, type: 'joint_project' });
      expect(first.status).toBe(201);
      const before = await count();
      const again = await partner.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgB }, to: { kind: 'organization', ref: orgA }, type: 'joint_project' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'conflict', existingId: first.body.id });
      expect(await count()).toBe(before);
      expect((await reader.post('/api/v1/diaspora/links', { from: { kind: 'organization', ref: orgA }, to: { kind: 'organization', ref: orgB }, type: 'funding' })).status).toBe(403);
    });
  });
});

import { startPlatform, TestPlatform } from './platform';

const BAKHMACH = 'UA74040030000093042';
const SHATSK = 'UA07060450000051170';
const TERNOPIL = 'UA61040490000035010';

describe('diaspora initiatives through the gateway', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let reader: TestPlatform['api'];
  let orgA: string;
  let orgB: string;

  const initiative = (over: Record<string, unknown> = {}) => ({
    title: { uk: 'Генератори для Бахмача', en: 'Generators for Bakhmach' },
    type: 'fundraising',
    organizerIds: [orgA],
    startDate: '2023-01-15',
    endDate: '2023-06-30',
    amountsRaised: [{ amountMinor: 1250000, currency: 'EUR' }, { amountMinor: 50000000, currency: 'UAH' }],
    targetCommunityCode: BAKHMACH,
    ...over,
  });

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'partner CSO', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(pk.body.key);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    reader = p.api.withKey(rk.body.key);
    const a = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Ukrainischer Verein Köln' }, country: 'DE', city: 'Köln', type: 'association' });
    const b = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Ukrainian Youth Toronto' }, country: 'CA', city: 'Toronto', type: 'student_youth_group' });
    expect([a.status, b.status]).toEqual([201, 201]);
    orgA = a.body.id;
    orgB = b.body.id;
  });
  afterAll(() => p?.stop());

  it('creates, reads, updates and deletes an initiative with amounts in minor units', async () => {
    const created = await partner.post('/api/v1/diaspora/initiatives', initiative());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'planned',
      organizerIds: [orgA],
      amountsRaised: [{ amountMinor: 1250000, currency: 'EUR' }, { amountMinor: 50000000, currency: 'UAH' }],
      targetCommunityCode: BAKHMACH,
    });
    const id = created.body.id;

    const got = await reader.get(`/api/v1/diaspora/initiatives/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.title.en).toBe('Generators for Bakhmach');

    const patched = await partner.patch(`/api/v1/diaspora/initiatives/${id}`, {
      status: 'completed',
      organizerIds: [orgA, orgB],
      amountsRaised: [{ amountMinor: 1900001, currency: 'EUR' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'completed', organizerIds: [orgA, orgB], amountsRaised: [{ amountMinor: 1900001, currency: 'EUR' }] });
    expect(patched.body.title.uk).toBe('Генератори для Бахмача');

    expect((await partner.delete(`/api/v1/diaspora/initiatives/${id}`)).status).toBe(204);
    const gone = await reader.get(`/api/v1/diaspora/initiatives/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('not_found');
    expect((await partner.delete(`/api/v1/diaspora/initiatives/${id}`)).status).toBe(404);
  });

  it('filters by type, status, organiser and target community, with cursor pagination', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await partner.post('/api/v1/diaspora/initiatives', initiative({ title: { en: `Shatsk school ${i}` }, type: 'education', status: 'active', organizerIds: [orgB], targetCommunityCode: SHATSK }));
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const other = await partner.post('/api/v1/diaspora/initiatives', initiative({ type: 'advocacy', targetCommunityCode: undefined }));
    expect(other.status).toBe(201);

    const byOrganizer = await reader.get(`/api/v1/diaspora/initiatives?organizerId=${orgB}`);
    expect(byOrganizer.body.items.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    const byType = await reader.get('/api/v1/diaspora/initiatives?type=education&status=active');
    expect(byType.body.items).toHaveLength(3);
    expect((await reader.get('/api/v1/diaspora/initiatives?type=education&status=completed')).body.items).toHaveLength(0);
    const byCommunity = await reader.get(`/api/v1/diaspora/initiatives?targetCommunityCode=${SHATSK}`);
    expect(byCommunity.body.items).toHaveLength(3);

    const page1 = await reader.get(`/api/v1/diaspora/initiatives?organizerId=${orgB}&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await reader.get(`/api/v1/diaspora/initiatives?organizerId=${orgB}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect(new Set([...page1.body.items, ...page2.body.items].map((i: { id: string }) => i.id)).size).toBe(3);
  });

  it('lists the initiatives aimed at a community under the community', async () => {
    const res = await reader.get(`/api/v1/communities/${SHATSK}/diaspora-initiatives?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items.every((i: { targetCommunityCode: string }) => i.targetCommunityCode === SHATSK)).toBe(true);
    const rest = await reader.get(`/api/v1/communities/${SHATSK}/diaspora-initiatives?cursor=${res.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    const none = await reader.get(`/api/v1/communities/${TERNOPIL}/diaspora-initiatives`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    const unknown = await reader.get('/api/v1/communities/UA99999999999999999/diaspora-initiatives');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const bad = await reader.get('/api/v1/communities/Shatsk/diaspora-initiatives');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('katottg');
  });

  describe('bad input changes nothing', () => {
    const count = async () => (await reader.get('/api/v1/diaspora/initiatives?limit=100')).body.items.length;

    it('422 pointing at the organiser that is not registered', async () => {
      const before = await count();
      const res = await partner.post('/api/v1/diaspora/initiatives', initiative({ organizerIds: [orgA, 'ffffffffffffffffffffffff', 'nonsense'] }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('unprocessable');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['organizerIds.1', 'organizerIds.2']);
      const created = await partner.post('/api/v1/diaspora/initiatives', initiative());
      const patch = await partner.patch(`/api/v1/diaspora/initiatives/${created.body.id}`, { organizerIds: ['ffffffffffffffffffffffff'] });
      expect(patch.status).toBe(422);
      expect((await reader.get(`/api/v1/diaspora/initiatives/${created.body.id}`)).body.organizerIds).toEqual([orgA]);
      await partner.delete(`/api/v1/diaspora/initiatives/${created.body.id}`);
      const nowhere = await partner.post('/api/v1/diaspora/initiatives', initiative({ targetCommunityCode: 'UA99999999999999999' }));
      expect(nowhere.status).toBe(422);
      expect(nowhere.body.errors).toEqual([expect.objectContaining({ field: 'targetCommunityCode' })]);
      expect(await count()).toBe(before);
    });

    it('422 for an unknown or repeated currency and an end before the start; 400 for float amounts', async () => {
      const before = await count();
      const currency = await partner.post('/api/v1/diaspora/initiatives', initiative({ amountsRaised: [{ amountMinor: 100, currency: 'EUR' }, { amountMinor: 5, currency: 'EUR' }, { amountMinor: 5, currency: 'XYZ' }] }));
      expect(currency.status).toBe(422);
      expect(currency.body.errors.map((e: { field: string }) => e.field)).toEqual(['amountsRaised.1.currency', 'amountsRaised.2.currency']);
      const dates = await partner.post('/api/v1/diaspora/initiatives', initiative({ startDate: '2023-05-01', endDate: '2023-04-01' }));
      expect(dates.status).toBe(422);
      expect(dates.body.errors[0].field).toBe('endDate');
      const float = await partner.post('/api/v1/diaspora/initiatives', initiative({ amountsRaised: [{ amountMinor: 12.5, currency: 'EUR' }] }));
      expect(float.status).toBe(400);
      expect(float.body.errors[0].field).toBe('amountsRaised.0.amountMinor');
      const lower = await partner.post('/api/v1/diaspora/initiatives', initiative({ amountsRaised: [{ amountMinor: 1, currency: 'eur' }] }));
      expect(lower.status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('400 for missing or invalid fields, 415 for a non-JSON body, 413 for an oversized one, 401/403 without a writing key', async () => {
      const before = await count();
      const missing = await partner.post('/api/v1/diaspora/initiatives', { title: { en: 'x' } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['type', 'organizerIds']));
      const empty = await partner.post('/api/v1/diaspora/initiatives', initiative({ organizerIds: [], type: 'party', targetCommunityCode: 'Bakhmach' }));
      expect(empty.status).toBe(400);
      expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['organizerIds', 'type', 'targetCommunityCode']));
      const blankTitle = await partner.post('/api/v1/diaspora/initiatives', initiative({ title: { uk: '  ' } }));
      expect(blankTitle.status).toBe(400);
      const xml = await partner.request('POST', '/api/v1/diaspora/initiatives', '<initiative/>', { 'content-type': 'application/xml' });
      expect(xml.status).toBe(415);
      expect(xml.body.code).toBe('unsupported_media_type');
      const huge = await partner.post('/api/v1/diaspora/initiatives', initiative({ description: { en: 'x'.repeat(2 * 1024 * 1024) } }));
      expect(huge.status).toBe(413);
      expect((await p.api.post('/api/v1/diaspora/initiatives', initiative())).status).toBe(401);
      expect((await reader.post('/api/v1/diaspora/initiatives', initiative())).status).toBe(403);
      expect((await reader.get('/api/v1/diaspora/initiatives/not-an-id')).status).toBe(404);
      expect((await reader.get('/api/v1/diaspora/initiatives?status=finished')).status).toBe(400);
      expect(await count()).toBe(before);
    });
  });
});

import { DIASPORA_MIGRATIONS } from '@vidnova/diaspora-registry';
import { Model } from 'mongoose';
import { startPlatform, TestPlatform } from './platform';

const munich = () => ({
  name: { original: 'Українська громада Мюнхена', en: 'Ukrainian Community of Munich' },
  country: 'DE',
  city: 'München',
  cityLocation: { lat: 48.137, lon: 11.575 },
  type: 'association',
  focusAreas: ['humanitarian_aid', 'culture'],
  foundedYear: 2022,
  foundedOn: '2022-03-10',
  languages: ['uk', 'de'],
  communityCodes: ['UA61040030000060956'],
});

describe('diaspora organisations through the gateway', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];
  let reader: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'partner CSO', role: 'partner', organization: 'partner-org' });
    expect(pk.status).toBe(201);
    partner = p.api.withKey(pk.body.key);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    reader = p.api.withKey(rk.body.key);
  });
  afterAll(() => p?.stop());

  it('creates, reads, updates and deletes an organisation', async () => {
    const created = await partner.post('/api/v1/diaspora/organizations', munich());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ country: 'DE', city: 'München', foundedAfterInvasion: true, verificationStatus: 'unverified' });
    const id = created.body.id;

    const got = await reader.get(`/api/v1/diaspora/organizations/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.name.en).toBe('Ukrainian Community of Munich');

    const patched = await partner.patch(`/api/v1/diaspora/organizations/${id}`, { sizeBand: '51-250', focusAreas: ['advocacy'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ sizeBand: '51-250', focusAreas: ['advocacy'], version: 2 });

    expect((await partner.delete(`/api/v1/diaspora/organizations/${id}`)).status).toBe(204);
    const gone = await reader.get(`/api/v1/diaspora/organizations/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(gone.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a likely duplicate with 409 naming the existing record, unless allowDuplicate=true', async () => {
    const first = await partner.post('/api/v1/diaspora/organizations', {
      ...munich(),
      name: { original: 'Спілка Українців Ліона' },
      country: 'FR',
      city: 'Lyon',
    });
    expect(first.status).toBe(201);
    const dup = await partner.post('/api/v1/diaspora/organizations', {
      ...munich(),
      name: { original: 'Spilka ukraintsiv Liona' },
      country: 'FR',
      city: 'LYON',
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate', existingId: first.body.id });
    const forced = await partner.post('/api/v1/diaspora/organizations?allowDuplicate=true', {
      ...munich(),
      name: { original: 'Spilka ukraintsiv Liona' },
      country: 'FR',
      city: 'Lyon',
    });
    expect(forced.status).toBe(201);

    // A change that makes another organisation a likely duplicate: 409, unless allowDuplicate=true.
    const other = await partner.post('/api/v1/diaspora/organizations', { ...munich(), name: { original: 'Ukrainian House Lyon' }, country: 'FR', city: 'Lyon' });
    expect(other.status).toBe(201);
    const rename = { name: { original: 'Спілка українців Ліона' } };
    const clash = await partner.patch(`/api/v1/diaspora/organizations/${other.body.id}`, rename);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'duplicate' });
    const renamed = await partner.patch(`/api/v1/diaspora/organizations/${other.body.id}?allowDuplicate=true`, rename);
    expect(renamed.status).toBe(200);
    expect(renamed.body.name.original).toBe('Спілка українців Ліона');
  });

  it('finds a word by its start only, also a word longer than the stored prefixes, and records stored before the prefixes once migrated', async () => {
    const long = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Товариство українознавства Любляни' }, country: 'SI', city: 'Ljubljana', type: 'association' });
    expect(long.status).toBe(201);
    const names = async (q: string) => ((await reader.get(`/api/v1/diaspora/organizations?q=${encodeURIComponent(q)}&country=SI`)).body.items as Array<{ id: string }>).map((o) => o.id);
    // "ukrainoznavstva" has 15 letters: a query word past the stored 12 must still match the whole word start.
    expect(await names('українознавства')).toEqual([long.body.id]);
    expect(await names('ukrainoznavstvo')).toEqual([]);
    expect(await names('любл товар')).toEqual([long.body.id]);
    expect(await names('ознавства')).toEqual([]); // inside a word, not its start

    // Stored before issue 12's prefixes: invisible to `q` until migration 1 derives them from searchText.
    const orgs: Model<Record<string, unknown>> = p.services['diaspora-registry'][0].app.get('OrganizationModel');
    await orgs.collection.updateOne({ _id: orgs.castObject({ _id: long.body.id })._id as never }, { $unset: { searchPrefixes: 1, searchPrefixes2: 1 } });
    expect(await names('товариство')).toEqual([]);
    await DIASPORA_MIGRATIONS.find((m) => m.name === 'search-prefixes')!.up(orgs.db.db!, () => undefined);
    expect(await names('товариство')).toEqual([long.body.id]);
  });

  it('filters and searches in Ukrainian and Latin spelling, with cursor pagination', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await partner.post('/api/v1/diaspora/organizations', {
        name: { original: `Молодь України Варшава ${i}` },
        country: 'PL',
        city: 'Warszawa',
        type: 'student_youth_group',
        focusAreas: ['education'],
        foundedYear: 2015,
      });
      expect(r.status).toBe(201);
    }
    const byLatin = await reader.get('/api/v1/diaspora/organizations?q=molod%20ukrainy&country=PL');
    expect(byLatin.status).toBe(200);
    expect(byLatin.body.items).toHaveLength(3);
    const byCyrillic = await reader.get(`/api/v1/diaspora/organizations?q=${encodeURIComponent('молодь')}&foundedAfterInvasion=false`);
    expect(byCyrillic.body.items.length).toBe(3);

    const page1 = await reader.get('/api/v1/diaspora/organizations?country=PL&limit=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await reader.get(`/api/v1/diaspora/organizations?country=PL&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.items, ...page2.body.items].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(3);

    const byType = await reader.get('/api/v1/diaspora/organizations?type=student_youth_group&focus=education');
    expect(byType.body.items).toHaveLength(3);
  });

  it('erases the contact person and records that it happened', async () => {
    const created = await partner.post('/api/v1/diaspora/organizations', {
      ...munich(),
      name: { original: 'Ukrainian House Vienna' },
      country: 'AT',
      city: 'Wien',
      contactPerson: { name: 'Olena K.', email: 'olena@example.org', consentRecordedAt: '2025-01-10T10:00:00Z' },
    });
    expect(created.body.contactPerson.name).toBe('Olena K.');
    const erased = await partner.post(`/api/v1/diaspora/organizations/${created.body.id}/erase-personal-data`);
    expect(erased.status).toBe(200);
    expect(erased.body.contactPerson).toBeUndefined();
    expect(erased.body.personalDataErasedAt).toEqual(expect.any(String));
    const again = await reader.get(`/api/v1/diaspora/organizations/${created.body.id}`);
    expect(again.body.contactPerson).toBeUndefined();
    expect(again.body.name.original).toBe('Ukrainian House Vienna');
  });

  it('serves city-level GeoJSON for maps', async () => {
    const res = await reader.get('/api/v1/diaspora/organizations.geojson?country=AT');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const body = res.body;
    expect(body.type).toBe('FeatureCollection');
    expect(body.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [11.575, 48.137] } });
    expect(JSON.stringify(body)).not.toContain('olena');
  });

  describe('bad input changes nothing', () => {
    it('401 without a key, 403 for a reader writing', async () => {
      const anon = await p.api.post('/api/v1/diaspora/organizations', munich());
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('unauthenticated');
      const forbidden = await reader.post('/api/v1/diaspora/organizations', munich());
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('forbidden');
    });

    it('400 with the failing fields for invalid values and unknown fields', async () => {
      const before = await reader.get('/api/v1/diaspora/organizations?limit=100');
      const res = await partner.post('/api/v1/diaspora/organizations', { ...munich(), country: 'Germany', focusAreas: ['golf'], extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/validation-failed$/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['country', 'focusAreas', 'extra']));
      const after = await reader.get('/api/v1/diaspora/organizations?limit=100');
      expect(after.body.items.length).toBe(before.body.items.length);
    });

    it('400 for malformed JSON, 413 for an oversized body, 404 for an unknown id', async () => {
      const malformed = await partner.request('POST', '/api/v1/diaspora/organizations', '{"name": ', { 'content-type': 'application/json' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('malformed_request');
      const huge = await partner.post('/api/v1/diaspora/organizations', { ...munich(), padding: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('payload_too_large');
      const unknown = await reader.get('/api/v1/diaspora/organizations/ffffffffffffffffffffffff');
      expect(unknown.status).toBe(404);
      const bogus = await reader.get('/api/v1/diaspora/organizations/not-an-id');
      expect(bogus.status).toBe(404);
      const badCursor = await reader.get('/api/v1/diaspora/organizations?cursor=zzz');
      expect(badCursor.status).toBe(400);
    });
  });
});

import { startPlatform, TestPlatform } from './platform';

// Reference data is served by the gateway itself, so no service is started.
describe('communities and reference data through the gateway', () => {
  let p: TestPlatform;
  let reader: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform([]);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'reader', role: 'reader' });
    expect(rk.status).toBe(201);
    reader = p.api.withKey(rk.body.key);
  });
  afterAll(() => p?.stop());

  it('finds a hromada by a Latin query and pages with the cursor', async () => {
    const found = await reader.get('/api/v1/communities?q=Berezhany');
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        katottg: 'UA61040030000060956',
        name: { uk: 'Бережанська', en: 'Berezhanska' },
        budgetCode: '1954800000',
        oblast: { katottg: 'UA61000000000060328', name: { uk: 'Тернопільська', en: 'Ternopilska' } },
      }),
    ]);
    expect(found.body.nextCursor).toBeNull();

    const first = await reader.get('/api/v1/communities?oblast=Volyn&limit=50');
    expect(first.body.items).toHaveLength(50);
    const rest = await reader.get(
      `/api/v1/communities?oblast=Volyn&limit=50&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items).toHaveLength(4);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('returns a hromada by KATOTTG code, 404 problem for an unknown one, 400 for a malformed one', async () => {
    const shatsk = await reader.get('/api/v1/communities/UA07060450000051170');
    expect(shatsk.status).toBe(200);
    expect(shatsk.body).toMatchObject({
      name: { uk: 'Шацька' },
      budgetCode: '0350700000',
      population2022: 16245,
    });

    const unknown = await reader.get('/api/v1/communities/UA99999999999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 404, code: 'not_found' });

    expect((await reader.get('/api/v1/communities/shatsk')).status).toBe(400);
    expect((await reader.get('/api/v1/communities?limit=500')).status).toBe(400);
    expect((await reader.get('/api/v1/communities?cursor=forged')).status).toBe(400);
  });

  it('needs an API key to read while anonymous reads are off', async () => {
    const anonymous = await p.api.get('/api/v1/communities?q=Shatsk');
    expect(anonymous.status).toBe(401);
    expect((await p.api.get('/api/v1/reference/countries')).status).toBe(401);
  });

  it('lists countries and recovery categories', async () => {
    const countries = await reader.get('/api/v1/reference/countries');
    expect(countries.status).toBe(200);
    expect(countries.body.items).toContainEqual({
      alpha2: 'UA',
      alpha3: 'UKR',
      numeric: '804',
      name: { uk: 'Україна', en: 'Ukraine' },
    });

    const categories = await reader.get('/api/v1/reference/recovery-categories');
    expect(categories.status).toBe(200);
    expect(categories.body.items.map((c: { id: string }) => c.id)).toContain('shelters_civil_protection');
    expect(
      categories.body.items.find((c: { id: string }) => c.id === 'roads_transport').programCodes,
    ).toContain('7461');
  });
});

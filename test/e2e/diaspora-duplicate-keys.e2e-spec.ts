import { OrganizationsRepository } from '@vidnova/diaspora-registry';
import { Model } from 'mongoose';
import { startPlatform, TestPlatform } from './platform';

/** The injection token of a mongoose model (@nestjs/mongoose getModelToken, default connection). */
const modelToken = (name: string) => `${name}Model`;

const org = (original: string, city = 'Kraków', extra: Record<string, unknown> = {}) => ({ name: { original }, country: 'PL', city, type: 'association', ...extra });

/**
 * The duplicate check reads precomputed keys by `_id` (organisation.schema.ts OrganizationKeyDoc): it
 * must answer exactly as a query over the organisations would, also after renames, deletions and for
 * records stored before the keys existed.
 */
describe('diaspora duplicate check from precomputed keys', () => {
  let p: TestPlatform;
  let api: TestPlatform['admin'];
  const create = (body: Record<string, unknown>, allow = false) => api.post(`/api/v1/diaspora/organizations${allow ? '?allowDuplicate=true' : ''}`, body);

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    api = p.admin;
  });
  afterAll(() => p?.stop());

  it('finds the duplicate by any spelling, forgets a renamed or deleted record, and still sees an allowed twin', async () => {
    const a = await create(org('Дім Українців Кракова'));
    expect(a.status).toBe(201);
    // Latin spelling, other case: the same key.
    const dup = await create(org('Dim Ukraintsiv Krakova', 'KRAKÓW'));
    expect(dup.status).toBe(409);
    expect(dup.body.existingId).toBe(a.body.id);
    // Another city: not a duplicate.
    expect((await create(org('Dim Ukraintsiv Krakova', 'Wrocław'))).status).toBe(201);

    // A twin created on purpose, then the first record renamed: the key now points at a record without
    // that name, and the check must still find the twin.
    const twin = await create(org('Dim Ukraintsiv Krakova'), true);
    expect(twin.status).toBe(201);
    expect((await api.patch(`/api/v1/diaspora/organizations/${a.body.id}`, { name: { original: 'Fundacja Nowa' } })).status).toBe(200);
    const again = await create(org('Дім Українців Кракова'));
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(twin.body.id);
    // The renamed record is found under its new name.
    expect((await create(org('fundacja   NOWA'))).body.existingId).toBe(a.body.id);

    // Deleted: the name is free again.
    expect((await api.delete(`/api/v1/diaspora/organizations/${twin.body.id}`)).status).toBe(204);
    expect((await create(org('Дім Українців Кракова'))).status).toBe(201);
  });

  it('covers records stored before the keys existed once they are written at start', async () => {
    const app = p.services['diaspora-registry'][0].app;
    const orgs: Model<Record<string, unknown>> = app.get(modelToken('Organization'));
    const keys: Model<Record<string, unknown>> = app.get(modelToken('OrganizationKey'));
    const made = await create(org('Stowarzyszenie Starsze', 'Lublin'));
    expect(made.status).toBe(201);
    // As before this change: no keys at all, and no record that they are complete.
    await keys.deleteMany({});
    const repo = app.get(OrganizationsRepository);
    (repo as unknown as { keysComplete: boolean }).keysComplete = false;
    // Until the keys are written the check queries the organisations, so it still answers right.
    expect((await create(org('stowarzyszenie starsze', 'Lublin'))).status).toBe(409);
    await repo.backfillKeys();
    expect(await keys.countDocuments({})).toBeGreaterThanOrEqual(await orgs.countDocuments({}));
    const dup = await create(org('STOWARZYSZENIE STARSZE', 'lublin'));
    expect(dup.status).toBe(409);
    expect(dup.body.existingId).toBe(made.body.id);
  });
});

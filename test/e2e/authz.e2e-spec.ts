import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET_OPS, CONSULTATIONS_OPS, DIASPORA_OPS, Principal } from '@vidnova/contracts';
import { BusClient, BusError, GATEWAY_NATS_USER, natsUserFromEnv } from '@vidnova/messaging';
import { dataDir } from '@vidnova/testing';
import { startPlatform, TestPlatform } from './platform';

const SHATSK = 'UA07060450000051170';
const BAKHMACH = 'UA74040030000093042';

const org = (city: string, communityCodes: string[] = [SHATSK]) => ({
  name: { original: `Українська громада ${city}` },
  country: 'DE',
  city,
  type: 'association',
  focusAreas: ['culture'],
  communityCodes,
  contactPerson: { name: 'Olena Kovalenko', email: 'olena@example.org', consentRecordedAt: '2024-03-01T10:00:00Z' },
});

/**
 * Object-level authorisation (issue #8, findings 1 and 3; docs/security.md): who may change which
 * record, enforced by the services, seen through the gateway and straight over the bus.
 */
describe('authorisation: owners, community scopes, verification, imports, personal fields', () => {
  let p: TestPlatform;
  let bus: BusClient;
  let partnerA: TestPlatform['api'];
  let partnerB: TestPlatform['api'];
  let analyst: TestPlatform['api'];
  let reader: TestPlatform['api'];
  let editor: TestPlatform['api'];
  let shatskEditor: TestPlatform['api'];

  const key = async (body: Record<string, unknown>) => {
    const r = await p.admin.post('/api/v1/api-keys', { name: `key ${body.role}`, ...body });
    expect(r.status).toBe(201);
    return p.api.withKey(r.body.key);
  };

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry', 'budget-analysis', 'consultations']);
    partnerA = await key({ role: 'partner', organization: 'org-a' });
    partnerB = await key({ role: 'partner', organization: 'org-b' });
    analyst = await key({ role: 'analyst' });
    reader = await key({ role: 'reader' });
    editor = await key({ role: 'editor' });
    shatskEditor = await key({ role: 'editor', communities: [SHATSK] });
    // Holds the platform's signing secret (as a compromised service would): the services' own rules must still refuse.
    bus = await BusClient.connect(p.env.NATS_URL, 'authz-e2e-forger', { unavailableRetryMs: 0, signingSecret: DEV_BUS_SIGNING_SECRET, auth: natsUserFromEnv(GATEWAY_NATS_USER) });
  });
  afterAll(async () => {
    await bus?.close();
    await p?.stop();
  });

  it('keys carry their organisation and community scope; partner keys need an organisation', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'Shatsk council', role: 'editor', communities: [SHATSK] });
    expect(k.body).toMatchObject({ role: 'editor', communities: [SHATSK] });
    const listed = (await p.admin.get('/api/v1/api-keys?limit=100')).body.items.find((i: { id: string }) => i.id === k.body.id);
    expect(listed).toMatchObject({ communities: [SHATSK] });
    expect((await p.admin.post('/api/v1/api-keys', { name: 'orphan partner', role: 'partner' })).status).toBe(400);
    expect((await p.admin.post('/api/v1/api-keys', { name: 'scoped reader', role: 'reader', communities: [SHATSK] })).status).toBe(400);
    expect((await p.admin.post('/api/v1/api-keys', { name: 'bad scope', role: 'editor', communities: ['Shatsk'] })).status).toBe(400);
  });

  it('a partner cannot update, delete, erase or verify another partner’s organisation, but can its own', async () => {
    const created = await partnerA.post('/api/v1/diaspora/organizations', org('Bonn'));
    expect(created.status).toBe(201);
    expect(created.body.owner).toBe('org-a');
    const id = created.body.id;
    const path = `/api/v1/diaspora/organizations/${id}`;

    const update = await partnerB.patch(path, { city: 'Köln' });
    expect(update.status).toBe(403);
    expect(update.body).toMatchObject({ code: 'forbidden' });
    expect(update.body.detail ?? update.body.message ?? update.body.title).toBeDefined();
    expect(JSON.stringify(update.body)).toContain('another organisation');
    expect((await partnerB.patch(path, { verificationStatus: 'verified' })).status).toBe(403);
    expect((await partnerB.post(`${path}/erase-personal-data`, {})).status).toBe(403);
    expect((await partnerB.delete(path)).status).toBe(403);
    // Nothing changed.
    const after = await partnerA.get(path);
    expect(after.body).toMatchObject({ city: 'Bonn', verificationStatus: 'unverified', version: 1, contactPerson: { name: 'Olena Kovalenko' } });

    // Its own: allowed.
    const own = await partnerA.patch(path, { city: 'Köln' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ city: 'Köln', owner: 'org-a' });
    expect((await partnerA.post(`${path}/erase-personal-data`, {})).status).toBe(200);
    expect((await partnerA.delete(path)).status).toBe(204);
  });

  it('a partner cannot verify, not even its own record; editors can', async () => {
    const created = await partnerA.post('/api/v1/diaspora/organizations', org('Mainz'));
    const path = `/api/v1/diaspora/organizations/${created.body.id}`;
    const verify = await partnerA.patch(path, { verificationStatus: 'verified' });
    expect(verify.status).toBe(403);
    expect(JSON.stringify(verify.body)).toContain('needs editor or admin');
    expect((await partnerA.get(path)).body.verificationStatus).toBe('unverified');
    // Nor by creating it verified.
    expect((await partnerA.post('/api/v1/diaspora/organizations', { ...org('Trier'), verificationStatus: 'verified' })).status).toBe(403);
    expect((await editor.patch(path, { verificationStatus: 'verified' })).body.verificationStatus).toBe('verified');
  });

  it('records without an owner (written by an editor, or before ownership) are changed by editors and admins only', async () => {
    const created = await editor.post('/api/v1/diaspora/organizations', org('Ulm'));
    expect(created.body.owner).toBeUndefined();
    const path = `/api/v1/diaspora/organizations/${created.body.id}`;
    const refused = await partnerA.patch(path, { city: 'Augsburg' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('no owner');
    expect((await p.admin.patch(path, { city: 'Augsburg' })).status).toBe(200);
  });

  it('an editor scoped to Shatsk cannot change an organisation working only with Bakhmach, nor move one out of Shatsk', async () => {
    const bakhmach = await editor.post('/api/v1/diaspora/organizations', org('Dresden', [BAKHMACH]));
    const path = `/api/v1/diaspora/organizations/${bakhmach.body.id}`;
    const refused = await shatskEditor.patch(path, { city: 'Leipzig' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain(SHATSK);
    expect((await shatskEditor.delete(path)).status).toBe(403);
    expect((await reader.get(path)).body.city).toBe('Dresden');

    const shatsk = await editor.post('/api/v1/diaspora/organizations', org('Halle', [SHATSK, BAKHMACH]));
    const own = `/api/v1/diaspora/organizations/${shatsk.body.id}`;
    expect((await shatskEditor.patch(own, { city: 'Jena' })).status).toBe(200);
    expect((await shatskEditor.patch(own, { communityCodes: [BAKHMACH] })).status).toBe(403);
    expect((await shatskEditor.post('/api/v1/diaspora/organizations', org('Gera', [BAKHMACH]))).status).toBe(403);
  });

  it('contactPerson is shown to the owner and editors only, never to readers, other partners or anonymous callers', async () => {
    const created = await partnerA.post('/api/v1/diaspora/organizations', org('Kassel'));
    expect(created.body.contactPerson).toMatchObject({ name: 'Olena Kovalenko' });
    const path = `/api/v1/diaspora/organizations/${created.body.id}`;
    expect((await partnerA.get(path)).body.contactPerson).toMatchObject({ email: 'olena@example.org' });
    expect((await editor.get(path)).body.contactPerson).toMatchObject({ email: 'olena@example.org' });
    expect((await shatskEditor.get(path)).body.contactPerson).toBeDefined();
    for (const other of [reader, partnerB, analyst]) {
      const r = await other.get(path);
      expect(r.status).toBe(200);
      expect(r.body.contactPerson).toBeUndefined();
      expect(r.body.city).toBe('Kassel');
    }
    const listed = (await partnerB.get('/api/v1/diaspora/organizations?city=Kassel')).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0].contactPerson).toBeUndefined();
    expect((await partnerA.get('/api/v1/diaspora/organizations?city=Kassel')).body.items[0].contactPerson).toBeDefined();
  });

  it('initiatives and links: a partner changes only its own', async () => {
    const o = await partnerA.post('/api/v1/diaspora/organizations', org('Gießen'));
    const ini = await partnerA.post('/api/v1/diaspora/initiatives', {
      title: { en: 'Generators for Shatsk' },
      type: 'fundraising',
      organizerIds: [o.body.id],
      targetCommunityCode: SHATSK,
    });
    expect(ini.status).toBe(201);
    expect(ini.body.owner).toBe('org-a');
    const iniPath = `/api/v1/diaspora/initiatives/${ini.body.id}`;
    expect((await partnerB.patch(iniPath, { status: 'completed' })).status).toBe(403);
    expect((await partnerB.delete(iniPath)).status).toBe(403);
    expect((await partnerA.patch(iniPath, { status: 'active' })).status).toBe(200);

    const link = await partnerA.post('/api/v1/diaspora/links', {
      from: { kind: 'organization', ref: o.body.id },
      to: { kind: 'community', ref: BAKHMACH },
      type: 'partnership',
    });
    expect(link.status).toBe(201);
    const linkPath = `/api/v1/diaspora/links/${link.body.id}`;
    expect((await partnerB.delete(linkPath)).status).toBe(403);
    expect((await shatskEditor.delete(linkPath)).status).toBe(403);
    expect((await partnerA.delete(linkPath)).status).toBe(204);
    expect((await partnerA.delete(iniPath)).status).toBe(204);
  });

  it('partner and analyst keys get 403 on UNHCR statistics and budget imports', async () => {
    const unhcr = readFileSync(join(dataDir(), 'diaspora/unhcr_refugees_from_ukraine_by_country_monthly_ONEcampaign.csv'), 'utf8');
    for (const who of [partnerA, analyst]) {
      const s = await who.request('POST', '/api/v1/diaspora/host-country-statistics/import', unhcr, { 'content-type': 'text/csv' });
      expect(s.status).toBe(403);
      const b = await who.request('POST', '/api/v1/budget/imports', 'REP_PERIOD;FUND_TYP\n', { 'content-type': 'text/csv' });
      expect(b.status).toBe(403);
    }
    expect((await reader.get('/api/v1/diaspora/host-country-statistics?country=DE')).status).toBe(404);
  });

  it('consultations: an editor scoped to Shatsk creates and changes only Shatsk consultations', async () => {
    const body = (communityCode: string) => ({
      communityCode,
      title: { uk: 'Пріоритети відбудови' },
      topic: 'recovery',
      audience: 'all',
      channels: ['online'],
      questions: [{ id: 'q', type: 'single_choice', required: true, prompt: { uk: 'Що?' }, options: [{ id: 'a', label: { uk: 'Житло' } }, { id: 'b', label: { uk: 'Тепло' } }] }],
    });
    const refused = await shatskEditor.post('/api/v1/consultations', body(BAKHMACH));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain(SHATSK);
    const mine = await shatskEditor.post('/api/v1/consultations', body(SHATSK));
    expect(mine.status).toBe(201);
    expect((await shatskEditor.patch(`/api/v1/consultations/${mine.body.id}`, { communityCode: BAKHMACH })).status).toBe(403);
    const theirs = await editor.post('/api/v1/consultations', body(BAKHMACH));
    expect(theirs.status).toBe(201);
    expect((await shatskEditor.patch(`/api/v1/consultations/${theirs.body.id}`, { title: { uk: 'Інше' } })).status).toBe(403);
    expect((await shatskEditor.post(`/api/v1/consultations/${theirs.body.id}/open`, {})).status).toBe(403);
    expect((await reader.get(`/api/v1/consultations/${theirs.body.id}`)).body).toMatchObject({ status: 'draft', title: { uk: 'Пріоритети відбудови' } });
    // A partner principal straight over the bus cannot create one either.
    const forged = bus.send(CONSULTATIONS_OPS.consultationCreate, { consultation: body(SHATSK) } as never, { principal: { keyId: 'f', role: 'partner', organization: 'org-b' } });
    await expect(forged).rejects.toMatchObject({ envelope: { code: 'forbidden' } });
  });

  describe('straight over the bus, with a principal header claiming partner (the service enforces)', () => {
    const forged: Principal = { keyId: 'forged', role: 'partner', organization: 'org-b' };
    const refusal = async (promise: Promise<unknown>) => {
      const err = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BusError);
      return (err as BusError).envelope;
    };

    it('refuses to change another organisation’s record, and hides its contact person', async () => {
      const created = await partnerA.post('/api/v1/diaspora/organizations', org('Siegen'));
      const id = created.body.id as string;
      for (const attempt of [
        bus.send(DIASPORA_OPS.organizationDelete, { id }, { principal: forged }),
        bus.send(DIASPORA_OPS.organizationErasePersonalData, { id }, { principal: forged }),
        bus.send(DIASPORA_OPS.organizationUpdate, { id, changes: { verificationStatus: 'verified' } }, { principal: forged }),
      ]) {
        expect(await refusal(attempt)).toMatchObject({ code: 'forbidden', status: 403 });
      }
      const seen = await bus.send(DIASPORA_OPS.organizationGet, { id }, { principal: forged });
      expect(seen.contactPerson).toBeUndefined();
      // A malformed principal is nobody in particular, not "another service".
      const junk = { keyId: 'x', role: 'superuser' } as unknown as Principal;
      expect(await refusal(bus.send(DIASPORA_OPS.organizationDelete, { id }, { principal: junk }))).toMatchObject({ code: 'forbidden' });
      expect((await partnerA.get(`/api/v1/diaspora/organizations/${id}`)).body).toMatchObject({ city: 'Siegen', verificationStatus: 'unverified', contactPerson: { name: 'Olena Kovalenko' } });
    });

    it('refuses statistics and budget imports from partner and analyst principals', async () => {
      const upload = { bucket: 'uploads', name: 'nothing-there' };
      for (const principal of [forged, { keyId: 'forged', role: 'analyst' } as Principal]) {
        expect(await refusal(bus.send(DIASPORA_OPS.hostStatsImport, { upload }, { principal }))).toMatchObject({ code: 'forbidden' });
        expect(await refusal(bus.send(BUDGET_OPS.importStart, { upload }, { principal }))).toMatchObject({ code: 'forbidden' });
      }
    });
  });
});

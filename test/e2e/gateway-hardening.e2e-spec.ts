import { startPlatform, TestPlatform } from './platform';

const ORGS = '/api/v1/diaspora/organizations';
const munich = { name: { original: 'Українська громада Мюнхена' }, country: 'DE', city: 'München', type: 'association', focusAreas: ['culture'] };

/** Bodies that try to break the gateway get a clear 400 and change nothing; every answer carries security headers. */
describe('gateway hardening', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
  });
  afterAll(() => p?.stop());

  const count = async () => (await p.admin.get(`${ORGS}?limit=100`)).body.items.length as number;

  it('refuses a body with a __proto__ key (prototype poisoning) with 400, storing nothing', async () => {
    const before = await count();
    const body = `{"name":{"original":"Отруєна"},"country":"DE","city":"Berlin","type":"association","__proto__":{"verificationStatus":"verified"}}`;
    const r = await p.admin.request('POST', ORGS, body, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'malformed_request' });
    expect(r.body.detail).toContain('__proto__');
    expect(await count()).toBe(before);
  });

  it('refuses constructor.prototype keys too', async () => {
    const body = `{"name":{"original":"Отруєна"},"constructor":{"prototype":{"admin":true}}}`;
    const r = await p.admin.request('POST', ORGS, body, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
  });

  it('answers a deeply nested body with 400 (never 500) and stores nothing', async () => {
    const before = await count();
    const nested = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const body = JSON.stringify({ ...munich, source: { name: 'deep', extra: '@' } }).replace('"@"', nested);
    const r = await p.admin.request('POST', ORGS, body, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'malformed_request' });
    expect(await count()).toBe(before);
    // The same organisation without the nesting is accepted.
    expect((await p.admin.post(ORGS, munich)).status).toBe(201);
  });

  it('answers a write with an empty JSON body with 400 naming the missing fields, never 500', async () => {
    const r = await p.admin.request('POST', `${ORGS}?limit=1&limit=2`, '', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed' });
  });

  it('sends security headers with every answer, errors included', async () => {
    for (const r of [await p.admin.get(ORGS), await p.api.get(ORGS), await p.api.get('/health/live')]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toContain('max-age=');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('still serves the Swagger UI and its document under the content security policy', async () => {
    const ui = await p.api.get('/docs');
    expect(ui.status).toBe(200);
    const doc = await p.api.get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
  });
});

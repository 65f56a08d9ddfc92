import { startPlatform, TestPlatform } from './platform';

const WRONG_KEY = 'not-a-key-0000000000000000000000';
const ORGS = '/api/v1/diaspora/organizations';

describe('limits on a client address, before authentication', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_IP_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '0' });
  });
  afterAll(() => p?.stop());

  it('answers 429 with Retry-After to an address past its limit, even with wrong keys (keys cannot be guessed at full speed)', async () => {
    const wrong = p.api.withKey(WRONG_KEY);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await wrong.get(ORGS)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const refused = await wrong.get(ORGS);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts a made-up X-Forwarded-For as the same address when no proxy is trusted', async () => {
    // The previous test used up this address's allowance: a forged header does not get a fresh one.
    const r = await p.admin.get(ORGS, { 'x-forwarded-for': '203.0.113.77' });
    expect(r.status).toBe(429);
  });

  it('never limits health probes', async () => {
    for (let i = 0; i < 8; i++) expect((await p.api.get('/health/live')).status).toBe(200);
  });
});

describe('slowing down repeated failed authentication', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_IP_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '3' });
  });
  afterAll(() => p?.stop());

  it('refuses an address with 429 after 3 wrong keys in a minute, whatever key it sends next', async () => {
    expect((await p.admin.get(ORGS)).status).toBe(200);
    const wrong = p.api.withKey(WRONG_KEY);
    for (let i = 0; i < 3; i++) expect((await wrong.get(ORGS)).status).toBe(401);
    const guessed = await wrong.get(ORGS);
    expect(guessed.status).toBe(429);
    expect(guessed.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(guessed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A right key from the same address waits too: the address is slowed down, not the key.
    expect((await p.admin.get(ORGS)).status).toBe(429);
  });
});

describe('client address behind a trusted proxy', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_IP_PER_MINUTE: '2', AUTH_FAILURES_PER_MINUTE: '0', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(() => p?.stop());

  it('counts each address the one trusted proxy reports on its own', async () => {
    const from = (ip: string) => p.admin.get(ORGS, { 'x-forwarded-for': ip });
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
    // Only the last hop is trusted: an address the client prepends itself is not believed.
    expect((await from('192.0.2.9, 198.51.100.1')).status).toBe(429);
  });
});

describe('uploads count by their size against the key allowance', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_PER_IP_PER_MINUTE: '0', AUTH_FAILURES_PER_MINUTE: '0' });
  });
  afterAll(() => p?.stop());

  it('refuses a 5 MiB upload from a key allowed 4 requests a minute before reading it, and still takes small requests', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'uploader', role: 'editor' });
    const editor = p.api.withKey(k.body.key);
    const big = 'iso_code,Country\n' + 'x'.repeat(5 * 1024 * 1024);
    const refused = await editor.request('POST', '/api/v1/diaspora/host-country-statistics/import', big, { 'content-type': 'text/csv' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited' });
    expect((await editor.get(ORGS)).status).toBe(200);
  });
});

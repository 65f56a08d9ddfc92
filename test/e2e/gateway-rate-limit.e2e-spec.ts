import { startPlatform, TestPlatform } from './platform';

describe('rate limit per API key', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => p?.stop());

  it('allows the limit per minute, then answers 429 with Retry-After and RateLimit headers', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'busy partner', role: 'partner', organization: 'partner-org' });
    const busy = p.api.withKey(k.body.key);
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const r = await busy.get('/api/v1/diaspora/organizations');
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(r.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await busy.get('/api/v1/diaspora/organizations');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'rate_limited', status: 429, limit: 3 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-policy')).toBe('3;w=60');
    // Writes count against the same allowance.
    expect((await busy.post('/api/v1/diaspora/organizations', { name: { original: 'x' } })).status).toBe(429);
  });

  it('counts each key on its own and never limits health probes', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'quiet partner', role: 'partner', organization: 'partner-org' });
    const quiet = p.api.withKey(k.body.key);
    expect((await quiet.get('/api/v1/diaspora/organizations')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await p.api.get('/health/live')).status).toBe(200);
  });

  it('reports redis in readiness when the limit is on', async () => {
    const r = await p.api.get('/health/ready');
    expect(r.body.checks.redis).toMatchObject({ status: 'ok' });
  });
});

describe('rate limit with Redis down', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there.
    p = await startPlatform(['diaspora-registry'], { RATE_LIMIT_PER_MINUTE: '1', REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => p?.stop());

  it('keeps the limit in the gateway\'s memory instead of letting every request through', async () => {
    const first = await p.admin.get('/api/v1/diaspora/organizations');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('1');
    const second = await p.admin.get('/api/v1/diaspora/organizations');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('reports not ready, naming redis', async () => {
    const r = await p.api.get('/health/ready');
    expect(r.status).toBe(503);
    expect(r.body.checks.redis).toMatchObject({ status: 'down' });
    expect(r.body.checks.mongodb).toMatchObject({ status: 'ok' });
  });
});

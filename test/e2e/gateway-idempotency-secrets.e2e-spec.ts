import { GATEWAY_CONFIG, GatewayConfig } from '@vidnova/gateway';
import mongoose from 'mongoose';
import { startPlatform, TestPlatform } from './platform';

/** An Idempotency-Key never makes the gateway keep a secret it answered once. */
describe('Idempotency-Key on routes whose reply holds a secret', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform([]);
  });
  afterAll(() => p?.stop());

  it('creates an API key once, stores no copy of it, and a replay says the reply was not stored', async () => {
    const first = await p.admin.post('/api/v1/api-keys', { name: 'Shatsk CSO', role: 'editor' }, { 'idempotency-key': 'new-key-1' });
    expect(first.status).toBe(201);
    expect(first.body.key).toEqual(expect.any(String));

    const replay = await p.admin.post('/api/v1/api-keys', { name: 'Shatsk CSO', role: 'editor' }, { 'idempotency-key': 'new-key-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ replayed: true, bodyStored: false, id: first.body.id });
    expect(replay.body.detail).toMatch(/not stored/);
    expect(JSON.stringify(replay.body)).not.toContain(first.body.key);

    // One key was made, and the key itself is nowhere in the gateway's idempotency records.
    const keys = await p.admin.get('/api/v1/api-keys?limit=100');
    expect(keys.body.items.filter((k: { name: string }) => k.name === 'Shatsk CSO')).toHaveLength(1);
    const config = p.gateway.app.get<GatewayConfig>(GATEWAY_CONFIG);
    const conn = await mongoose.createConnection(p.env.MONGO_URL).asPromise();
    try {
      const records = await conn.useDb(config.MONGO_DB).collection('idempotency_keys').find({}).toArray();
      expect(records.length).toBeGreaterThan(0);
      expect(JSON.stringify(records)).not.toContain(first.body.key);
    } finally {
      await conn.close();
    }
  });
});

describe('Idempotency-Key on organisations with a contact person', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
  });
  afterAll(() => p?.stop());

  it('never replays the contact person, before or after an erasure', async () => {
    const body = {
      name: { original: 'Українці в Лісабоні' },
      country: 'PT',
      city: 'Lisboa',
      type: 'association',
      focusAreas: ['culture'],
      contactPerson: { name: 'Марія Шевчук', email: 'maria.shevchuk@example.org', consentRecordedAt: '2026-11-01T10:00:00Z' },
    };
    const first = await p.admin.post('/api/v1/diaspora/organizations', body, { 'idempotency-key': 'lisboa-1' });
    expect(first.status).toBe(201);
    expect(first.body.contactPerson.name).toBe('Марія Шевчук');

    const replay = await p.admin.post('/api/v1/diaspora/organizations', body, { 'idempotency-key': 'lisboa-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toMatchObject({ bodyStored: false, id: first.body.id });
    expect(JSON.stringify(replay.body)).not.toMatch(/Марія|maria\.shevchuk/);

    const erased = await p.admin.post(`/api/v1/diaspora/organizations/${first.body.id}/erase-personal-data`, {}, { 'idempotency-key': 'erase-1' });
    expect(erased.status).toBe(200);
    const again = await p.admin.post('/api/v1/diaspora/organizations', body, { 'idempotency-key': 'lisboa-1' });
    expect(JSON.stringify(again.body)).not.toMatch(/Марія|maria\.shevchuk/);
    // Nothing the gateway keeps for replays holds the person's name or email.
    const config = p.gateway.app.get<GatewayConfig>(GATEWAY_CONFIG);
    const conn = await mongoose.createConnection(p.env.MONGO_URL).asPromise();
    try {
      const records = await conn.useDb(config.MONGO_DB).collection('idempotency_keys').find({}).toArray();
      expect(JSON.stringify(records)).not.toMatch(/Марія|maria\.shevchuk/);
    } finally {
      await conn.close();
    }
  });
});

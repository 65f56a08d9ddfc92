import { loadConfig } from '@vidnova/config';
import { GATEWAY_CONFIG, GatewayConfig, RunningGateway, startGateway } from '@vidnova/gateway';
import { ApiClient, TEST_ADMIN_KEY } from '@vidnova/testing';
import { natsCredentials, startPlatform, TestPlatform } from './platform';

const ORGS = '/api/v1/diaspora/organizations';

/** Two gateway instances on one database and one NATS, as behind a load balancer. */
describe('API key revocation across gateway instances', () => {
  let p: TestPlatform;
  let second: RunningGateway;
  let other: ApiClient;

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const mongoDb = p.gateway.app.get<GatewayConfig>(GATEWAY_CONFIG).MONGO_DB;
    second = await startGateway(
      loadConfig(GatewayConfig, {
        ...p.env,
        ...natsCredentials('gateway'),
        // The same database and bootstrap key as the first instance: a second replica.
        PORT: '0',
        HOST: '127.0.0.1',
        MONGO_DB: mongoDb,
        VIDNOVA_ADMIN_API_KEY: TEST_ADMIN_KEY,
        READY_SERVICES: 'diaspora-registry',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_IP_PER_MINUTE: '0',
        AUTH_FAILURES_PER_MINUTE: '0',
      }),
    );
    other = new ApiClient(second.url);
  });
  afterAll(async () => {
    await second?.stop();
    await p?.stop();
  });

  it('stops a revoked key on the other instance at once, not after its cache time', async () => {
    const k = await p.admin.post('/api/v1/api-keys', { name: 'Lviv partner', role: 'partner', organization: 'partner-org' });
    const onOther = other.withKey(k.body.key);
    expect((await onOther.get(ORGS)).status).toBe(200); // now cached on the second instance
    expect((await p.admin.post(`/api/v1/api-keys/${k.body.id}/revoke`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200)); // one NATS round trip, far below the 5 s cache
    expect((await onOther.get(ORGS)).status).toBe(401);
  });

  it('refuses to disable the bootstrap key while it is the only admin, then disables it everywhere once another admin exists', async () => {
    const refused = await p.admin.post('/api/v1/api-keys/bootstrap-admin/revoke');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/another admin key/);
    expect((await p.admin.get(ORGS)).status).toBe(200);

    const admin2 = await p.admin.post('/api/v1/api-keys', { name: 'second admin', role: 'admin' });
    const newAdmin = p.api.withKey(admin2.body.key);
    const disabled = await newAdmin.post('/api/v1/api-keys/bootstrap-admin/revoke');
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: 'bootstrap-admin', role: 'admin', revokedAt: expect.any(String) });
    await new Promise((r) => setTimeout(r, 200));
    expect((await p.admin.get(ORGS)).status).toBe(401);
    expect((await other.withKey(TEST_ADMIN_KEY).get(ORGS)).status).toBe(401);
    expect((await newAdmin.get(ORGS)).status).toBe(200);
  });
});

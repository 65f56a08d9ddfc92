import { connect, headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { CORRELATION_HEADER, DIASPORA_OPS, PRINCIPAL_HEADER, SIGNATURE_HEADER } from '@vidnova/contracts';
import { busNamespace, busSubject, natsConnectOptions, natsInboxPrefix, natsPasswordEnv, platformUsers, signRequest } from '@vidnova/messaging';
import { NatsWithUsers, startNatsWithUsers } from '@vidnova/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startPlatform, TestPlatform } from './platform';

/**
 * The broker's half of "a bus that trusts no one" (issue 8): NATS users per service with subject
 * permissions (libs/messaging/src/nats-permissions.ts). This file starts a nats-server of its own with
 * the generated users (a free port, this run's namespace), so it shows them whatever NATS the other
 * tests use, boots the gateway and diaspora-registry on it, and then plays other NATS users.
 */
describe('NATS users and subject permissions', () => {
  let nats: NatsWithUsers;
  let p: TestPlatform;
  let orgId: string;
  const saved: Record<string, string | undefined> = {};
  const ns = busNamespace();
  const eraseSubject = busSubject(DIASPORA_OPS.organizationErasePersonalData.subject);
  const violations = () => readFileSync(nats.logFile, 'utf8').split('\n').filter((l) => /Violation/.test(l));

  const connectAs = (user: string, pass: string) => connect(natsConnectOptions(nats.url, `e2e-${user}`, { user, pass }));
  const passwordOf = (user: string) => nats.passwords[natsPasswordEnv(user)];

  /** An erase request for the organisation, signed with the platform's secret: all the bus signing asks for. */
  function signedErase(): { data: string; headers: ReturnType<typeof natsHeaders> } {
    const data = { id: orgId };
    const correlationId = `intruder-${randomUUID()}`;
    const principal = JSON.stringify({ keyId: 'INTRUDER', role: 'admin' });
    const h = natsHeaders();
    h.set(CORRELATION_HEADER, correlationId);
    h.set(PRINCIPAL_HEADER, principal);
    h.set(SIGNATURE_HEADER, signRequest(DEV_BUS_SIGNING_SECRET, { subject: eraseSubject, correlationId, principal, body: JSON.stringify(data) }));
    return { data: JSON.stringify({ pattern: eraseSubject, data, id: randomUUID() }), headers: h };
  }
  const contactPerson = async () => (await p.admin.get(`/api/v1/diaspora/organizations/${orgId}`)).body.contactPerson?.name;

  beforeAll(async () => {
    nats = await startNatsWithUsers({ namespace: ns });
    // The platform below connects to this server, each process as its own user.
    for (const k of ['NATS_URL', ...Object.keys(nats.passwords)]) saved[k] = process.env[k];
    Object.assign(process.env, { NATS_URL: nats.url }, nats.passwords);
    p = await startPlatform(['diaspora-registry']);
  });
  afterAll(async () => {
    await p?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await nats?.stop();
  });

  it('runs the platform with a user per process: a write and a read through the gateway, and readiness', async () => {
    expect(p.env.NATS_URL).toBe(nats.url);
    const created = await p.admin.post('/api/v1/diaspora/organizations', {
      name: { original: 'Українська громада Кракова' },
      country: 'PL',
      city: 'Kraków',
      type: 'association',
      focusAreas: ['culture'],
      contactPerson: { name: 'Ірина Коваль', consentRecordedAt: '2026-10-01T09:00:00Z' },
    });
    expect(created.status).toBe(201);
    orgId = created.body.id;
    const read = await p.admin.get(`/api/v1/diaspora/organizations/${orgId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: orgId, city: 'Kraków', contactPerson: { name: 'Ірина Коваль' } });
    expect((await p.api.get('/health/ready')).status).toBe(200);
    // Everything the platform did stayed within its users' permissions.
    expect(violations()).toEqual([]);
  });

  it('refuses a request to diaspora-registry published by another service’s user, even correctly signed', async () => {
    const nc = await connectAs('consultations', passwordOf('consultations'));
    try {
      const { data, headers } = signedErase();
      await expect(nc.request(eraseSubject, data, { timeout: 3000, headers })).rejects.toThrow(`Permissions Violation for Publish to "${eraseSubject}"`);
    } finally {
      await nc.close();
    }
    expect(await contactPerson()).toBe('Ірина Коваль');
    expect(violations().some((l) => l.includes(`Publish Violation - User "consultations", Subject "${eraseSubject}"`))).toBe(true);
  });

  it('lets no user but diaspora-registry receive its requests, and no one read another user’s replies', async () => {
    const intruder = await connectAs('budget-analysis', passwordOf('budget-analysis'));
    const gateway = await connectAs('gateway', passwordOf('gateway'));
    const refused = async (nc: NatsConnection, subject: string) => {
      const sub = nc.subscribe(subject);
      // The server answers a forbidden SUB with -ERR; the subscription ends with that error.
      await expect((async () => { for await (const _m of sub) return 'received'; return 'closed'; })()).rejects.toThrow(`Permissions Violation for Subscription to "${subject}"`);
    };
    try {
      await refused(intruder, busSubject('diaspora.>'));
      // Not even the gateway may stand in for a service.
      await refused(gateway, eraseSubject);
      await refused(intruder, `${natsInboxPrefix('gateway', ns)}.>`);
      await refused(intruder, '_INBOX.>');
    } finally {
      await intruder.close();
      await gateway.close();
    }
  });

  it('refuses a connection without a user, with a wrong password, or with another user’s password', async () => {
    await expect(connect({ servers: nats.url })).rejects.toThrow('Authorization Violation');
    await expect(connectAs('gateway', 'not-the-password-0123456789')).rejects.toThrow('Authorization Violation');
    await expect(connectAs('gateway', passwordOf('diaspora-registry'))).rejects.toThrow('Authorization Violation');
    expect(platformUsers().every((u) => passwordOf(u.user)?.length >= 24)).toBe(true);
  });

  it('still lets the gateway’s user through with a signed request (the control case)', async () => {
    const nc = await connectAs('gateway', passwordOf('gateway'));
    try {
      const { data, headers } = signedErase();
      const reply = JSON.parse(new TextDecoder().decode((await nc.request(eraseSubject, data, { timeout: 5000, headers })).data));
      expect(reply.err).toBeUndefined();
    } finally {
      await nc.close();
    }
    expect(await contactPerson()).toBeUndefined();
  });
});

import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { CORRELATION_HEADER, DIASPORA_OPS, PRINCIPAL_HEADER, SIGNATURE_HEADER } from '@vidnova/contracts';
import { busSubject, signRequest } from '@vidnova/messaging';
import { randomUUID } from 'node:crypto';
import { natsConnectAs, startPlatform, TestPlatform } from './platform';

/** Someone on the NATS server without the platform's signing secret, speaking Nest's packet format. */
describe('a bus that trusts no one', () => {
  let p: TestPlatform;
  let nc: NatsConnection;
  let orgId: string;
  const subject = busSubject(DIASPORA_OPS.organizationErasePersonalData.subject);

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    nc = await natsConnectAs('gateway');
    const created = await p.admin.post('/api/v1/diaspora/organizations', {
      name: { original: 'Українці у Вільнюсі' },
      country: 'LT',
      city: 'Vilnius',
      type: 'association',
      focusAreas: ['culture'],
      contactPerson: { name: 'Оксана Мельник', consentRecordedAt: '2026-10-01T09:00:00Z' },
    });
    expect(created.status).toBe(201);
    orgId = created.body.id;
  });
  afterAll(async () => {
    await nc?.drain();
    await p?.stop();
  });

  /** Publishes an erase request for the organisation; `sign` decides what signature (if any) it carries. */
  async function forge(sign: (parts: { subject: string; correlationId: string; principal: string; body: string }) => string | undefined) {
    const data = { id: orgId };
    const correlationId = `forged-${randomUUID()}`;
    const principal = JSON.stringify({ keyId: 'FORGED-KEY', role: 'admin' });
    const h = natsHeaders();
    h.set(CORRELATION_HEADER, correlationId);
    h.set(PRINCIPAL_HEADER, principal);
    const signature = sign({ subject, correlationId, principal, body: JSON.stringify(data) });
    if (signature) h.set(SIGNATURE_HEADER, signature);
    const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5000, headers: h });
    return JSON.parse(new TextDecoder().decode(msg.data)) as { err?: { code: string; status: number }; response?: unknown };
  }

  const contactPersonStillThere = async () => (await p.admin.get(`/api/v1/diaspora/organizations/${orgId}`)).body.contactPerson?.name;

  it('refuses an unsigned request that claims to be an admin, and erases nothing', async () => {
    const reply = await forge(() => undefined);
    expect(reply.err).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await contactPersonStillThere()).toBe('Оксана Мельник');
  });

  it('refuses a request signed with another secret, and one whose principal was changed after signing', async () => {
    expect((await forge((parts) => signRequest('someone-elses-secret-0123456789abcdef', parts))).err).toMatchObject({ code: 'forbidden' });
    const tampered = await forge((parts) => signRequest(DEV_BUS_SIGNING_SECRET, { ...parts, principal: JSON.stringify({ keyId: 'k', role: 'reader' }) }));
    expect(tampered.err).toMatchObject({ code: 'forbidden' });
    expect(await contactPersonStillThere()).toBe('Оксана Мельник');
  });

  it('refuses a correctly signed request replayed after the signature window', async () => {
    const old = await forge((parts) => signRequest(DEV_BUS_SIGNING_SECRET, parts, Date.now() - 5 * 60_000));
    expect(old.err).toMatchObject({ code: 'forbidden' });
    expect(await contactPersonStillThere()).toBe('Оксана Мельник');
  });

  it('handles a request signed with the platform secret (what the gateway sends)', async () => {
    const ok = await forge((parts) => signRequest(DEV_BUS_SIGNING_SECRET, parts));
    expect(ok.err).toBeUndefined();
    expect(await contactPersonStillThere()).toBeUndefined();
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningWorker } from '@vidnova/reporting';
import { ApiClient } from '@vidnova/testing';
import { startPlatform, TestPlatform } from './platform';
import { runSeed, startReportWorker, untilFinished } from './reporting-support';

/**
 * Webhooks: a receiver in this test on 127.0.0.1 (allowed only because the operator allow-list names
 * it) verifies every signature itself; private, loopback and link-local URLs are refused otherwise
 * (OWASP API7, docs/security.md); a receiver that fails first is retried and the log shows both.
 */
interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('reporting: signed webhooks, retries, delivery log, SSRF guard', () => {
  let p: TestPlatform;
  let worker: RunningWorker;
  let partner: ApiClient;
  let otherPartner: ApiClient;
  let analyst: ApiClient;
  let receiver: Server;
  let port: number;
  const received: Received[] = [];
  let failFirst = 1;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failFirst-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
    const env = { WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${port}`, WEBHOOK_BACKOFF_MS: '200' };
    p = await startPlatform(['budget-analysis', 'consultations', 'diaspora-registry', 'reporting'], {}, env);
    worker = await startReportWorker(p, env);
    expect((await runSeed(p.env.NATS_URL)).code).toBe(0);
    const key = async (role: string, organization?: string) =>
      p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: `${role} key`, role, ...(organization ? { organization } : {}) })).body.key);
    partner = await key('partner', 'partner-a');
    otherPartner = await key('partner', 'partner-b');
    analyst = await key('analyst');
  }, 120000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  it('refuses URLs that reach private, loopback or link-local addresses unless the allow-list names them', async () => {
    for (const url of [
      `http://127.0.0.1:${port + 1}/hook`,
      'http://localhost/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hook',
      'http://192.168.1.10/hook',
      'http://[::1]/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      const res = await partner.post('/api/v1/webhooks', { url, events: ['report.completed'] });
      expect([url, res.status]).toEqual([url, 400]);
      expect(JSON.stringify(res.body)).toMatch(/private, loopback or link-local|does not resolve/);
    }
    expect((await partner.post('/api/v1/webhooks', { url: 'ftp://example.org/x', events: ['report.completed'] })).status).toBe(400);
    expect((await analyst.post('/api/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['report.completed'] })).status).toBe(403);
  });

  it('delivers report.completed signed over timestamp and body, retries a failed answer, and logs every attempt', async () => {
    const created = await partner.post('/api/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['report.completed', 'report.failed'] });
    expect(created.status).toBe(201);
    const { id, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);
    const got = await partner.get(`/api/v1/webhooks/${id}`);
    expect(got.body.secret).toBeUndefined();
    expect(got.body.owner).toBe('partner-a');
    expect((await otherPartner.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await otherPartner.delete(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await otherPartner.get('/api/v1/webhooks')).body.items).toEqual([]);

    const accepted = await analyst.post('/api/v1/reports', { type: 'budget-brief', budgetCode: '1954800000', period: '2022' });
    await untilFinished(analyst, accepted.headers.get('location')!);
    for (const deadline = Date.now() + 30000; received.length < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(2);
    // The same delivery twice (first answered 503), with identical body; each signature checked here.
    expect(received[0].body).toBe(received[1].body);
    for (const r of received) {
      const ts = String(r.headers['x-vidnova-timestamp']);
      const expected = `v1=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
      const given = String(r.headers['x-vidnova-signature']);
      expect(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))).toBe(true);
      expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(300);
      expect(r.headers['x-vidnova-event']).toBe('report.completed');
    }
    const payload = JSON.parse(received[1].body);
    expect(payload).toMatchObject({ event: 'report.completed', report: { id: accepted.body.id, status: 'completed', budgetCode: '1954800000' } });
    // A body changed in transit no longer matches.
    const ts = String(received[1].headers['x-vidnova-timestamp']);
    expect(`v1=${createHmac('sha256', secret).update(`${ts}.${received[1].body.replace('completed', 'failed')}`).digest('hex')}`).not.toBe(received[1].headers['x-vidnova-signature']);

    let log = await partner.get(`/api/v1/webhooks/${id}/deliveries`);
    for (const deadline = Date.now() + 10000; log.body.items[0]?.status !== 'delivered' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      log = await partner.get(`/api/v1/webhooks/${id}/deliveries`);
    }
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ event: 'report.completed', reportId: accepted.body.id, status: 'delivered' });
    expect(log.body.items[0].attempts.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([503, 204]);
    expect((await partner.delete(`/api/v1/webhooks/${id}`)).status).toBe(204);
  });
});

import { connect, NatsConnection } from '@nats-io/transport-node';
import { CORRELATION_HEADER, op, PRINCIPAL_HEADER } from '@vidnova/contracts';
import { runWithContext } from '@vidnova/logging';
import { randomBytes } from 'node:crypto';
import { BusClient, BusError } from './bus-client';
import { busSubject } from './namespace';
import { natsConnectOptions } from './messaging.module';
import { GATEWAY_NATS_USER, natsUserFromEnv } from './nats-permissions';

class AnyRequest {
  [key: string]: unknown;
}
class AnyReply {}

/** BusClient against a real NATS server, with raw subscribers standing in for services. */
describe('BusClient', () => {
  let bus: BusClient;
  let nc: NatsConnection;
  // Under diaspora-registry's subject root: on a NATS with users the bus client is the gateway, which may
  // send there, and the raw subscribers stand in for diaspora-registry, which may listen there.
  const subject = (name: string) => `diaspora.test-bus-${randomBytes(4).toString('hex')}.${name}.v1`;
  /** An operation for a throw-away subject; raw subscribers listen on its wire subject. */
  const testOp = (s: string) => op(s, AnyRequest, AnyReply as new () => unknown);
  const decode = (d: Uint8Array) => JSON.parse(new TextDecoder().decode(d)) as { id: string; data: unknown; pattern: string };

  beforeAll(async () => {
    const url = process.env.NATS_URL!;
    bus = await BusClient.connect(url, 'bus-client-test', {
      // Long enough for a first request on a loaded CI machine (300 ms timed out there); the 504 test waits it once.
      timeoutMs: 3000,
      unavailableRetryMs: 150,
      signingSecret: 'a-test-signing-secret-of-32-chars-or-more',
      auth: natsUserFromEnv(GATEWAY_NATS_USER),
    });
    nc = await connect(natsConnectOptions(url, 'bus-client-test-service', natsUserFromEnv('diaspora-registry')));
  });
  afterAll(async () => {
    await nc?.drain();
    await bus?.close();
  });

  it('sends the Nest packet with correlation id and principal headers and returns the response', async () => {
    const s = subject('echo');
    nc.subscribe(busSubject(s), {
      callback: (_e, m) => {
        const packet = decode(m.data);
        m.respond(
          JSON.stringify({
            id: packet.id,
            response: { got: packet.data, pattern: packet.pattern, corr: m.headers?.get(CORRELATION_HEADER), who: m.headers?.get(PRINCIPAL_HEADER) },
            isDisposed: true,
          }),
        );
      },
    });
    await nc.flush();
    const reply = await runWithContext({ correlationId: 'corr-bus-1', principal: { keyId: 'k1', role: 'editor' } }, () =>
      bus.send(testOp(s), { q: 'Шацьк' }),
    );
    expect(reply).toEqual({ got: { q: 'Шацьк' }, pattern: busSubject(s), corr: 'corr-bus-1', who: JSON.stringify({ keyId: 'k1', role: 'editor' }) });
  });

  it('turns an error envelope from the service into a BusError with the same envelope', async () => {
    const s = subject('fails');
    nc.subscribe(busSubject(s), {
      callback: (_e, m) => {
        m.respond(JSON.stringify({ id: decode(m.data).id, err: { code: 'duplicate', status: 409, message: 'dup', details: { existingId: 'x' } }, isDisposed: true }));
      },
    });
    await nc.flush();
    await expect(bus.send(testOp(s), {})).rejects.toMatchObject({ envelope: { code: 'duplicate', status: 409, details: { existingId: 'x' } } });
  });

  it('answers service_unavailable (503) when nobody subscribes, after retrying within the window', async () => {
    const err = (await bus.send(testOp(subject('nobody')), {}).catch((e: unknown) => e)) as BusError;
    expect(err).toBeInstanceOf(BusError);
    expect(err.envelope).toMatchObject({ code: 'service_unavailable', status: 503 });
  });

  it('retries while nobody subscribes and succeeds once an instance comes up within the window', async () => {
    const s = subject('late');
    const pending = bus.send(testOp(s), { n: 1 }, { unavailableRetryMs: 3000 });
    await new Promise((r) => setTimeout(r, 200));
    nc.subscribe(busSubject(s), {
      callback: (_e, m) => {
        m.respond(JSON.stringify({ id: decode(m.data).id, response: 'up', isDisposed: true }));
      },
    });
    await expect(pending).resolves.toBe('up');
  });

  it('answers service_timeout (504) when the subscriber never replies', async () => {
    const s = subject('silent');
    nc.subscribe(busSubject(s), { callback: () => undefined });
    await nc.flush();
    await expect(bus.send(testOp(s), {})).rejects.toMatchObject({ envelope: { code: 'service_timeout', status: 504 } });
  });

  it('refuses a request larger than the server max payload with 413 before sending it', async () => {
    const big = 'x'.repeat(bus.maxPayload + 1);
    await expect(bus.send(testOp(subject('big')), { big })).rejects.toMatchObject({ envelope: { code: 'payload_too_large', status: 413 } });
  });
});

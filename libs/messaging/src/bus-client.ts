import { connect, headers as natsHeaders, NatsConnection, RequestError, TimeoutError } from '@nats-io/transport-node';
import { CORRELATION_HEADER, ErrorEnvelope, isErrorEnvelope, Operation, Principal, PRINCIPAL_HEADER, SIGNATURE_HEADER, TextPage } from '@vidnova/contracts';
import { currentCorrelationId, requestContext } from '@vidnova/logging';
import { inChildSpan, injectTraceContext, SpanKind } from '@vidnova/telemetry';
import { randomUUID } from 'node:crypto';
import { NatsAuth, natsConnectOptions } from './messaging.module';
import { busSubject } from './namespace';
import { signRequest } from './signing';

/** An error reply from a service, or a failure to reach one, as a typed envelope. */
export class BusError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'BusError';
  }
}

export interface BusRequestOptions {
  /** How long one attempt may wait for the reply. */
  timeoutMs?: number;
  /**
   * How long to keep retrying while no instance of the service is subscribed (a restart or deploy).
   * A message that reached no one was never processed, so resending it is safe for writes too.
   */
  unavailableRetryMs?: number;
  principal?: Principal;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface NestReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Request/reply over NATS speaking the NestJS NATS transport's packet format
 * (`{ pattern, data, id }` → `{ response | err, isDisposed }`), with the correlation id and
 * principal in headers. Using the NATS client directly gives us "no responders" detection, which
 * Nest's ClientProxy hides behind a timeout.
 */
export class BusClient {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly defaults: Required<Omit<BusRequestOptions, 'principal'>>,
    private readonly signingSecret: string,
  ) {}

  /**
   * `signingSecret`: the platform's BUS_SIGNING_SECRET; every request is signed with it. `auth`: the NATS
   * user and password (natsAuth(config)); without it the connection carries no credentials.
   */
  static async connect(
    natsUrl: string,
    name: string,
    defaults: Partial<Omit<BusRequestOptions, 'principal'>> & { signingSecret: string; auth?: NatsAuth },
  ): Promise<BusClient> {
    const nc = await connect(natsConnectOptions(natsUrl, name, defaults.auth));
    return new BusClient(
      nc,
      { timeoutMs: defaults.timeoutMs ?? 10000, unavailableRetryMs: defaults.unavailableRetryMs ?? 5000 },
      defaults.signingSecret,
    );
  }

  get connection(): NatsConnection {
    return this.nc;
  }

  /** Largest message the server accepts (bytes); bodies above it are refused before they are sent. */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** Sends one bus operation and resolves with its reply; a service error rejects with a BusError. */
  send<Req, Res>(operation: Operation<Req, Res>, payload: Req, opts: BusRequestOptions = {}): Promise<Res> {
    return this.request<Res>(operation.subject, payload, opts);
  }

  /**
   * The pages of a paged text reply (`textPages`: a document larger than one bus message), asked one after
   * another with `after` set to the previous page's `next`. Every page is asked in the context of the first
   * call (principal, correlation id), also when a response stream reads the later pages; a page that fails
   * ends the iteration with its error.
   */
  async *textPages<Req extends { after?: string }>(operation: Operation<Req, TextPage>, payload: Req, opts: BusRequestOptions = {}): AsyncGenerator<string> {
    const store = requestContext.getStore();
    const ask = (req: Req) => (store ? requestContext.run(store, () => this.send(operation, req, opts)) : this.send(operation, req, opts));
    let page = await ask(payload);
    yield page.text;
    while (page.next) {
      page = await ask({ ...payload, after: page.next });
      yield page.text;
    }
  }

  /** Inside a traced span, the request is a CLIENT span of its own and carries the trace context in its headers. */
  private request<T>(operationSubject: string, data: unknown, opts: BusRequestOptions): Promise<T> {
    return inChildSpan(operationSubject, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': operationSubject, 'messaging.operation.type': 'send' } }, () =>
      this.requestOnce<T>(operationSubject, data, opts),
    );
  }

  private async requestOnce<T>(operationSubject: string, data: unknown, opts: BusRequestOptions): Promise<T> {
    const subject = busSubject(operationSubject);
    const timeout = opts.timeoutMs ?? this.defaults.timeoutMs;
    const retryFor = opts.unavailableRetryMs ?? this.defaults.unavailableRetryMs;
    const deadline = Date.now() + retryFor;
    const json = JSON.stringify(data === undefined ? null : data);
    const body = encoder.encode(`{"pattern":${JSON.stringify(subject)},"data":${json},"id":${JSON.stringify(randomUUID())}}`);
    if (body.length > this.maxPayload) {
      throw new BusError({
        code: 'payload_too_large',
        status: 413,
        message: `The request is larger than the ${this.maxPayload} bytes the message bus accepts`,
        details: { limitBytes: this.maxPayload },
      });
    }
    const h = natsHeaders();
    const correlationId = currentCorrelationId() ?? randomUUID();
    h.set(CORRELATION_HEADER, correlationId);
    const principal = opts.principal ?? requestContext.getStore()?.principal;
    const principalHeader = principal ? JSON.stringify(principal) : '';
    if (principalHeader) h.set(PRINCIPAL_HEADER, principalHeader);
    injectTraceContext((k, v) => h.set(k, v));

    let delay = 50;
    for (;;) {
      let unavailable: ErrorEnvelope;
      h.set(SIGNATURE_HEADER, signRequest(this.signingSecret, { subject, correlationId, principal: principalHeader, body: json }));
      try {
        const msg = await this.nc.request(subject, body, { timeout, headers: h });
        const packet = JSON.parse(decoder.decode(msg.data)) as NestReplyPacket;
        if (packet.err !== undefined && packet.err !== null) {
          const envelope = isErrorEnvelope(packet.err)
            ? packet.err
            : ({ code: 'internal', status: 500, message: String(packet.err) } satisfies ErrorEnvelope);
          if (envelope.code === 'service_unavailable' && envelope.details?.retryable === true) {
            unavailable = envelope;
          } else {
            throw new BusError(envelope);
          }
        } else {
          return packet.response as T;
        }
      } catch (err) {
        if (err instanceof BusError) throw err;
        if (err instanceof RequestError && err.isNoResponders()) {
          // Public text names no subject or internal failure; the subject goes to the caller's log only.
          unavailable = { code: 'service_unavailable', status: 503, message: 'The service behind this route is not available right now; retry later', details: { retryAfterSeconds: 5 } };
        } else if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError)) {
          throw new BusError({
            code: 'service_timeout',
            status: 504,
            message: `The service behind this route did not answer within ${timeout} ms`,
          });
        } else {
          throw new BusError({
            code: 'service_unavailable',
            status: 503,
            message: 'The platform cannot reach its services right now; retry later',
            details: { retryAfterSeconds: 5 },
          });
        }
      }
      if (Date.now() + delay > deadline) throw new BusError(unavailable);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

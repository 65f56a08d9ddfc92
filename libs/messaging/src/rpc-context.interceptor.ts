import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { CORRELATION_HEADER, DomainError, PRINCIPAL_HEADER, SIGNATURE_HEADER } from '@vidnova/contracts';
import { acceptCorrelationId, requestContext } from '@vidnova/logging';
import { Tracing } from '@vidnova/telemetry';
import { Observable, throwError } from 'rxjs';
import { finalize } from 'rxjs/operators';
import { tracedHandler } from './bus-tracing';
import { verifyRequest } from './signing';

/**
 * Runs every NATS handler inside the request context taken from the message headers (correlation id,
 * principal), and counts in-flight work so a shutdown can stop taking work and finish what it has.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('BusSignature');
  private inFlight = 0;
  private received = 0;
  private draining = false;
  private idleWaiters: Array<() => void> = [];

  /**
   * `signingSecret`: the platform's BUS_SIGNING_SECRET; messages not signed with it are refused.
   * `tracing`: the service's (libs/telemetry); each handler then runs in a span continuing the caller's trace.
   */
  constructor(
    private readonly signingSecret: string,
    private readonly tracing: Tracing = Tracing.off,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    this.received++;
    if (this.draining) {
      // Not processed: the caller may safely send it again (the gateway does, to another instance).
      return throwError(() =>
        new DomainError('service_unavailable', 'The service is shutting down', { retryable: true }).toEnvelope(),
      );
    }
    const natsCtx = context.switchToRpc().getContext<NatsContext>();
    const headers = natsCtx?.getHeaders?.();
    const rawCorrelation = headers?.get(CORRELATION_HEADER) ?? '';
    const rawPrincipal = headers?.get(PRINCIPAL_HEADER) ?? '';
    const data = context.switchToRpc().getData() as unknown;
    const check = verifyRequest(this.signingSecret, headers?.get(SIGNATURE_HEADER) || undefined, {
      subject: natsCtx?.getSubject?.() ?? '',
      correlationId: rawCorrelation,
      principal: rawPrincipal,
      body: JSON.stringify(data === undefined ? null : data),
    });
    if (check !== 'valid') {
      // Nothing of an unsigned or forged message is believed or handled: not its principal, not its payload.
      this.logger.warn(`refused a bus message on ${natsCtx?.getSubject?.()}: signature ${check}`);
      return throwError(() => new DomainError('forbidden', 'The message is not signed by the platform').toEnvelope());
    }
    const correlationId = acceptCorrelationId(rawCorrelation);
    let principal: { keyId: string; role: string } | undefined;
    if (rawPrincipal) {
      try {
        principal = JSON.parse(rawPrincipal) as { keyId: string; role: string };
      } catch {
        // Never "no principal" (a service asking): an unreadable principal is nobody in particular.
        principal = { keyId: 'malformed-principal', role: 'anonymous' };
      }
    }
    this.inFlight++;
    return new Observable((subscriber) =>
      requestContext.run({ correlationId, principal }, () =>
        tracedHandler(this.tracing, natsCtx?.getSubject?.() ?? '', (k) => headers?.get(k), correlationId, () => next.handle())
          .pipe(finalize(() => this.done()))
          .subscribe(subscriber),
      ),
    );
  }

  private done(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Stops accepting new messages and resolves when in-flight ones are done (or the timeout passes). */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** NATS messages that reached a handler since start (refused ones included). */
  get seen(): number {
    return this.received;
  }

  get pending(): number {
    return this.inFlight;
  }
}

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { BusHandlerMeter, Metrics } from '@vidnova/metrics';
import { Observable } from 'rxjs';
import { tap } from 'rxjs/operators';
import { toEnvelope } from './errors';
import { busNamespace } from './namespace';

/**
 * Counts and times every bus request a service handles, by operation subject (without the bus
 * namespace): requests, errors by problem status and code (the envelope the caller gets, via
 * `toEnvelope`), latency. Installed outermost by `startService`, so refused messages (unsigned,
 * shutting down) are counted too.
 */
@Injectable()
export class BusMetricsInterceptor implements NestInterceptor {
  private readonly meter: BusHandlerMeter;
  private readonly prefix = busNamespace() ? `${busNamespace()}.` : '';

  constructor(metrics: Metrics) {
    this.meter = new BusHandlerMeter(metrics);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const subject = context.switchToRpc().getContext<NatsContext>()?.getSubject?.() ?? 'unknown';
    const operation = subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let settled = false;
    return next.handle().pipe(
      tap({
        complete: () => {
          if (!settled) this.meter.observe(operation, seconds());
          settled = true;
        },
        error: (e: unknown) => {
          const envelope = toEnvelope(e);
          if (!settled) this.meter.observe(operation, seconds(), { status: envelope.status, code: envelope.code });
          settled = true;
        },
      }),
    );
  }
}

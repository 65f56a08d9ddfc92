import { endSpan, extractTraceContext, runInContext, SpanKind, Tracing } from '@vidnova/telemetry';
import { Observable } from 'rxjs';
import { busNamespace } from './namespace';

/**
 * Runs a bus handler (`handle`, Nest's observable) in a SERVER span of `tracing`, a child of the caller's
 * span when the message carries `traceparent`/`tracestate` headers; the span ends when the handler answers.
 * With tracing off, `handle()` as it is.
 */
export function tracedHandler<T>(
  tracing: Tracing,
  wireSubject: string,
  header: (key: string) => string | undefined,
  correlationId: string,
  handle: () => Observable<T>,
): Observable<T> {
  if (!tracing.enabled) return handle();
  const ns = busNamespace();
  const subject = ns && wireSubject.startsWith(`${ns}.`) ? wireSubject.slice(ns.length + 1) : wireSubject;
  return new Observable<T>((subscriber) => {
    const started = tracing.startSpan(
      subject,
      {
        kind: SpanKind.SERVER,
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.operation.type': 'process', 'vidnova.correlation_id': correlationId },
      },
      extractTraceContext(header),
    )!;
    let ended = false;
    const end = (err?: unknown) => {
      if (ended) return;
      ended = true;
      endSpan(started.span, err);
    };
    const sub = runInContext(started.ctx, () =>
      handle().subscribe({
        next: (v) => subscriber.next(v),
        error: (e: unknown) => {
          end(e);
          subscriber.error(e);
        },
        complete: () => {
          end();
          subscriber.complete();
        },
      }),
    );
    return () => {
      end();
      sub.unsubscribe();
    };
  });
}

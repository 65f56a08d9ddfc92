import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentCorrelationId } from '@vidnova/logging';
import { endSpan, runInContext, Span, SpanKind, Tracing } from '@vidnova/telemetry';

/** Paths not traced: probes, scrapes and the API docs would drown the traces of real work. */
const UNTRACED = /^\/(health|metrics|docs)(\/|$|\?)/;

/**
 * A SERVER span per HTTP request, named `<METHOD> <route template>` (e.g. `POST /api/v1/reports`), with the
 * reply's status code; the handler runs inside it, so its bus calls are child spans and carry the trace on.
 * The gateway is the public edge: a caller's own `traceparent` is not followed, every request starts a trace.
 * Must be installed after the hook that sets the request context (the correlation id goes into the span).
 */
export function installTracing(fastify: FastifyInstance, tracing: Tracing): void {
  if (!tracing.enabled) return;
  const spans = new WeakMap<FastifyRequest, Span>();
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (UNTRACED.test(req.url)) return done();
    const route = req.routeOptions.url;
    const started = tracing.startSpan(route ? `${req.method} ${route}` : req.method, {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method,
        ...(route ? { 'http.route': route } : {}),
        'url.scheme': req.protocol,
        'vidnova.correlation_id': currentCorrelationId() ?? '',
      },
    });
    if (!started) return done();
    spans.set(req, started.span);
    runInContext(started.ctx, done);
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const span = spans.get(req);
    if (span) {
      spans.delete(req);
      span.setAttribute('http.response.status_code', reply.statusCode);
      endSpan(span, reply.statusCode >= 500 ? { code: String(reply.statusCode) } : undefined);
    }
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    const span = spans.get(req);
    if (span) {
      spans.delete(req);
      span.setAttribute('error.type', 'aborted');
      span.end();
    }
    done();
  });
  // The last spans are exported when the gateway closes.
  fastify.addHook('onClose', async () => {
    await tracing.release();
  });
}

import helmet from '@fastify/helmet';
import type { FastifyReply } from 'fastify';
import proxyAddr from '@fastify/proxy-addr';
import secureJson from 'secure-json-parse';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationPipe } from '@nestjs/common';
import { CORRELATION_HEADER, DomainError } from '@vidnova/contracts';
import { acceptCorrelationId, requestContext } from '@vidnova/logging';
import { BusClient, flattenValidationErrors, toEnvelope } from '@vidnova/messaging';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './app.module';
import { AuditInterceptor } from './audit/audit.interceptor';
import { installAuditRecorder } from './audit/audit.recorder';
import { AuditRepository } from './audit/audit.repository';
import { GatewayConfig } from './config';
import { ContentTypeInterceptor } from './platform/content-type.interceptor';
import { IdempotencyInterceptor } from './platform/idempotency.interceptor';
import { AddressLimits } from './platform/limits';
import { HttpMetrics, installMetrics } from './platform/metrics';
import { installQueueDashboard } from './platform/queue-dashboard';
import { ApiKeysService } from './auth/api-keys.service';
import { buildOpenApi, serveOpenApi } from './platform/openapi';
import { problemFromEnvelope, ProblemFilter } from './platform/problem';
import { RateLimitInterceptor } from './platform/rate-limit.interceptor';
import { installTracing } from './platform/tracing';
import { Tracing, tracingSettings } from '@vidnova/telemetry';

/** Room left in a NATS message for the envelope around a JSON body. */
const BUS_ENVELOPE_OVERHEAD = 16 * 1024;

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Which hops of X-Forwarded-For to believe: at most `hops` proxies, each of which must be at one of the
 * `trusted` addresses (proxy-addr names such as `loopback`, `uniquelocal`, or CIDRs). A client talking to
 * the gateway directly cannot claim another address, however many hops it writes into the header.
 */
export function trustedProxies(hops: number, trusted: string): false | ((addr: string, i: number) => boolean) {
  if (hops <= 0) return false;
  const isProxy = proxyAddr.compile(trusted.split(',').map((s) => s.trim()).filter(Boolean));
  return (addr, i) => i < hops && isProxy(addr, i);
}

/** Deepest nesting of objects and arrays a JSON body may have; real payloads need fewer than 10 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses a JSON body safely: `__proto__` and `constructor.prototype` keys are refused (prototype
 * poisoning), and so is nesting deeper than MAX_JSON_DEPTH, before any validation walks the value.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const forbidden = /prototype/i.test((e as Error).message);
    throw new DomainError(
      'malformed_request',
      forbidden ? 'The request body has a forbidden key (__proto__ or constructor.prototype)' : 'The request body is not valid JSON',
    );
  }
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new DomainError('malformed_request', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return value;
}

/** Builds the gateway app (without listening) — shared by main.ts, tests and the OpenAPI generator. */
export async function createGateway(
  config: GatewayConfig,
  opts: { bufferLogs?: boolean; preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Only the configured number of proxy hops is believed for the client address (rate limits, audit).
    trustProxy: trustedProxies(config.TRUST_PROXY_HOPS, config.TRUSTED_PROXIES),
    // A graceful stop must not wait for idle keep-alive or half-sent (refused) uploads.
    forceCloseConnections: true,
    genReqId: () => requestContext.getStore()?.correlationId ?? '',
    // Errors Fastify raises before routing (a path that does not decode, a path parameter longer than
    // the router takes) are problem+json like every other error, not Fastify's own JSON.
    frameworkErrors: (err: { code?: string; message: string }, req: { url: string }, reply: FastifyReply) => {
      const routing = err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const envelope = routing
        ? { code: 'malformed_request' as const, status: 400, message: 'The request path is malformed or a path parameter is too long' }
        : toEnvelope(err);
      void reply
        .status(envelope.status)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(problemFromEnvelope(envelope, req.url.slice(0, 200)));
    },
  });
  const fastify = adapter.getInstance();
  // The correlation id is taken from the caller (when sane) or made here, returned in the reply,
  // and kept in AsyncLocalStorage for logs and NATS headers.
  fastify.addHook('onRequest', (req, reply, done) => {
    const correlationId = acceptCorrelationId(req.headers[CORRELATION_HEADER]);
    reply.header(CORRELATION_HEADER, correlationId);
    requestContext.run({ correlationId }, done);
  });
  // A span per request (when OTEL_EXPORTER_OTLP_ENDPOINT is set), inside the request context above.
  if (!opts.preview) installTracing(fastify, Tracing.start(tracingSettings(config)));

  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    bufferLogs: opts.bufferLogs ?? true,
    abortOnError: false,
    // Body parsers are ours (below): JSON capped by the bus limit, CSV streamed to the object store.
    bodyParser: false,
    // Preview mode builds the route graph without connecting anything (OpenAPI generation).
    preview: opts.preview ?? false,
  });
  if (opts.preview) return app;
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Limits on the client address come first: before body parsing, authentication or any other work.
  await app.get(AddressLimits).install(fastify);
  // Security headers on every answer. Swagger UI (/docs) needs its own inline styles and scripts.
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) =>
        new DomainError('validation_failed', 'The request failed validation', undefined, flattenValidationErrors(errors)),
    }),
  );
  // Outermost first: the rate limit refuses before anything runs; what passes it is audited; JSON
  // routes refuse other content types before validation; Idempotency-Key wraps the handler itself.
  app.useGlobalInterceptors(
    app.get(RateLimitInterceptor),
    app.get(AuditInterceptor),
    app.get(ContentTypeInterceptor),
    app.get(IdempotencyInterceptor),
  );
  installAuditRecorder(fastify, app.get(AuditRepository));
  installMetrics(fastify, app.get(HttpMetrics));
  // Operators: the reporting queues' dashboard (bull-board), admin keys only.
  await installQueueDashboard(fastify, app.get(ApiKeysService), config.REDIS_URL);
  // JSON bodies ride inside one NATS message, so the limit follows the server's max payload.
  const bus = app.get(BusClient);
  const jsonLimit = Math.min(config.BODY_LIMIT_BYTES, bus.maxPayload - BUS_ENVELOPE_OVERHEAD);
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: jsonLimit }, (_req, body, done) => {
    // An empty JSON body is an empty object: a route that needs fields answers 400 naming them.
    if (body === '' || body === undefined) return done(null, {});
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done((e instanceof DomainError ? e : new DomainError('malformed_request', 'The request body is not valid JSON')) as never, undefined);
    }
  });
  // A write sent as JSON with no body at all (Content-Length 0) never reaches the parser above: it too is
  // an empty object, so a route that needs fields answers 400 naming them instead of failing on undefined.
  fastify.addHook('preValidation', (req, _reply, done) => {
    if (req.body === undefined && ['POST', 'PUT', 'PATCH'].includes(req.method) && /json/i.test(String(req.headers['content-type'] ?? ''))) {
      req.body = {};
    }
    done();
  });
  // Errors raised by Fastify itself (body parsing, limits) become problem+json too.
  const problems = new ProblemFilter();
  fastify.setErrorHandler((err, req, reply) => {
    problems.catch(err, { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => req }) } as never);
  });
  // File uploads are not buffered: the route handler gets the raw stream and pipes it to the object store.
  fastify.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], { bodyLimit: config.UPLOAD_LIMIT_BYTES }, (_req, payload, done) =>
    done(null, payload),
  );
  serveOpenApi(app, buildOpenApi(app));
  return app;
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const app = await createGateway(config);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  return { app, url: `http://${host}:${port}`, stop: () => app.close() };
}

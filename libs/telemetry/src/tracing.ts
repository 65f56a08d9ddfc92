import {
  Attributes,
  context,
  Context,
  createContextKey,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_INSTANCE_ID, ATTR_SERVICE_NAME, ATTR_SERVICE_NAMESPACE } from '@opentelemetry/semantic-conventions';
import { hostname } from 'node:os';

export { SpanKind } from '@opentelemetry/api';
export type { Span } from '@opentelemetry/api';

/** The settings of a process that decide whether it traces (BaseServiceConfig in libs/config has them). */
export interface TracingSettings {
  /** The name the spans carry as `service.name`. */
  serviceName: string;
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<url>/v1/traces`. */
  endpoint?: string;
  /** Full OTLP/HTTP traces URL (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`); wins over `endpoint`. */
  tracesEndpoint?: string;
  /** Where spans go instead of OTLP (tests). */
  exporter?: SpanExporter;
}

/** Tracing settings from a validated service config. */
export function tracingSettings(
  config: { SERVICE_NAME: string; OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string },
  serviceName = config.SERVICE_NAME,
): TracingSettings {
  return { serviceName, endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, tracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT };
}

/** The OTLP/HTTP URL spans are posted to, or undefined when tracing is off. */
export function tracesUrl(s: Pick<TracingSettings, 'endpoint' | 'tracesEndpoint'>): string | undefined {
  if (s.tracesEndpoint) return s.tracesEndpoint;
  return s.endpoint ? `${s.endpoint.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/** The Tracing that started the active span: nested work (a bus call inside a handler) uses the same one. */
const TRACING_KEY = createContextKey('vidnova.tracing');
const propagator = new W3CTraceContextPropagator();
const registry = new Map<string, { tracing: Tracing; refs: number }>();
let contextManagerSet = false;

/**
 * One service's tracing: a tracer provider with the service name as its resource, exporting over OTLP/HTTP
 * (JSON) in batches. Off (no provider, no exporter, no span objects: `fn` is simply called) when no endpoint
 * is configured. One per service name in a process (the tests run several services in one process, each
 * with its own resource); `Tracing.start` and `release` count users.
 */
export class Tracing {
  private constructor(
    readonly serviceName: string,
    private readonly provider?: TracerProvider,
    private readonly tracer?: Tracer,
  ) {}

  /** A Tracing that does nothing. */
  static readonly off = new Tracing('off');

  /** Starts (or shares) the tracing of `settings.serviceName`. */
  static start(settings: TracingSettings): Tracing {
    const known = registry.get(settings.serviceName);
    if (known) {
      known.refs++;
      return known.tracing;
    }
    const url = tracesUrl(settings);
    if (!url && !settings.exporter) return Tracing.off;
    if (!contextManagerSet) {
      // Spans follow async work through AsyncLocalStorage, like the request context of libs/logging.
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      contextManagerSet = true;
    }
    const exporter = settings.exporter ?? new OTLPTraceExporter({ url });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({
        [ATTR_SERVICE_NAME]: settings.serviceName,
        [ATTR_SERVICE_NAMESPACE]: 'vidnova',
        [ATTR_SERVICE_INSTANCE_ID]: `${hostname()}-${process.pid}`,
      }),
      spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000 })],
    });
    const tracing = new Tracing(settings.serviceName, provider, provider.getTracer('vidnova'));
    registry.set(settings.serviceName, { tracing, refs: 1 });
    return tracing;
  }

  /** The running Tracing of a service in this process (off when it has none). */
  static of(serviceName: string): Tracing {
    return registry.get(serviceName)?.tracing ?? Tracing.off;
  }

  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /**
   * Starts a span (child of `parent`, else of the active context) and returns it with the context to run
   * its work in. Undefined when tracing is off.
   */
  startSpan(name: string, opts: { kind: SpanKind; attributes?: Attributes }, parent: Context = context.active()): { span: Span; ctx: Context } | undefined {
    if (!this.tracer) return undefined;
    const span = this.tracer.startSpan(name, { kind: opts.kind, attributes: opts.attributes }, parent);
    return { span, ctx: trace.setSpan(parent, span).setValue(TRACING_KEY, this) };
  }

  /** Runs `fn` in a new span that ends when its result settles; an error marks it (see `endSpan`). */
  inSpan<T>(name: string, opts: { kind: SpanKind; attributes?: Attributes; parent?: Context }, fn: () => T): T {
    const started = this.startSpan(name, opts, opts.parent);
    if (!started) return fn();
    const { span, ctx } = started;
    let result: T;
    try {
      result = context.with(ctx, fn);
    } catch (e) {
      endSpan(span, e);
      throw e;
    }
    if (result instanceof Promise) {
      return result.then(
        (v: unknown) => {
          endSpan(span);
          return v;
        },
        (e: unknown) => {
          endSpan(span, e);
          throw e;
        },
      ) as T;
    }
    endSpan(span);
    return result;
  }

  /** Exports what is buffered now. */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  /** One user less; the last one flushes and shuts the provider down. */
  async release(): Promise<void> {
    const known = registry.get(this.serviceName);
    if (!known || known.tracing !== this) return;
    if (--known.refs > 0) return;
    registry.delete(this.serviceName);
    await this.provider?.shutdown().catch(() => undefined);
  }
}

/** Runs `fn` in `ctx` (a context from `Tracing.startSpan`). */
export function runInContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

/** Exports what every running Tracing of this process has buffered (tests, before reading a receiver). */
export async function flushTraces(): Promise<void> {
  await Promise.all([...registry.values()].map((r) => r.tracing.flush()));
}

/** The Tracing of the active span, if any: bus calls and enqueued jobs inside a traced piece of work join it. */
export function activeTracing(): Tracing | undefined {
  return context.active().getValue(TRACING_KEY) as Tracing | undefined;
}

/**
 * Runs `fn` in a child span of the active span, in the same service's tracing; without an active traced
 * span it just calls `fn`.
 */
export function inChildSpan<T>(name: string, opts: { kind: SpanKind; attributes?: Attributes }, fn: () => T): T {
  const tracing = activeTracing();
  return tracing ? tracing.inSpan(name, opts, fn) : fn();
}

/**
 * Ends a span. A failure with a status below 500 (a DomainError or an error envelope: the caller's
 * mistake, answered 4xx) is noted as `error.type` but leaves the span's status unset, as for HTTP
 * servers; anything else marks the span as an error. Only the error's code or class goes into the span,
 * never its message (which may quote what a person sent).
 */
export function endSpan(span: Span, err?: unknown): void {
  if (err !== undefined) {
    // A BusError carries its envelope (code, status); a DomainError or an envelope has them itself.
    const raw = err as { envelope?: unknown };
    const e = (raw && typeof raw === 'object' && raw.envelope && typeof raw.envelope === 'object' ? raw.envelope : err) as { code?: unknown; status?: unknown; name?: unknown };
    const type = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
    span.setAttribute('error.type', type);
    if (!(typeof e?.status === 'number' && e.status < 500)) span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  }
  span.end();
}

/** W3C trace context of the active span, as `traceparent`/`tracestate`, handed to `set` (NATS headers). */
export function injectTraceContext(set: (key: string, value: string) => void): void {
  propagator.inject(context.active(), undefined, { set: (_carrier, key, value) => set(key, value) });
}

/** The context a remote caller's `traceparent`/`tracestate` describe (root context when absent or malformed). */
export function extractTraceContext(get: (key: string) => string | undefined): Context {
  return propagator.extract(ROOT_CONTEXT, undefined, {
    get: (_carrier, key) => get(key) || undefined,
    keys: () => ['traceparent', 'tracestate'],
  });
}

/** The W3C trace context a BullMQ job carries in its data, so its worker continues the trace of whoever queued it. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** `{ trace: <carrier> }` for job data when a traced span is active, else `{}` (job data unchanged). */
export function jobTrace(): { trace?: TraceCarrier } {
  const carrier: TraceCarrier = {};
  injectTraceContext((k, v) => {
    if (k === 'traceparent' || k === 'tracestate') carrier[k] = v;
  });
  return carrier.traceparent ? { trace: carrier } : {};
}

/**
 * Runs a job's work in a CONSUMER span of `tracing`, a child of the span that queued it (the job data's
 * `trace`) or a new trace when none was carried (a scheduler's firing).
 */
export function inJobSpan<T>(tracing: Tracing, queue: string, job: { id?: string; name: string; data?: unknown }, fn: () => Promise<T>): Promise<T> {
  if (!tracing.enabled) return fn();
  const carrier = (job.data as { trace?: TraceCarrier } | undefined)?.trace;
  const parent = carrier ? extractTraceContext((k) => (k === 'traceparent' || k === 'tracestate' ? carrier[k] : undefined)) : ROOT_CONTEXT;
  return tracing.inSpan(
    `${queue} process`,
    {
      kind: SpanKind.CONSUMER,
      parent,
      attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.operation.type': 'process', 'messaging.message.id': job.id ?? '', 'vidnova.job.name': job.name },
    },
    fn,
  );
}

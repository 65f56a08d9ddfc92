import { trace, context } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { randomBytes } from 'node:crypto';
import { DomainError } from '@vidnova/contracts';
import { pinoOptions, runWithContext } from '@vidnova/logging';
import pino from 'pino';
import { activeTracing, endSpan, extractTraceContext, inChildSpan, inJobSpan, injectTraceContext, jobTrace, SpanKind, Tracing, tracesUrl } from './tracing';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const name = () => `svc-${randomBytes(3).toString('hex')}`;

describe('tracing', () => {
  it('is off without an endpoint: the work runs, no span is active and nothing is put in headers or job data', async () => {
    const tracing = Tracing.start({ serviceName: name() });
    expect(tracing.enabled).toBe(false);
    const seen: Record<string, string> = {};
    const result = await tracing.inSpan('work', { kind: SpanKind.SERVER }, async () => {
      injectTraceContext((k, v) => (seen[k] = v));
      return { active: trace.getSpan(context.active()), tracing: activeTracing(), job: jobTrace() };
    });
    expect(result).toEqual({ active: undefined, tracing: undefined, job: {} });
    expect(seen).toEqual({});
    expect(inChildSpan('call', { kind: SpanKind.CLIENT }, () => 42)).toBe(42);
  });

  it('posts to <endpoint>/v1/traces, or to the traces endpoint as given', () => {
    expect(tracesUrl({ endpoint: 'http://collector:4318' })).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl({ endpoint: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl({ endpoint: 'http://a:4318', tracesEndpoint: 'https://b/otlp/traces' })).toBe('https://b/otlp/traces');
    expect(tracesUrl({})).toBeUndefined();
  });

  describe('when on', () => {
    const exporter = new InMemorySpanExporter();
    let a: Tracing;
    let b: Tracing;
    const nameA = name();
    const nameB = name();
    beforeAll(() => {
      a = Tracing.start({ serviceName: nameA, exporter });
      b = Tracing.start({ serviceName: nameB, exporter });
    });
    afterAll(async () => {
      await a.release();
      await b.release();
    });
    beforeEach(() => exporter.reset());
    const finished = async () => {
      await a.flush();
      await b.flush();
      return exporter.getFinishedSpans();
    };

    it('carries the trace from one service to another through traceparent, with child spans in each', async () => {
      const headers: Record<string, string> = {};
      await a.inSpan('POST /things', { kind: SpanKind.SERVER }, () =>
        inChildSpan('things.create', { kind: SpanKind.CLIENT }, async () => {
          injectTraceContext((k, v) => (headers[k] = v));
        }),
      );
      expect(headers.traceparent).toMatch(TRACEPARENT);
      await b.inSpan('things.create', { kind: SpanKind.SERVER, parent: extractTraceContext((k) => headers[k]) }, async () => {
        // Work inside b's span uses b's tracing.
        expect(activeTracing()).toBe(b);
      });
      const spans = await finished();
      const [server, client, remote] = ['POST /things', 'things.create:client', 'things.create:server'].map((n) => {
        const [spanName, kind] = n.split(':');
        return spans.find((s) => s.name === spanName && (kind === undefined || s.kind === (kind === 'client' ? SpanKind.CLIENT : SpanKind.SERVER)))!;
      });
      const [, traceId, clientSpanId] = TRACEPARENT.exec(headers.traceparent)!;
      expect(client.spanContext()).toMatchObject({ traceId, spanId: clientSpanId });
      expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
      expect(remote.spanContext().traceId).toBe(traceId);
      expect(remote.parentSpanContext?.spanId).toBe(clientSpanId);
      expect(server.resource.attributes['service.name']).toBe(nameA);
      expect(remote.resource.attributes['service.name']).toBe(nameB);
    });

    it('continues a queued job in the trace of whoever queued it, and starts a new trace for a job without one', async () => {
      const data = await a.inSpan('enqueue', { kind: SpanKind.SERVER }, () => ({ runId: 'r1', ...jobTrace() }));
      expect(data.trace?.traceparent).toMatch(TRACEPARENT);
      await inJobSpan(b, 'reports', { id: 'r1-r1', name: 'report', data }, async () => undefined);
      await inJobSpan(b, 'reports', { id: 'x', name: 'scheduled', data: { scheduleId: 's' } }, async () => undefined);
      const spans = await finished();
      const enqueue = spans.find((s) => s.name === 'enqueue')!;
      const [job, fired] = spans.filter((s) => s.name === 'reports process');
      expect(job.kind).toBe(SpanKind.CONSUMER);
      expect(job.spanContext().traceId).toBe(enqueue.spanContext().traceId);
      expect(job.parentSpanContext?.spanId).toBe(enqueue.spanContext().spanId);
      expect(fired.spanContext().traceId).not.toBe(enqueue.spanContext().traceId);
      expect(fired.parentSpanContext).toBeUndefined();
    });

    it("marks a span as an error for failures, not for the caller's mistakes, and never records the message", async () => {
      await expect(a.inSpan('bad input', { kind: SpanKind.SERVER }, async () => {
        throw new DomainError('not_found', 'No organisation named Олена Коваль');
      })).rejects.toThrow(DomainError);
      await expect(a.inSpan('broken', { kind: SpanKind.SERVER }, async () => {
        throw new TypeError('secret detail');
      })).rejects.toThrow(TypeError);
      const span = a.startSpan('bus 503', { kind: SpanKind.CLIENT })!.span;
      endSpan(span, Object.assign(new Error('x'), { envelope: { code: 'service_unavailable', status: 503 } }));
      const spans = await finished();
      const by = (n: string) => spans.find((s) => s.name === n)!;
      expect(by('bad input')).toMatchObject({ status: { code: 0 }, attributes: { 'error.type': 'not_found' } });
      expect(by('broken')).toMatchObject({ status: { code: 2, message: 'TypeError' }, attributes: { 'error.type': 'TypeError' } });
      expect(by('bus 503')).toMatchObject({ status: { code: 2 }, attributes: { 'error.type': 'service_unavailable' } });
      expect(JSON.stringify(spans.map((s) => [s.attributes, s.status, s.events]))).not.toMatch(/Олена|secret detail/);
    });

    it('shares one tracing per service name until its last user releases it', async () => {
      const again = Tracing.start({ serviceName: nameA });
      expect(again).toBe(a);
      await again.release();
      expect(Tracing.of(nameA)).toBe(a);
    });
  });
});

describe('log lines inside a traced span', () => {
  it('carry its trace_id and span_id beside the correlation id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(pinoOptions({ service: 'test-service', level: 'info' }), { write: (l: string) => lines.push(JSON.parse(l)) });
    const tracing = Tracing.start({ serviceName: name(), exporter: new InMemorySpanExporter() });
    let ids: { traceId: string; spanId: string } | undefined;
    await runWithContext({ correlationId: 'corr-trace-1' }, () =>
      tracing.inSpan('work', { kind: SpanKind.SERVER }, async () => {
        ids = trace.getSpan(context.active())!.spanContext();
        await new Promise((r) => setTimeout(r, 1));
        logger.info('inside');
      }),
    );
    logger.info('outside');
    await tracing.release();
    expect(lines.map((l) => [l.msg, l.correlationId, l.trace_id, l.span_id])).toEqual([
      ['inside', 'corr-trace-1', ids!.traceId, ids!.spanId],
      ['outside', undefined, undefined, undefined],
    ]);
  });
});

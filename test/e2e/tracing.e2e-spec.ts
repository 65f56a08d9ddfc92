import { createServer, IncomingMessage, Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPORTING_OPS } from '@vidnova/contracts';
import { RunningWorker } from '@vidnova/reporting';
import { flushTraces, Tracing } from '@vidnova/telemetry';
import { ApiClient } from '@vidnova/testing';
import { startPlatform, TestPlatform } from './platform';
import { startReportWorker, untilFinished } from './reporting-support';

/**
 * Traces: one request through the gateway is one trace across the services it reaches and the job it
 * queues, exported over OTLP/HTTP (JSON) to a receiver in this test, with the parent of every span right.
 * Without an endpoint nothing is exported.
 */
const SHATSK_BUDGET = '0350700000';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number };
}
interface ExportRequest {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ scope?: unknown; spans: OtlpSpan[] }> }>;
}
/** A span with the service that exported it (its resource's service.name). */
type Received = OtlpSpan & { service: string };

// OTLP span kinds (opentelemetry-proto trace.proto).
const KIND = { SERVER: 2, CLIENT: 3, CONSUMER: 5 } as const;

/** A minimal OTLP/HTTP receiver: takes POST /v1/traces as JSON and keeps every request body. */
async function startReceiver(): Promise<{ url: string; bodies: ExportRequest[]; contentTypes: string[]; close(): Promise<void> }> {
  const bodies: ExportRequest[] = [];
  const contentTypes: string[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((done) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => done(text));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((text) => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        contentTypes.push(String(req.headers['content-type']));
        bodies.push(JSON.parse(text) as ExportRequest);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, bodies, contentTypes, close: () => new Promise((r) => server.close(() => r())) };
}

const attr = (s: { attributes?: Array<{ key: string; value: OtlpValue }> }, key: string): string | undefined => {
  const v = s.attributes?.find((a) => a.key === key)?.value;
  return v === undefined ? undefined : String(v.stringValue ?? v.intValue);
};

function spansOf(bodies: ExportRequest[]): Received[] {
  return bodies.flatMap((b) =>
    b.resourceSpans.flatMap((rs) => {
      const service = attr(rs.resource, 'service.name') ?? '?';
      return rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ ...s, service })));
    }),
  );
}

/** Flushes every tracer until the trace of the gateway's root span has no span without its parent, or the time is up. */
async function completeTrace(bodies: ExportRequest[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await flushTraces();
    const all = spansOf(bodies);
    const root = all.find((s) => s.service === 'gateway' && s.name === 'POST /api/v1/reports');
    const ids = new Set(all.map((s) => s.spanId));
    const dangling = root ? all.filter((s) => s.traceId === root.traceId && s !== root && !ids.has(s.parentSpanId ?? '')) : [];
    if ((root && !dangling.length) || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('traces across the gateway, the services and the report worker', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let p: TestPlatform;
  let worker: RunningWorker;
  let analyst: ApiClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    p = await startPlatform(['budget-analysis', 'reporting'], otel, otel);
    worker = await startReportWorker(p, otel);
    analyst = p.api.withKey((await p.admin.post('/api/v1/api-keys', { name: 'tracing analyst', role: 'analyst', organization: 'kse-institute' })).body.key);
  }, 120000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
    await receiver?.close();
  });

  it('exports one trace per request: gateway → reporting → report worker → budget-analysis, each span a child of the one that caused it', async () => {
    const accepted = await analyst.post('/api/v1/reports', { type: 'budget-brief', budgetCode: SHATSK_BUDGET, period: '2022' });
    expect(accepted.status).toBe(202);
    const correlationId = accepted.headers.get('x-correlation-id');
    const done = await untilFinished(analyst, accepted.headers.get('location')!);
    expect(['completed', 'partial']).toContain(done.body.status);

    // A span is exported when it ends, and the job's span ends only after the run is seen as finished (the
    // status is stored inside the job): flush until every exported span of the trace has its parent or 15 s pass.
    await completeTrace(receiver.bodies, 15000);
    expect(receiver.contentTypes.length).toBeGreaterThan(0);
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    const all = spansOf(receiver.bodies);

    // The request's span at the gateway: named by the route template, with the reply's status.
    const roots = all.filter((s) => s.service === 'gateway' && s.name === 'POST /api/v1/reports');
    expect(roots).toHaveLength(1);
    const root = roots[0];
    expect(root).toMatchObject({ kind: KIND.SERVER });
    expect(root.parentSpanId ?? '').toBe('');
    expect(attr(root, 'http.route')).toBe('/api/v1/reports');
    expect(attr(root, 'http.response.status_code')).toBe('202');
    expect(attr(root, 'vidnova.correlation_id')).toBe(correlationId);

    const trace = all.filter((s) => s.traceId === root.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const parentOf = (s: Received) => byId.get(s.parentSpanId ?? '');
    // Every span but the root has its parent in the same trace: nothing dangles, nothing starts a trace of its own.
    for (const s of trace) if (s !== root) expect(parentOf(s)).toBeDefined();

    // gateway → (bus call) → reporting's handler, which queued the job.
    const create = trace.filter((s) => s.service === 'reporting' && s.kind === KIND.SERVER);
    expect(create).toHaveLength(1);
    const createSubject = REPORTING_OPS.reportCreate.subject;
    expect(create[0].name).toBe(createSubject);
    expect(attr(create[0], 'vidnova.correlation_id')).toBe(correlationId);
    const call = parentOf(create[0])!;
    expect(call).toMatchObject({ service: 'gateway', kind: KIND.CLIENT, name: createSubject });
    expect(parentOf(call)).toBe(root);

    // The report job in the worker continues the trace of the request that queued it.
    const jobs = trace.filter((s) => s.service === 'reporting-worker' && s.kind === KIND.CONSUMER);
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    for (const j of jobs) expect(parentOf(j)).toBe(create[0]);

    // The worker asks budget-analysis over the bus: its calls are children of the job, budget-analysis's handlers of those calls.
    const budget = trace.filter((s) => s.service === 'budget-analysis');
    expect(budget.length).toBeGreaterThanOrEqual(1);
    for (const b of budget) {
      expect(b.kind).toBe(KIND.SERVER);
      expect(b.name).toMatch(/^budget\./);
      const asked = parentOf(b)!;
      expect(asked).toMatchObject({ service: 'reporting-worker', kind: KIND.CLIENT, name: b.name });
      expect(jobs).toContain(parentOf(asked));
    }
    expect(new Set(trace.map((s) => s.service))).toEqual(new Set(['gateway', 'reporting', 'reporting-worker', 'budget-analysis']));

    // The trace as exported (OTLP JSON, one resource per service), for the operators' docs and the closing note.
    const sample = {
      resourceSpans: receiver.bodies.flatMap((b) =>
        b.resourceSpans
          .map((rs) => ({ ...rs, scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.filter((s) => s.traceId === root.traceId) })).filter((ss) => ss.spans.length) }))
          .filter((rs) => rs.scopeSpans.length),
      ),
    };
    const out = resolve(__dirname, '../../.vidnova');
    mkdirSync(out, { recursive: true });
    writeFileSync(resolve(out, 'trace-sample.json'), `${JSON.stringify(sample, null, 2)}\n`);
  });
});

describe('traces without an OTLP endpoint', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let p: TestPlatform;

  beforeAll(async () => {
    receiver = await startReceiver();
    p = await startPlatform(['budget-analysis']);
  }, 120000);
  afterAll(async () => {
    await p?.stop();
    await receiver?.close();
  });

  it('exports nothing and still answers with the correlation id', async () => {
    const res = await p.admin.get(`/api/v1/budget/budgets/${SHATSK_BUDGET}/summary?year=2022`);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
    expect(Tracing.of('gateway').enabled).toBe(false);
    expect(Tracing.of('budget-analysis').enabled).toBe(false);
    await flushTraces();
    expect(receiver.bodies).toEqual([]);
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BUDGET_OPS,
  CONSULTATIONS_OPS,
  DIALOGUE_EVENTS_OPS,
  DIASPORA_OPS,
  ENTERPRISE_EFFICIENCY_OPS,
  Operation,
  REPORTING_OPS,
} from '@vidnova/contracts';
import { RunningWorker } from '@vidnova/reporting';
import { dataDir, Exposition, exposedNames, parsePrometheus, sampleSum, samplesOf } from '@vidnova/testing';
import { startPlatform, TestPlatform, untilImported } from './platform';
import { startReportWorker } from './reporting-support';

/**
 * Metrics everywhere: a request through the gateway shows on the /metrics of the service that handled
 * it (counter, latency histogram), every service and the report worker expose their process, MongoDB
 * and (where they have one) queue metrics, and every metric the Grafana dashboard asks for is one
 * some process actually exposes. Scrapes are read with libs/testing's own exposition parser.
 */
const ROOT = resolve(__dirname, '../..');
const DASHBOARD = join(ROOT, 'deploy/grafana/vidnova-dashboard.json');
const SERVICES = ['diaspora-registry', 'consultations', 'budget-analysis', 'enterprise-efficiency', 'reporting', 'dialogue-events'];
const SHATSK = 'UA07060450000051170';
/** The real UNHCR table plus one row that contradicts its first (refused by the import). */
const CSV = readFileSync(join(dataDir(), 'diaspora/unhcr_refugees_from_ukraine_by_country_monthly_ONEcampaign.csv'), 'utf8').trimEnd();
const DATA_ROWS = CSV.split('\n').length - 1;
const UPLOAD = `${CSV}\n${CSV.split('\n')[1].replace('NZL,New Zealand,03-2022,4000,', 'NZL,New Zealand,03-2022,4001,')}\n`;

/** One read per service through the gateway, and the operation it reaches. */
const CALLS: Array<{ service: string; path: string; op: Operation<unknown, unknown> }> = [
  { service: 'diaspora-registry', path: '/api/v1/diaspora/organizations', op: DIASPORA_OPS.organizationList },
  { service: 'consultations', path: '/api/v1/consultations', op: CONSULTATIONS_OPS.consultationList },
  { service: 'budget-analysis', path: `/api/v1/budget/budgets/${SHATSK}/summary?year=2022&period=2022-12`, op: BUDGET_OPS.summary },
  { service: 'enterprise-efficiency', path: '/api/v1/enterprises', op: ENTERPRISE_EFFICIENCY_OPS.enterpriseList },
  { service: 'reporting', path: '/api/v1/reports', op: REPORTING_OPS.reportList },
  { service: 'dialogue-events', path: '/api/v1/dialogue/events', op: DIALOGUE_EVENTS_OPS.eventList },
];

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the metrics did not show it in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scrape(baseUrl: string): Promise<{ text: string; exp: Exposition }> {
  const res = await fetch(`${baseUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, exp: parsePrometheus(text) };
}

/**
 * The metric names a PromQL expression reads: what is left once strings, label matchers, ranges,
 * grouping clauses, functions and keywords are taken out. (Grafana's `label_values(metric, label)`
 * reads `metric`.)
 */
export function promqlMetricNames(expr: string): string[] {
  const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);
  const stripped = expr
    .replace(/label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,[^)]*\)/g, ' $1 ')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  // An identifier not inside another token (a number, a $variable) and not called (a function).
  for (const m of stripped.matchAll(/(?<![a-zA-Z0-9_:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])(?!\s*\()/g)) {
    if (!KEYWORDS.has(m[1].toLowerCase())) names.add(m[1]);
  }
  return [...names];
}

describe('metrics on every service, the worker and the gateway', () => {
  let p: TestPlatform;
  let worker: RunningWorker;
  const before: Record<string, Exposition> = {};
  const after: Record<string, { text: string; exp: Exposition }> = {};
  const url = (service: string) => p.services[service][0].healthUrl;

  beforeAll(async () => {
    p = await startPlatform(SERVICES);
    worker = await startReportWorker(p);
    for (const s of SERVICES) before[s] = (await scrape(url(s))).exp;

    for (const c of CALLS) {
      const r = await p.admin.get(c.path);
      // The budget has no figures in this fresh database: a 404 from the service is still a handled request.
      expect([200, 404]).toContain(r.status);
    }
    // An error answered by a service: a problem with status and code.
    expect((await p.admin.get('/api/v1/diaspora/organizations/65f000000000000000000000')).status).toBe(404);
    // An import and a queue job.
    expect(UPLOAD).not.toBe(`${CSV}\n${CSV.split('\n')[1]}\n`);
    const imported = await untilImported(p.admin, await p.admin.request('POST', '/api/v1/diaspora/host-country-statistics/import', UPLOAD, { 'content-type': 'text/csv' }));
    expect(imported.body).toMatchObject({ status: 'completed', rejectedCount: 1 });
    expect((await p.admin.post('/api/v1/dialogue/commitments/overdue-run', {})).status).toBe(200);
    // Both finish in the background of their reply (the job's local event, the import's last count): let them land.
    await until(async () => sampleSum((await scrape(url('dialogue-events'))).exp, 'vidnova_queue_job_duration_seconds_count', { queue: 'dialogue-overdue' }) === 1);
    await until(async () => sampleSum((await scrape(url('diaspora-registry'))).exp, 'vidnova_imports_total', { kind: 'host-stats' }) === 1);

    for (const s of SERVICES) after[s] = await scrape(url(s));
    after['reporting-worker'] = await scrape(worker.healthUrl);
    after.gateway = await scrape(p.gateway.url);
    mkdirSync(join(ROOT, '.vidnova'), { recursive: true });
    writeFileSync(join(ROOT, '.vidnova/metrics-sample.txt'), after['diaspora-registry'].text);
  }, 180000);
  afterAll(async () => {
    await worker?.stop();
    await p?.stop();
  });

  it.each(CALLS)('counts and times $op.subject on $service after one request through the gateway', ({ service, op }) => {
    const labels = { operation: op.subject, service };
    const { exp } = after[service];
    expect(sampleSum(exp, 'vidnova_bus_requests_total', labels) - sampleSum(before[service], 'vidnova_bus_requests_total', labels)).toBe(1);
    expect(exp.types.get('vidnova_bus_request_duration_seconds')).toBe('histogram');
    const count = sampleSum(exp, 'vidnova_bus_request_duration_seconds_count', labels);
    expect(count - sampleSum(before[service], 'vidnova_bus_request_duration_seconds_count', labels)).toBe(1);
    expect(sampleSum(exp, 'vidnova_bus_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(count);
    // Only this service's own handlers are in its scrape.
    expect(exp.samples.filter((s) => s.name === 'vidnova_bus_requests_total').every((s) => s.labels.service === service)).toBe(true);
  });

  it('counts an error reply by problem status and code', () => {
    const { exp } = after['diaspora-registry'];
    expect(sampleSum(exp, 'vidnova_bus_request_errors_total', { operation: DIASPORA_OPS.organizationGet.subject, status: '404', code: 'not_found' })).toBe(1);
  });

  it.each([...SERVICES, 'reporting-worker', 'gateway'])('%s exposes process and MongoDB pool and command metrics, labelled with its name', (service) => {
    const { exp } = after[service];
    expect(samplesOf(exp, 'process_resident_memory_bytes', { service })).toHaveLength(1);
    expect(samplesOf(exp, 'process_cpu_seconds_total', { service })).toHaveLength(1);
    expect(samplesOf(exp, 'vidnova_mongodb_pool_connections', { service, state: 'idle' })).toHaveLength(1);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_max_connections')).toBeGreaterThan(0);
    expect(sampleSum(exp, 'vidnova_mongodb_pool_events_total', { event: 'connection_created' })).toBeGreaterThan(0);
    const commands = samplesOf(exp, 'vidnova_mongodb_command_duration_seconds_count', { service });
    expect(commands.length).toBeGreaterThan(0);
    // Collections by name, never an id.
    for (const c of commands) expect(c.labels.collection).toMatch(/^([a-z_.-]+|-)$/i);
    expect(exp.samples.some((s) => Object.values(s.labels).some((v) => /[0-9a-f]{24}/.test(v)))).toBe(false);
  });

  it('times the reads of a service’s own collections', () => {
    const { exp } = after['diaspora-registry'];
    const reads = samplesOf(exp, 'vidnova_mongodb_command_duration_seconds_count', { command: 'find', outcome: 'ok' }).filter((s) => s.labels.collection !== '-');
    expect(reads.length).toBeGreaterThan(0);
  });

  it('shows the import’s progress (rows, rejections, bytes) and the upload on both sides of the object store', () => {
    const dataRows = DATA_ROWS;
    const { exp } = after['diaspora-registry'];
    const kind = { kind: 'host-stats' };
    expect(sampleSum(exp, 'vidnova_import_rows_read_total', kind)).toBe(dataRows + 1);
    expect(sampleSum(exp, 'vidnova_import_rows_rejected_total', kind)).toBe(1);
    expect(sampleSum(exp, 'vidnova_import_rows_accepted_total', kind)).toBe(dataRows);
    expect(sampleSum(exp, 'vidnova_imports_total', { ...kind, status: 'completed' })).toBe(1);
    expect(sampleSum(exp, 'vidnova_imports_in_progress', kind)).toBe(0);
    const stored = sampleSum(after.gateway.exp, 'vidnova_upload_bytes_total', { direction: 'stored', bucket: 'vidnova-uploads' });
    expect(stored).toBe(Buffer.byteLength(UPLOAD));
    expect(sampleSum(exp, 'vidnova_upload_bytes_total', { direction: 'read' })).toBe(stored);
    expect(sampleSum(exp, 'vidnova_import_bytes_read_total', kind)).toBe(stored);
  });

  it('shows BullMQ queues by state and job durations: the report worker’s queues and dialogue-events’ overdue job', () => {
    const w = after['reporting-worker'].exp;
    for (const queue of ['reports', 'webhook-deliveries'])
      for (const state of ['waiting', 'active', 'completed', 'failed', 'delayed']) expect(samplesOf(w, 'vidnova_queue_jobs', { queue, state, service: 'reporting-worker' })).toHaveLength(1);
    const d = after['dialogue-events'].exp;
    expect(sampleSum(d, 'vidnova_queue_job_duration_seconds_count', { queue: 'dialogue-overdue', outcome: 'completed' })).toBe(1);
    expect(sampleSum(d, 'vidnova_queue_jobs', { queue: 'dialogue-overdue', state: 'completed' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps the gateway’s HTTP metrics', () => {
    const { exp } = after.gateway;
    expect(sampleSum(exp, 'http_requests_total', { route: '/api/v1/diaspora/organizations', method: 'GET', status: '200', service: 'gateway' })).toBe(1);
    expect(exp.types.get('http_request_duration_seconds')).toBe('histogram');
  });

  it('the Grafana dashboard asks only for metrics some process exposes', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }>;
      templating: { list: Array<{ query?: string | { query: string } }> };
    };
    const exprs: string[] = [];
    for (const panel of dashboard.panels) {
      if (panel.type === 'row') continue;
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const t of panel.targets ?? []) exprs.push(t.expr);
    }
    for (const v of dashboard.templating.list) if (v.query) exprs.push(typeof v.query === 'string' ? v.query : v.query.query);
    const used = new Set(exprs.flatMap(promqlMetricNames));
    used.delete('prometheus'); // the datasource variable's plugin type, not a query
    const exposed = new Set(Object.values(after).flatMap(({ exp }) => [...exposedNames(exp)]));
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    // The dashboard covers each signal the operators' guide names.
    for (const name of ['vidnova_bus_requests_total', 'vidnova_bus_request_errors_total', 'vidnova_bus_request_duration_seconds_bucket', 'http_requests_total', 'vidnova_mongodb_pool_connections', 'vidnova_mongodb_command_duration_seconds_bucket', 'vidnova_queue_jobs', 'vidnova_queue_job_duration_seconds_bucket', 'process_resident_memory_bytes', 'process_cpu_seconds_total', 'vidnova_import_rows_read_total'])
      expect(used).toContain(name);
  });

  it('reads metric names out of PromQL as Prometheus would', () => {
    expect(promqlMetricNames('histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{status=~"5..", x="a{b}"}[$__rate_interval])))')).toEqual(['http_request_duration_seconds_bucket']);
    expect(promqlMetricNames('sum(rate(a_total[5m])) / on (service) group_left sum(b_total offset 1h) * 60')).toEqual(['a_total', 'b_total']);
    expect(promqlMetricNames('label_values(process_cpu_seconds_total, service)')).toEqual(['process_cpu_seconds_total']);
  });
});

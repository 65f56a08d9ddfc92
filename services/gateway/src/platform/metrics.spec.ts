import { Metrics } from '@vidnova/metrics';
import { HttpMetrics } from './metrics';

/** The sum of the samples named `name` with these labels, as prom-client reports them (JSON). */
async function sampleSum(m: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const samples = (await m.registry.getMetricsAsJSON()).flatMap((f) => f.values.map((v) => ({ name: (v as { metricName?: string }).metricName ?? f.name, labels: v.labels, value: v.value })));
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v)).reduce((n, s) => n + s.value, 0);
}

describe('HttpMetrics', () => {
  it('counts requests per method, route and status and fills cumulative histogram buckets', async () => {
    const registry = new Metrics('gateway');
    const m = new HttpMetrics(registry);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.003);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.2);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 404, 0.02);
    const exp = registry;
    const ok = { method: 'GET', route: '/api/v1/diaspora/organizations/:id', status: '200', service: 'gateway' };
    expect(await sampleSum(exp, 'http_requests_total', ok)).toBe(2);
    expect(await sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '0.005' })).toBe(1);
    expect(await sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '0.25' })).toBe(2);
    expect(await sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(2);
    expect(await sampleSum(exp, 'http_request_duration_seconds_sum', ok)).toBeCloseTo(0.203);
    expect(await sampleSum(exp, 'http_requests_total', { ...ok, status: '404' })).toBe(1);
    expect(await registry.render()).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
  });

  it('escapes quotes and backslashes in label values', async () => {
    const registry = new Metrics('gateway');
    new HttpMetrics(registry).observe('GET', 'a"b\\c', 200, 1);
    expect(await registry.render()).toContain('route="a\\"b\\\\c"');
    expect(await sampleSum(registry, 'http_requests_total', { route: 'a"b\\c' })).toBe(1);
  });
});

import { Metrics } from '@vidnova/metrics';
import { parsePrometheus, sampleSum } from '@vidnova/testing';
import { HttpMetrics } from './metrics';

describe('HttpMetrics', () => {
  it('counts requests per method, route and status and fills cumulative histogram buckets', async () => {
    const registry = new Metrics('gateway');
    const m = new HttpMetrics(registry);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.003);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.2);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 404, 0.02);
    const text = await registry.render();
    const exp = parsePrometheus(text);
    const ok = { method: 'GET', route: '/api/v1/diaspora/organizations/:id', status: '200', service: 'gateway' };
    expect(sampleSum(exp, 'http_requests_total', ok)).toBe(2);
    expect(sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '0.005' })).toBe(1);
    expect(sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '0.25' })).toBe(2);
    expect(sampleSum(exp, 'http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(2);
    expect(sampleSum(exp, 'http_request_duration_seconds_sum', ok)).toBeCloseTo(0.203);
    expect(sampleSum(exp, 'http_requests_total', { ...ok, status: '404' })).toBe(1);
    expect(exp.types.get('http_request_duration_seconds')).toBe('histogram');
  });

  it('escapes quotes and backslashes in label values', async () => {
    const registry = new Metrics('gateway');
    new HttpMetrics(registry).observe('GET', 'a"b\\c', 200, 1);
    expect(await registry.render()).toContain('route="a\\"b\\\\c"');
    expect(sampleSum(parsePrometheus(await registry.render()), 'http_requests_total', { route: 'a"b\\c' })).toBe(1);
  });
});

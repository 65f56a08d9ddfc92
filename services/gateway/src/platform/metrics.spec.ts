import { HttpMetrics } from './metrics';

describe('HttpMetrics', () => {
  it('counts requests per method, route and status and fills cumulative histogram buckets', () => {
    const m = new HttpMetrics();
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.003);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 200, 0.2);
    m.observe('GET', '/api/v1/diaspora/organizations/:id', 404, 0.02);
    const text = m.render();
    const labels = 'method="GET",route="/api/v1/diaspora/organizations/:id",status="200"';
    expect(text).toContain(`http_requests_total{${labels}} 2`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.005"} 1`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.25"} 2`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="+Inf"} 2`);
    expect(text).toContain(`http_request_duration_seconds_sum{${labels}} 0.203`);
    expect(text).toContain('http_requests_total{method="GET",route="/api/v1/diaspora/organizations/:id",status="404"} 1');
    expect(text).toMatch(/# TYPE http_request_duration_seconds histogram/);
  });

  it('escapes quotes and backslashes in label values', () => {
    const m = new HttpMetrics();
    m.observe('GET', 'a"b\\c', 200, 1);
    expect(m.render()).toContain('route="a\\"b\\\\c"');
  });
});

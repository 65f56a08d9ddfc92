import type { FastifyInstance } from 'fastify';

/**
 * A small Prometheus registry for the gateway's HTTP traffic: a request counter and a latency
 * histogram by method, route pattern and status. Hand-written (text exposition format 0.0.4) to keep
 * the gateway free of a metrics dependency; process metrics are left to the platform's node exporter.
 */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Series {
  labels: string;
  count: number;
  sum: number;
  buckets: number[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class HttpMetrics {
  private readonly series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
    let s = this.series.get(labels);
    if (!s) {
      s = { labels, count: 0, sum: 0, buckets: LATENCY_BUCKETS_SECONDS.map(() => 0) };
      this.series.set(labels, s);
    }
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) if (seconds <= LATENCY_BUCKETS_SECONDS[i]) s.buckets[i]++;
  }

  /** Prometheus text exposition. */
  render(): string {
    const all = [...this.series.values()].sort((a, b) => a.labels.localeCompare(b.labels));
    const lines = [
      '# HELP http_requests_total HTTP requests answered by the gateway.',
      '# TYPE http_requests_total counter',
      ...all.map((s) => `http_requests_total{${s.labels}} ${s.count}`),
      '# HELP http_request_duration_seconds Time from receiving a request to sending the reply.',
      '# TYPE http_request_duration_seconds histogram',
    ];
    for (const s of all) {
      LATENCY_BUCKETS_SECONDS.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket{${s.labels},le="${le}"} ${s.buckets[i]}`));
      lines.push(`http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      lines.push(`http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

/** Observes every reply and serves `GET /metrics` (no API key: scrape it from inside the network). */
export function installMetrics(fastify: FastifyInstance, metrics: HttpMetrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    // Unmatched paths share one label, so that scanners cannot blow up the series count.
    metrics.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  fastify.get('/metrics', (_req, reply) => reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(metrics.render()));
}

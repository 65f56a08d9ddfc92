import { Injectable } from '@nestjs/common';
import { HTTP_DURATION, HTTP_REQUESTS, Metrics } from '@vidnova/metrics';
import type { FastifyInstance } from 'fastify';

/**
 * The gateway's HTTP traffic on the gateway's prom-client registry (libs/metrics): a request counter
 * and a latency histogram by method, route pattern and status. `GET /metrics` itself is served by
 * libs/metrics' MetricsModule (through HealthModule), with the process, MongoDB and upload metrics.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests;
  private readonly duration;

  constructor(metrics: Metrics) {
    this.requests = metrics.counter(HTTP_REQUESTS);
    this.duration = metrics.histogram(HTTP_DURATION);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}

/** Observes every reply (scrapes of `/metrics` included). */
export function installMetrics(fastify: FastifyInstance, metrics: HttpMetrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    // Unmatched paths share one label, so that scanners cannot blow up the series count.
    metrics.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

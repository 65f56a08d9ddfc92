import { BUS_DURATION, BUS_ERRORS, BUS_REQUESTS } from './definitions';
import { Metrics } from './metrics';

/** Counts and times the bus requests a service handles (fed by libs/messaging's BusMetricsInterceptor). */
export class BusHandlerMeter {
  private readonly requests;
  private readonly errors;
  private readonly duration;

  constructor(metrics: Metrics) {
    this.requests = metrics.counter(BUS_REQUESTS);
    this.errors = metrics.counter(BUS_ERRORS);
    this.duration = metrics.histogram(BUS_DURATION);
  }

  /** One handled request: `error` is the problem status and code of an error reply. */
  observe(operation: string, seconds: number, error?: { status: number; code: string }): void {
    this.requests.inc({ operation });
    this.duration.observe({ operation, outcome: error ? 'error' : 'ok' }, seconds);
    if (error) this.errors.inc({ operation, status: String(error.status), code: error.code });
  }
}

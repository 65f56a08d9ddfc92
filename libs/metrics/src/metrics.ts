import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricDef } from './definitions';

type Made = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * The metrics of one service (one Nest application): its own prom-client registry, every series
 * labelled `service`, with Node's process metrics (CPU, memory, event loop, GC). One per application
 * rather than prom-client's global registry, so services booted in one process (the e2e tests) keep
 * their figures apart, exactly as separate processes do.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly made = new Map<string, Made>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(d: MetricDef<L>): Counter<L> {
    return this.make(d, () => new Counter<L>({ name: d.name, help: d.help, labelNames: d.labelNames, registers: [this.registry] })) as Counter<L>;
  }

  histogram<L extends string>(d: MetricDef<L>): Histogram<L> {
    return this.make(
      d,
      () => new Histogram<L>({ name: d.name, help: d.help, labelNames: d.labelNames, buckets: d.buckets ? [...d.buckets] : undefined, registers: [this.registry] }),
    ) as Histogram<L>;
  }

  /** `collect` (first call wins) runs at each scrape, to read a value from elsewhere (Redis, a pool). */
  gauge<L extends string>(d: MetricDef<L>, collect?: (gauge: Gauge<L>) => Promise<void> | void): Gauge<L> {
    return this.make(d, () => {
      const g: Gauge<L> = new Gauge<L>({
        name: d.name,
        help: d.help,
        labelNames: d.labelNames,
        registers: [this.registry],
        ...(collect ? { collect: () => collect(g) } : {}),
      });
      return g;
    }) as Gauge<L>;
  }

  /** Prometheus text exposition of everything above. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private make(d: MetricDef, create: () => Made): Made {
    let m = this.made.get(d.name);
    if (!m) this.made.set(d.name, (m = create()));
    return m;
  }
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricDef } from './definitions';

type Made = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * Node's process metrics, collected once per process: prom-client's collectors start an event-loop
 * delay monitor and a GC observer that are never stopped, so one set per application would pile up
 * where many applications come and go in one process (the e2e tests). Each service's scrape shows
 * them with its own `service` label (see `Metrics.render`).
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?( .*)$/;

/** Adds `service="…"` to every sample line of an exposition (label values here never hold braces). */
function withServiceLabel(text: string, service: string): string {
  const label = `service="${service.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return text
    .split('\n')
    .map((line) => {
      const m = line.startsWith('#') ? null : SAMPLE_LINE.exec(line);
      return m ? `${m[1]}{${m[2] ? `${m[2]},` : ''}${label}}${m[3]}` : line;
    })
    .join('\n');
}

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
    processMetrics();
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

  /** Prometheus text exposition: the process metrics, then everything above. */
  async render(): Promise<string> {
    const [proc, own] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return `${withServiceLabel(proc, this.service)}\n${own}`;
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

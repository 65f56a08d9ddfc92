/**
 * A small reader of the Prometheus text exposition format (0.0.4), written apart from prom-client so
 * the tests read what a scraper reads: `# TYPE` lines and samples `name{label="value",…} number`.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Metric family name → type (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

export function parsePrometheus(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      LABEL.lastIndex = 0;
      let l: RegExpExecArray | null;
      let end = 0;
      while ((l = LABEL.exec(m[2]))) {
        labels[l[1]] = l[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        end = LABEL.lastIndex;
      }
      if (end !== m[2].length) throw new Error(`unreadable labels in: ${line}`);
    }
    // As Prometheus reads it (Go's ParseFloat): Inf and NaN in any case (prom-client writes `Nan`).
    const v = m[3].toLowerCase();
    const value = v === '+inf' || v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : Number(m[3]);
    if (Number.isNaN(value) && v !== 'nan') throw new Error(`not a number in: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return { types, samples };
}

/** The samples named `name` whose labels include every one of `labels`. */
export function samplesOf(exp: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exp.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The sum of those samples (0 when there are none). */
export function sampleSum(exp: Exposition, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(exp, name, labels).reduce((n, s) => n + s.value, 0);
}

/** Every metric family name a scrape exposes, with its histogram/summary series names (`_bucket`, `_sum`, `_count`). */
export function exposedNames(exp: Exposition): Set<string> {
  const names = new Set<string>(exp.types.keys());
  for (const s of exp.samples) names.add(s.name);
  return names;
}

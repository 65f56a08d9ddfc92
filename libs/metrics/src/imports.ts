import { IMPORT_BYTES, IMPORT_ROWS_ACCEPTED, IMPORT_ROWS_READ, IMPORT_ROWS_REJECTED, IMPORTS_FINISHED, IMPORTS_RUNNING, UPLOAD_BYTES, UPLOADS } from './definitions';
import { Metrics } from './metrics';

/** The running totals an import keeps for its ImportReport (libs/contracts imports.ts). */
export interface ImportTally {
  rowsRead: number;
  accepted: number;
  rejectedCount: number;
  bytesRead?: number;
}

/**
 * The progress of one import as metrics. Each import path already keeps running totals for its
 * import record; it hands the same totals here (`progress`, then `finish`), and the counters move by
 * the difference — so a path cannot count a row twice, however often it reports. No-op without metrics.
 */
export class ImportMeter {
  private last = { rowsRead: 0, accepted: 0, rejectedCount: 0, bytesRead: 0 };
  private done = false;

  constructor(
    private readonly metrics: Metrics | undefined,
    private readonly kind: string,
  ) {
    metrics?.gauge(IMPORTS_RUNNING).inc({ kind });
  }

  progress(t: ImportTally): void {
    const m = this.metrics;
    if (!m) return;
    const next = { rowsRead: t.rowsRead, accepted: t.accepted, rejectedCount: t.rejectedCount, bytesRead: t.bytesRead ?? this.last.bytesRead };
    const labels = { kind: this.kind };
    const add = (counter: ReturnType<Metrics['counter']>, field: keyof typeof next) => {
      const delta = next[field] - this.last[field];
      if (delta > 0) counter.inc(labels, delta);
    };
    add(m.counter(IMPORT_ROWS_READ), 'rowsRead');
    add(m.counter(IMPORT_ROWS_ACCEPTED), 'accepted');
    add(m.counter(IMPORT_ROWS_REJECTED), 'rejectedCount');
    add(m.counter(IMPORT_BYTES), 'bytesRead');
    this.last = { ...next };
  }

  /** The import has ended (its record says so); the final totals, when given, are counted first. */
  finish(status: 'completed' | 'failed', t?: ImportTally): void {
    if (t) this.progress(t);
    if (this.done || !this.metrics) return;
    this.done = true;
    this.metrics.gauge(IMPORTS_RUNNING).dec({ kind: this.kind });
    this.metrics.counter(IMPORTS_FINISHED).inc({ kind: this.kind, status });
  }
}

export type UploadOutcome = 'stored' | 'too_large' | 'store_full' | 'failed';

/** Bytes in and out of one object-store bucket (libs/messaging UploadStore). */
export class UploadMeter {
  constructor(
    private readonly metrics: Metrics,
    /** The bucket's name without the bus namespace (bounded). */
    private readonly bucket: string,
  ) {}

  stored(outcome: UploadOutcome, bytes: number): void {
    this.metrics.counter(UPLOADS).inc({ bucket: this.bucket, outcome });
    if (outcome === 'stored') this.metrics.counter(UPLOAD_BYTES).inc({ bucket: this.bucket, direction: 'stored' }, bytes);
  }

  read(bytes: number): void {
    this.metrics.counter(UPLOAD_BYTES).inc({ bucket: this.bucket, direction: 'read' }, bytes);
  }
}

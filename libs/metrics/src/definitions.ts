/**
 * Every metric a Vidnova process exposes, defined once (name, help, labels, buckets). The meters in
 * this library fill them; the dashboard (deploy/grafana/) and docs/operations.md read these names.
 * Label values are bounded: operation subjects, collection and command names, queue names, import
 * kinds, status codes — never an id, a path with ids, or anything a caller chooses freely.
 */
export interface MetricDef<L extends string = string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** Histograms only. */
  buckets?: readonly number[];
}

const def = <L extends string>(d: MetricDef<L>): MetricDef<L> => d;

/** Latency buckets (seconds) for bus handlers, HTTP and database commands: 1 ms … 30 s. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** Job duration buckets (seconds): a quick daily job to a long PDF report. */
export const JOB_DURATION_BUCKETS_SECONDS = [0.05, 0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300] as const;

// Bus handlers (libs/messaging BusMetricsInterceptor): one series per operation subject.
export const BUS_REQUESTS = def({
  name: 'vidnova_bus_requests_total',
  help: 'Bus requests handled, by operation subject (answered or not).',
  labelNames: ['operation'],
});
export const BUS_ERRORS = def({
  name: 'vidnova_bus_request_errors_total',
  help: 'Bus requests answered with an error envelope, by operation, problem status and problem code.',
  labelNames: ['operation', 'status', 'code'],
});
export const BUS_DURATION = def({
  name: 'vidnova_bus_request_duration_seconds',
  help: 'Time from a bus request reaching its handler to the reply (or error), by operation and outcome (ok, error).',
  labelNames: ['operation', 'outcome'],
  buckets: LATENCY_BUCKETS_SECONDS,
});

// MongoDB (libs/mongo): the driver's connection pool (CMAP) and command monitoring events.
export const MONGO_POOL_CONNECTIONS = def({
  name: 'vidnova_mongodb_pool_connections',
  help: 'Connections in the MongoDB driver pool, by state (idle, in_use).',
  labelNames: ['state'],
});
export const MONGO_POOL_WAITING = def({
  name: 'vidnova_mongodb_pool_waiting_checkouts',
  help: 'Operations waiting for a pool connection.',
  labelNames: [],
});
export const MONGO_POOL_MAX = def({
  name: 'vidnova_mongodb_pool_max_connections',
  help: 'Largest size the pools may grow to (maxPoolSize, summed over servers).',
  labelNames: [],
});
export const MONGO_POOL_EVENTS = def({
  name: 'vidnova_mongodb_pool_events_total',
  help: 'Pool events: connection created or closed, checkout failed, pool cleared.',
  labelNames: ['event'],
});
export const MONGO_COMMAND_DURATION = def({
  name: 'vidnova_mongodb_command_duration_seconds',
  help: 'MongoDB command round trips as the driver measures them, by collection, command and outcome (ok, error).',
  labelNames: ['collection', 'command', 'outcome'],
  buckets: LATENCY_BUCKETS_SECONDS,
});

// Uploads (libs/messaging UploadStore) and imports (every ImportReport path).
export const UPLOAD_BYTES = def({
  name: 'vidnova_upload_bytes_total',
  help: 'Bytes streamed into (stored) or out of (read) the object store, by bucket.',
  labelNames: ['bucket', 'direction'],
});
export const UPLOADS = def({
  name: 'vidnova_uploads_total',
  help: 'Uploads streamed into the object store, by bucket and outcome (stored, too_large, store_full, failed).',
  labelNames: ['bucket', 'outcome'],
});
export const IMPORT_BYTES = def({
  name: 'vidnova_import_bytes_read_total',
  help: 'Bytes of uploaded files read by imports, by kind of import.',
  labelNames: ['kind'],
});
export const IMPORT_ROWS_READ = def({
  name: 'vidnova_import_rows_read_total',
  help: 'Data rows (or records) read by imports, by kind.',
  labelNames: ['kind'],
});
export const IMPORT_ROWS_ACCEPTED = def({
  name: 'vidnova_import_rows_accepted_total',
  help: 'Rows stored by imports, by kind.',
  labelNames: ['kind'],
});
export const IMPORT_ROWS_REJECTED = def({
  name: 'vidnova_import_rows_rejected_total',
  help: 'Rows refused by imports (with a line and reason in the import report), by kind.',
  labelNames: ['kind'],
});
export const IMPORTS_FINISHED = def({
  name: 'vidnova_imports_total',
  help: 'Imports finished, by kind and status (completed, failed).',
  labelNames: ['kind', 'status'],
});
export const IMPORTS_RUNNING = def({
  name: 'vidnova_imports_in_progress',
  help: 'Imports being read now, by kind.',
  labelNames: ['kind'],
});

// BullMQ (reporting worker, dialogue-events' overdue job).
export const QUEUE_JOBS = def({
  name: 'vidnova_queue_jobs',
  help: 'Jobs in the queue by state, as Redis holds them (every process watching a queue reports the whole queue).',
  labelNames: ['queue', 'state'],
});
export const QUEUE_JOB_DURATION = def({
  name: 'vidnova_queue_job_duration_seconds',
  help: 'Time from a job being taken to it finishing, in this process, by queue and outcome (completed, failed).',
  labelNames: ['queue', 'outcome'],
  buckets: JOB_DURATION_BUCKETS_SECONDS,
});

// Gateway HTTP (services/gateway platform/metrics.ts).
export const HTTP_REQUESTS = def({
  name: 'http_requests_total',
  help: 'HTTP requests answered by the gateway, by method, route pattern and status.',
  labelNames: ['method', 'route', 'status'],
});
export const HTTP_DURATION = def({
  name: 'http_request_duration_seconds',
  help: 'Time from receiving a request to sending the reply, by method, route pattern and status.',
  labelNames: ['method', 'route', 'status'],
  buckets: LATENCY_BUCKETS_SECONDS,
});

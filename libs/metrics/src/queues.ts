import type { Job, Queue, Worker } from 'bullmq';
import { QUEUE_JOB_DURATION, QUEUE_JOBS } from './definitions';
import { Metrics } from './metrics';

/** The states a queue reports (BullMQ's getJobCounts). */
export const QUEUE_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children'] as const;

/** A scrape does not wait longer than this for Redis (a scrape while Redis is down must still answer). */
const COUNT_TIMEOUT_MS = 1000;

const watched = new WeakMap<Metrics, Map<string, Pick<Queue, 'getJobCounts'>>>();

/**
 * Reports the jobs of `queue` by state at each scrape, read from Redis (so every process watching a
 * queue reports the whole queue). `name` is the queue's name without the bus namespace.
 */
export function watchQueue(metrics: Metrics, name: string, queue: Pick<Queue, 'getJobCounts'>): void {
  let queues = watched.get(metrics);
  if (!queues) watched.set(metrics, (queues = new Map()));
  queues.set(name, queue);
  const all = queues;
  metrics.gauge(QUEUE_JOBS, async (gauge) => {
    await Promise.all(
      [...all].map(async ([q, source]) => {
        const counts = await Promise.race([
          source.getJobCounts(...QUEUE_STATES).catch(() => undefined),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), COUNT_TIMEOUT_MS).unref()),
        ]);
        // Unknown now (Redis away): no figure rather than a stale one.
        if (!counts) for (const state of QUEUE_STATES) gauge.remove({ queue: q, state });
        else for (const state of QUEUE_STATES) gauge.set({ queue: q, state }, counts[state] ?? 0);
      }),
    );
  });
}

/** Times the jobs `worker` finishes, by queue and outcome. */
export function observeJobs(metrics: Metrics, name: string, worker: Pick<Worker, 'on'>): void {
  const durations = metrics.histogram(QUEUE_JOB_DURATION);
  const observe = (job: Job | undefined, outcome: 'completed' | 'failed') => {
    if (job?.processedOn) durations.observe({ queue: name, outcome }, Math.max(0, (job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  };
  worker.on('completed', (job: Job) => observe(job, 'completed'));
  worker.on('failed', (job: Job | undefined) => observe(job, 'failed'));
}

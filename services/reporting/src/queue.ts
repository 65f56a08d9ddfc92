import { QUEUE_KEY_PREFIX, REPORTING_QUEUES } from '@vidnova/contracts';
import { busName } from '@vidnova/messaging';
import { TraceCarrier } from '@vidnova/telemetry';
import { Queue, QueueOptions } from 'bullmq';
import IORedis from 'ioredis';

/** The BullMQ queue of report runs (one queue, any number of workers). */
export const REPORT_QUEUE = REPORTING_QUEUES.reports;

/** What a job carries: only the run and its revision; everything else is in the run record. */
export interface ReportJobData {
  runId: string;
  revision: number;
  /** The trace of the request that queued it (libs/telemetry), when traced. */
  trace?: TraceCarrier;
}

/**
 * Key prefix of the queue in Redis: namespaced like the bus (VIDNOVA_BUS_NAMESPACE), so a test run
 * beside `npm start` on one Redis never takes the other's jobs.
 */
export function queuePrefix(): string {
  return busName(QUEUE_KEY_PREFIX);
}

/** A Redis connection for BullMQ (workers need `maxRetriesPerRequest: null`). */
export function redisConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export function reportQueue(connection: IORedis, opts: Partial<QueueOptions> = {}): Queue<ReportJobData | ScheduleJobData> {
  return new Queue<ReportJobData | ScheduleJobData>(REPORT_QUEUE, { connection, prefix: queuePrefix(), ...opts });
}

/** A job a schedule's job scheduler adds each time it fires (job name `scheduled`). */
export interface ScheduleJobData {
  scheduleId: string;
}

export const SCHEDULED_JOB = 'scheduled';

/** The BullMQ job scheduler id of a schedule: upserting it again (another process, a restart) changes nothing. */
export const schedulerId = (scheduleId: string) => `schedule-${scheduleId}`;

/**
 * The BullMQ job id of one revision of a run: adding it twice is a no-op. The revision's request time is
 * part of it because run ids are deterministic (type, subject, period) and Redis keeps finished jobs for
 * days: a run created anew in an empty or restored reports database would otherwise find the finished
 * job of its namesake and never be built.
 */
export const jobId = (runId: string, revision: number, requestedAt: Date) => `${runId}-r${revision}-${requestedAt.getTime()}`;

/** The queue of webhook deliveries (consumed by the report workers). */
export const WEBHOOK_QUEUE = REPORTING_QUEUES.webhooks;

export interface DeliveryJobData {
  deliveryId: string;
  trace?: TraceCarrier;
}

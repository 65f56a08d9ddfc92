import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { busName } from '@vidnova/messaging';
import { Metrics, observeJobs, watchQueue } from '@vidnova/metrics';
import { inJobSpan, jobTrace, TraceCarrier, Tracing } from '@vidnova/telemetry';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { DialogueEventsConfig } from '../config';
import { dayIn } from '../platform/who';
import { COMMITMENT_TIME_ZONE, OutcomesService } from './outcomes.service';

interface OverdueJobData {
  /** The day (YYYY-MM-DD, Europe/Kyiv) to mark for; the scheduled run uses the day it runs on. */
  day?: string;
  /** The trace of the request that asked for it (runNow), when traced. */
  trace?: TraceCarrier;
}
type OverdueResult = { day: string; marked: number; commitmentIds: string[] };

const JOB = 'mark-overdue';
/** The queue's name without the bus namespace (its metrics label). */
const QUEUE = 'dialogue-overdue';

/**
 * The daily overdue job on BullMQ (Redis): a job scheduler fires it at OVERDUE_CRON in Europe/Kyiv;
 * whichever instance's worker takes it does the work once. `runNow()` puts the same job on the queue
 * and waits for it (the admin route and the tests use it; nobody waits for midnight).
 */
@Injectable()
export class OverdueJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueJob.name);
  private queue?: Queue<OverdueJobData, OverdueResult>;
  private worker?: Worker<OverdueJobData, OverdueResult>;
  private events?: QueueEvents;

  constructor(
    private readonly config: DialogueEventsConfig,
    private readonly outcomes: OutcomesService,
    private readonly metrics: Metrics,
  ) {}

  private get name(): string {
    return busName(QUEUE);
  }

  private connection() {
    const url = new URL(this.config.REDIS_URL);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      // BullMQ's blocking connections need this.
      maxRetriesPerRequest: null,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.OVERDUE_JOB_ENABLED) return;
    this.queue = new Queue<OverdueJobData, OverdueResult>(this.name, { connection: this.connection() });
    const tracing = Tracing.of(this.config.SERVICE_NAME);
    const mark = (job: Job<OverdueJobData>) => this.outcomes.markOverdue(job.data.day ?? dayIn(COMMITMENT_TIME_ZONE));
    this.worker = new Worker<OverdueJobData, OverdueResult>(this.name, (job: Job<OverdueJobData>) => inJobSpan(tracing, this.name, job, () => mark(job)), {
      connection: this.connection(),
      concurrency: 1,
    });
    this.worker.on('failed', (job, err) => this.logger.warn(`overdue job ${job?.id} failed: ${err.message}`));
    watchQueue(this.metrics, QUEUE, this.queue);
    observeJobs(this.metrics, QUEUE, this.worker);
    await this.queue.upsertJobScheduler('daily-overdue', { pattern: this.config.OVERDUE_CRON, tz: COMMITMENT_TIME_ZONE }, { name: JOB, data: {} });
  }

  /** Runs the job now (through the queue) and answers what it marked. */
  async runNow(day?: string): Promise<OverdueResult> {
    if (!this.queue) throw new Error('the overdue job is disabled on this instance (OVERDUE_JOB_ENABLED=false)');
    this.events ??= new QueueEvents(this.name, { connection: this.connection() });
    await this.events.waitUntilReady();
    const job = await this.queue.add(JOB, { ...(day ? { day } : {}), ...jobTrace() }, { removeOnComplete: 100, removeOnFail: 100 });
    return job.waitUntilFinished(this.events, 60_000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
    await this.events?.close().catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { REPORT_LANGS, ReportFormat, ReportLang } from '@vidnova/contracts';
import { HealthRegistry } from '@vidnova/health';
import { Metrics, observeJobs } from '@vidnova/metrics';
import { BusClient, UploadStore } from '@vidnova/messaging';
import { inJobSpan, Tracing } from '@vidnova/telemetry';
import { Job, Worker } from 'bullmq';
import { createHash } from 'node:crypto';
import { ReportingConfig } from '../config';
import { queuePrefix, redisConnection, REPORT_QUEUE, ReportJobData, SCHEDULED_JOB, ScheduleJobData } from '../queue';
import { ReportsService, toView } from '../reports/reports.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { lastCompletePeriod } from '../schedules/period';
import { SchedulesService } from '../schedules/schedules.service';
import { ReportsRepository } from '../reports/reports.repository';
import { StoredContent } from '../reports/run.schema';
import { buildReport } from './build';
import { renderCsv } from './render/csv';
import { renderHtml } from './render/html';
import { PdfPrinter } from './render/pdf';
import { REPORT_STORE } from './report-store';
import { workerName } from './worker-name';

export const WORKER_BUS = Symbol('WORKER_BUS');

const TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Consumes the report queue: builds a run from its sources, renders JSON, CSV, HTML and PDF (uk and
 * en), stores them in the object store under names fixed by run and revision, then marks the run.
 * A job run twice (a retry, or another worker taking over from one that was killed) writes the same
 * objects again and the same single run record: one stored report either way.
 */
@Injectable()
export class ReportProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ReportProcessor');
  private worker?: Worker<ReportJobData | ScheduleJobData>;
  private readonly printer: PdfPrinter;

  constructor(
    private readonly config: ReportingConfig,
    private readonly runs: ReportsRepository,
    @Inject(WORKER_BUS) private readonly bus: BusClient,
    @Inject(REPORT_STORE) private readonly store: UploadStore,
    private readonly health: HealthRegistry,
    private readonly reports: ReportsService,
    private readonly schedules: SchedulesService,
    private readonly webhooks: WebhooksService,
    private readonly metrics: Metrics,
  ) {
    this.printer = new PdfPrinter(config.CHROMIUM_PATH);
  }

  onApplicationBootstrap(): void {
    const connection = redisConnection(this.config.REDIS_URL);
    connection.on('error', () => undefined);
    this.health.register('redis', async () => {
      if ((await connection.ping()) !== 'PONG') throw new Error('no PONG');
    });
    // Each job in a span of the worker's tracing, continuing the trace of the request that queued it.
    const tracing = Tracing.of(workerName(this.config));
    const run = (job: Job<ReportJobData | ScheduleJobData>) => (job.name === SCHEDULED_JOB ? this.fire(job as Job<ScheduleJobData>) : this.process(job as Job<ReportJobData>));
    this.worker = new Worker<ReportJobData | ScheduleJobData>(REPORT_QUEUE, (job) => inJobSpan(tracing, REPORT_QUEUE, job, () => run(job)), {
      connection,
      prefix: queuePrefix(),
      concurrency: this.config.WORKER_CONCURRENCY,
      lockDuration: this.config.REPORT_LOCK_MS,
      stalledInterval: Math.max(500, Math.floor(this.config.REPORT_LOCK_MS / 2)),
      maxStalledCount: 2,
    });
    this.worker.on('error', (e) => this.log.warn(`queue: ${e.message}`));
    this.worker.on('failed', (job, e) => {
      this.log.warn(`job ${job?.id} attempt ${job?.attemptsMade} failed: ${e.message}`);
    });
    observeJobs(this.metrics, REPORT_QUEUE, this.worker);
  }

  /** Stops taking jobs and waits for the running ones to finish (graceful shutdown). */
  async stop(): Promise<void> {
    await this.worker?.close();
    await this.printer.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * A schedule fired: queue the run of the last complete period (in the schedule's time zone) through
   * the same path as POST /api/v1/reports. The run id is fixed by type, subject and period, so a
   * schedule that fires twice for one period (or two workers taking the same job) queues one run.
   */
  async fire(job: Job<ScheduleJobData>): Promise<string> {
    const s = await this.schedules.load(job.data.scheduleId).catch(() => null);
    if (!s) return 'schedule deleted';
    const firedAt = new Date(job.timestamp + (job.delay ?? 0));
    const period = lastCompletePeriod(firedAt, s.timezone, s.periodicity);
    const run = await this.reports.create(
      { type: s.type, ...(s.community ? { community: s.community } : {}), ...(s.oblast ? { oblast: s.oblast } : {}), ...(s.budgetCode ? { budgetCode: s.budgetCode } : {}), ...(s.country ? { country: s.country } : {}), period, lang: s.lang },
      undefined,
      { requestedBy: `schedule:${s._id.toHexString()}`, ...(s.owner ? { owner: s.owner } : {}) },
    );
    return run.id;
  }

  /** Tells the webhooks (report.completed also covers partial runs; the body says which). */
  private async announce(event: 'report.completed' | 'report.failed', runId: string): Promise<void> {
    const run = await this.runs.find(runId);
    if (!run) return;
    await this.webhooks.notify(event, toView(run)).catch((e: Error) => this.log.warn(`webhooks for ${runId}: ${e.message}`));
  }

  async process(job: Job<ReportJobData>): Promise<string> {
    const { runId, revision } = job.data;
    const attempt = job.attemptsMade + 1;
    const run = await this.runs.find(runId);
    if (!run || run.revision !== revision) return 'superseded';
    if (!(await this.runs.markRunning(runId, revision, attempt))) return 'superseded';
    const started = Date.now();
    try {
      const report = await buildReport(
        { id: run._id, revision, type: run.type, community: run.community, oblast: run.oblast, budgetCode: run.budgetCode, country: run.country, period: run.period, lang: run.lang },
        this.bus,
        this.config.SOURCE_TIMEOUT_MS,
        async (pct) => {
          await this.runs.progress(runId, revision, pct);
          await job.updateProgress(pct);
        },
      );
      const json = Buffer.from(JSON.stringify(report, null, 2));
      const etag = createHash('sha256').update(json).digest('base64url').slice(0, 27);
      const objects: StoredContent[] = [];
      const put = async (format: ReportFormat, lang: ReportLang, data: Buffer) => {
        const ref = await this.store.putNamed(`${runId}/r${revision}/report.${lang}.${format}`, data, TYPES[format]);
        objects.push({ format, lang, name: ref.name, size: ref.size, contentType: TYPES[format] });
      };
      const jsonRef = await this.store.putNamed(`${runId}/r${revision}/report.json`, json, TYPES.json);
      for (const lang of REPORT_LANGS) objects.push({ format: 'json', lang, name: jsonRef.name, size: jsonRef.size, contentType: TYPES.json });
      for (const lang of REPORT_LANGS) {
        const html = renderHtml(report, lang);
        await put('csv', lang, Buffer.from(`\ufeff${renderCsv(report, lang)}`));
        await put('html', lang, Buffer.from(html));
        await this.runs.progress(runId, revision, lang === 'uk' ? 85 : 92);
        await put('pdf', lang, await this.printer.print(html));
      }
      const bucket = this.store.bucketName;
      if (await this.runs.finish(runId, revision, { status: report.status, gaps: report.gaps, content: { revision, etag, bucket, objects } })) {
        await this.announce('report.completed', runId);
      }
      this.log.log(`report ${runId} r${revision} ${report.status} in ${Date.now() - started} ms`);
      return report.status;
    } catch (e) {
      const final = attempt >= (job.opts.attempts ?? 1);
      await this.runs.recordError(runId, revision, { at: new Date(), attempt, message: (e as Error).message.slice(0, 500) }, final).catch(() => undefined);
      if (final) await this.announce('report.failed', runId);
      throw e;
    }
  }
}

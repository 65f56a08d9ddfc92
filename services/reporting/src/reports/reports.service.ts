import { Inject, Injectable } from '@nestjs/common';
import {
  CreateReportRequest,
  DomainError,
  ListReportsRequest,
  ownerFor,
  Page,
  Principal,
  ReportContentRef,
  ReportContentRequest,
  ReportView,
} from '@vidnova/contracts';
import { jobTrace } from '@vidnova/telemetry';
import { Queue } from 'bullmq';
import { ReportingConfig } from '../config';
import { jobId, ReportJobData, ScheduleJobData } from '../queue';
import { REPORT_QUEUE_TOKEN } from './queue.provider';
import { ReportsRepository } from './reports.repository';
import { RunDoc } from './run.schema';
import { requireSubject, runId, subjectKey, subjectOf } from './run-id';

/** Statuses after which a run may be run again (with `force`). */
const FINISHED = new Set(['completed', 'partial', 'failed']);

@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly config: ReportingConfig,
    @Inject(REPORT_QUEUE_TOKEN) private readonly queue: Queue<ReportJobData | ScheduleJobData>,
  ) {}

  /**
   * Queues a run. The id comes from type, subject and period, so a repeated request answers the run
   * that exists (whatever its state) unless `force`; `force` on a finished run starts its next
   * revision, on a queued or running one it changes nothing (that run is the fresh one).
   */
  async create(req: CreateReportRequest, who: Principal | undefined, on: { requestedBy?: string; owner?: string } = {}): Promise<ReportView> {
    const subject = requireSubject(req.type, req, 'report');
    const id = runId(req.type, subjectKey(subject), req.period);
    const lang = req.lang ?? 'uk';
    const by = on.requestedBy ?? who?.keyId;
    const owner = on.owner ?? ownerFor(who);
    let run = await this.repo.find(id);
    if (!run) {
      const doc: Omit<RunDoc, 'createdAt' | 'updatedAt'> = {
        _id: id,
        type: req.type,
        [subject.field]: subject.code,
        period: req.period,
        lang,
        status: 'queued',
        progress: 0,
        revision: 1,
        attempts: 0,
        requestedAt: new Date(),
        errors: [],
        gaps: [],
        history: [],
        ...(by ? { requestedBy: by } : {}),
        ...(owner ? { owner } : {}),
      };
      await this.repo.insert(doc);
      run = (await this.repo.find(id))!;
    } else if (req.force && FINISHED.has(run.status)) {
      run = (await this.repo.restart(run, { lang, requestedAt: new Date(), ...(by ? { requestedBy: by } : {}), ...(owner ? { owner } : {}) })) ?? (await this.repo.find(id))!;
    }
    // Added again while queued: a no-op for BullMQ when the job exists (same job id), and the cure
    // when an earlier request stored the run but could not reach Redis.
    if (run.status === 'queued') await this.enqueue(run);
    return toView(run);
  }

  private async enqueue(run: RunDoc): Promise<void> {
    try {
      await this.queue.add(
        'report',
        { runId: run._id, revision: run.revision, ...jobTrace() },
        {
          jobId: jobId(run._id, run.revision, new Date(run.requestedAt)),
          attempts: this.config.REPORT_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.REPORT_BACKOFF_MS },
          removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
          removeOnFail: { age: 30 * 24 * 3600, count: 10000 },
        },
      );
    } catch (e) {
      throw new DomainError('service_unavailable', `The report queue is not reachable; the run ${run._id} is recorded and is queued when it is asked for again`, {
        id: run._id,
        reason: (e as Error).message,
      });
    }
  }

  async get(id: string): Promise<ReportView> {
    return toView(await this.load(id));
  }

  list(req: ListReportsRequest): Promise<Page<ReportView>> {
    return this.repo.list({ type: req.type, community: req.community, oblast: req.oblast, status: req.status }, { limit: req.limit, cursor: req.cursor }, toView);
  }

  async content(req: ReportContentRequest): Promise<ReportContentRef> {
    const run = await this.load(req.id);
    if (!run.content) {
      throw new DomainError('invalid_state', `The report ${req.id} has no content yet (status ${run.status})`, { id: req.id, runStatus: run.status });
    }
    const lang = req.lang ?? run.lang;
    const obj = run.content.objects.find((o) => o.format === req.format && o.lang === lang);
    if (!obj) throw new DomainError('not_found', `The report ${req.id} has no ${req.format} content in ${lang}`, { id: req.id });
    const subject = subjectOf(run.type, run)?.code ?? 'report';
    return {
      bucket: run.content.bucket,
      name: obj.name,
      contentType: obj.contentType,
      filename: `vidnova-${run.type}-${subject}-${run.period}-${lang}.${req.format}`,
      etag: `"${run.content.etag}-${req.format}-${lang}"`,
      size: obj.size,
    };
  }

  private async load(id: string): Promise<RunDoc> {
    const run = /^[0-9a-f]{24}$/.test(id) ? await this.repo.find(id) : null;
    if (!run) throw new DomainError('not_found', `No report ${id}`, { id });
    return run;
  }

}

export function toView(doc: RunDoc): ReportView {
  const base = `/api/v1/reports/${doc._id}`;
  const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);
  const durationMs = doc.startedAt && doc.finishedAt ? new Date(doc.finishedAt).getTime() - new Date(doc.startedAt).getTime() : undefined;
  return {
    id: doc._id,
    type: doc.type,
    ...(doc.community ? { community: doc.community } : {}),
    ...(doc.oblast ? { oblast: doc.oblast } : {}),
    ...(doc.budgetCode ? { budgetCode: doc.budgetCode } : {}),
    ...(doc.country ? { country: doc.country } : {}),
    period: doc.period,
    lang: doc.lang,
    status: doc.status,
    progress: doc.progress,
    revision: doc.revision,
    attempts: doc.attempts,
    timings: {
      requestedAt: iso(doc.requestedAt)!,
      ...(doc.startedAt ? { startedAt: iso(doc.startedAt) } : {}),
      ...(doc.finishedAt ? { finishedAt: iso(doc.finishedAt) } : {}),
      ...(durationMs !== undefined && durationMs >= 0 ? { durationMs } : {}),
    },
    errors: doc.errors.map((e) => ({ at: iso(e.at)!, attempt: e.attempt, message: e.message })),
    gaps: doc.gaps.map((g) => ({ source: g.source, reason: g.reason, detail: g.detail, message: g.message ?? { uk: g.detail, en: g.detail } })),
    ...(doc.content
      ? {
          content: { json: `${base}/content.json`, csv: `${base}/content.csv`, html: `${base}/content.html`, pdf: `${base}/content.pdf` },
          etag: `"${doc.content.etag}"`,
        }
      : {}),
    ...(doc.requestedBy ? { requestedBy: doc.requestedBy } : {}),
    ...(doc.owner ? { owner: doc.owner } : {}),
    history: doc.history.map((h) => ({ revision: h.revision, status: h.status, requestedAt: iso(h.requestedAt)!, ...(h.finishedAt ? { finishedAt: iso(h.finishedAt) } : {}) })),
  };
}

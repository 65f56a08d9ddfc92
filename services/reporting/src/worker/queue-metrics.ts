import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { REPORT_QUEUE, WEBHOOK_QUEUE } from '../queue';
import { REPORT_QUEUE_TOKEN } from '../reports/queue.provider';
import { WEBHOOK_QUEUE_TOKEN } from '../webhooks/webhooks.service';

export const DURATION_BUCKETS_SECONDS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/** Durations of the jobs this worker finished, by queue and outcome (a Prometheus histogram). */
@Injectable()
export class JobDurations {
  private readonly series = new Map<string, { count: number; sum: number; buckets: number[] }>();

  observe(queue: string, outcome: 'completed' | 'failed', seconds: number): void {
    const key = `queue="${queue}",outcome="${outcome}"`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { count: 0, sum: 0, buckets: DURATION_BUCKETS_SECONDS.map(() => 0) }));
    s.count++;
    s.sum += seconds;
    DURATION_BUCKETS_SECONDS.forEach((b, i) => seconds <= b && s!.buckets[i]++);
  }

  render(): string[] {
    const lines = ['# HELP vidnova_queue_job_duration_seconds Time from a job being taken to it finishing, in this worker.', '# TYPE vidnova_queue_job_duration_seconds histogram'];
    for (const [labels, s] of [...this.series].sort(([a], [b]) => a.localeCompare(b))) {
      DURATION_BUCKETS_SECONDS.forEach((b, i) => lines.push(`vidnova_queue_job_duration_seconds_bucket{${labels},le="${b}"} ${s.buckets[i]}`));
      lines.push(`vidnova_queue_job_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`, `vidnova_queue_job_duration_seconds_sum{${labels}} ${s.sum}`, `vidnova_queue_job_duration_seconds_count{${labels}} ${s.count}`);
    }
    return lines;
  }
}

/**
 * `/metrics` on the worker's health port: the jobs of each queue by state (from Redis, so every
 * worker reports the whole queue) and this worker's job durations. Prometheus text format 0.0.4.
 */
@ApiExcludeController()
@Controller()
export class QueueMetricsController {
  constructor(
    @Inject(REPORT_QUEUE_TOKEN) private readonly reports: Queue,
    @Inject(WEBHOOK_QUEUE_TOKEN) private readonly webhooks: Queue,
    private readonly durations: JobDurations,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const lines = ['# HELP vidnova_queue_jobs Jobs in the queue by state.', '# TYPE vidnova_queue_jobs gauge'];
    for (const [name, q] of [[REPORT_QUEUE, this.reports], [WEBHOOK_QUEUE, this.webhooks]] as const) {
      const counts = await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
      for (const [state, n] of Object.entries(counts).sort()) lines.push(`vidnova_queue_jobs{queue="${name}",state="${state}"} ${n}`);
    }
    lines.push(...this.durations.render());
    return `${lines.join('\n')}\n`;
  }
}

import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Metrics, watchQueue } from '@vidnova/metrics';
import { Queue } from 'bullmq';
import { REPORT_QUEUE, WEBHOOK_QUEUE } from '../queue';
import { REPORT_QUEUE_TOKEN } from '../reports/queue.provider';
import { WEBHOOK_QUEUE_TOKEN } from '../webhooks/webhooks.service';

/**
 * The reporting queues on the worker's `/metrics` (libs/metrics queues.ts): jobs of each queue by
 * state, read from Redis at each scrape. Job durations are observed where the workers are made
 * (ReportProcessor, WebhookDeliverer).
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  constructor(
    @Inject(REPORT_QUEUE_TOKEN) private readonly reports: Queue,
    @Inject(WEBHOOK_QUEUE_TOKEN) private readonly webhooks: Queue,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    watchQueue(this.metrics, REPORT_QUEUE, this.reports);
    watchQueue(this.metrics, WEBHOOK_QUEUE, this.webhooks);
  }
}

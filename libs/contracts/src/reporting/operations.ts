import { IdRequest } from '../common';
import { noContent, op, pageOf } from '../operation';
import { CreateWebhookRequest, DeliveryView, ListDeliveriesRequest, ListWebhooksRequest, WebhookCreated, WebhookView } from './webhook';
import { CreateScheduleRequest, ListSchedulesRequest, ScheduleView, UpdateScheduleRequest } from './schedule';
import { CreateReportRequest, ListReportsRequest, ReportContentRef, ReportContentRequest, ReportView } from './report';

/** The bus operations of reporting: versioned subject, request class, reply type (a breaking change gets a new version). */
export const REPORTING_OPS = {
  /** Queues a run (or answers the existing one for the same type, subject and period unless `force`). */
  reportCreate: op('reporting.report.create.v1', CreateReportRequest, ReportView),
  reportGet: op('reporting.report.get.v1', IdRequest, ReportView),
  reportList: op('reporting.report.list.v1', ListReportsRequest, pageOf(ReportView)),
  /** Where the stored content of a run is (object store reference, content type, ETag). */
  reportContent: op('reporting.report.content.v1', ReportContentRequest, ReportContentRef),
  /** Report schedules: BullMQ job schedulers (cron + IANA time zone), one per schedule id. */
  scheduleCreate: op('reporting.schedule.create.v1', CreateScheduleRequest, ScheduleView),
  scheduleGet: op('reporting.schedule.get.v1', IdRequest, ScheduleView),
  scheduleList: op('reporting.schedule.list.v1', ListSchedulesRequest, pageOf(ScheduleView)),
  scheduleUpdate: op('reporting.schedule.update.v1', UpdateScheduleRequest, ScheduleView),
  scheduleDelete: op('reporting.schedule.delete.v1', IdRequest, noContent),
  /** Webhooks (partner, admin): signed deliveries of report.completed / report.failed. */
  webhookCreate: op('reporting.webhook.create.v1', CreateWebhookRequest, WebhookCreated),
  webhookGet: op('reporting.webhook.get.v1', IdRequest, WebhookView),
  webhookList: op('reporting.webhook.list.v1', ListWebhooksRequest, pageOf(WebhookView)),
  webhookDelete: op('reporting.webhook.delete.v1', IdRequest, noContent),
  webhookDeliveries: op('reporting.webhook.deliveries.v1', ListDeliveriesRequest, pageOf(DeliveryView)),
} as const;

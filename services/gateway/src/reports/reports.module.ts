import { Module } from '@nestjs/common';
import { ReportContentStore } from './report-store';
import { ReportsController } from './reports.controller';
import { ReportSchedulesController } from './schedules.controller';
import { WebhooksController } from './webhooks.controller';

@Module({ controllers: [ReportsController, ReportSchedulesController, WebhooksController], providers: [ReportContentStore] })
export class ReportsGatewayModule {}

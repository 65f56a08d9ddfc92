import { Module } from '@nestjs/common';
import { ReportContentStore } from './report-store';
import { ReportsController } from './reports.controller';
import { ReportSchedulesController } from './schedules.controller';

@Module({ controllers: [ReportsController, ReportSchedulesController], providers: [ReportContentStore] })
export class ReportsGatewayModule {}

import { Module } from '@nestjs/common';
import { ReportContentStore } from './report-store';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [ReportContentStore] })
export class ReportsGatewayModule {}

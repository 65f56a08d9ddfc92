import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { QueueLifecycle, REPORT_QUEUE_TOKEN, reportQueueProvider } from './queue.provider';
import { RUN_MODEL, RunSchema } from './run.schema';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: RUN_MODEL, schema: RunSchema }])],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, reportQueueProvider, QueueLifecycle],
  exports: [ReportsRepository, ReportsService, REPORT_QUEUE_TOKEN, MongooseModule],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportsModule } from '../reports/reports.module';
import { SCHEDULE_MODEL, ScheduleSchema } from './schedule.schema';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

@Module({
  imports: [ReportsModule, MongooseModule.forFeature([{ name: SCHEDULE_MODEL, schema: ScheduleSchema }])],
  controllers: [SchedulesController],
  providers: [SchedulesService],
  exports: [SchedulesService],
})
export class SchedulesModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HOST_STAT_MODEL, HostStatSchema } from './host-stat.schema';
import { HOST_STATS_IMPORT_MODEL, HostStatsImportSchema } from './host-stats-import.schema';
import { HostStatsController } from './host-stats.controller';
import { HostStatsRepository } from './host-stats.repository';
import { HostStatsService } from './host-stats.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: HOST_STAT_MODEL, schema: HostStatSchema },
      { name: HOST_STATS_IMPORT_MODEL, schema: HostStatsImportSchema },
    ]),
  ],
  controllers: [HostStatsController],
  providers: [HostStatsRepository, HostStatsService],
})
export class HostStatsModule {}

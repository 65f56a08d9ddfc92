import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DIASPORA_SUBJECTS, GetHostStatsRequest, ImportHostStatsRequest } from '@vidnova/contracts';
import { HostStatsService } from './host-stats.service';

@Controller()
export class HostStatsController {
  constructor(private readonly stats: HostStatsService) {}

  @MessagePattern(DIASPORA_SUBJECTS.hostStatsImport)
  import(@Payload() req: ImportHostStatsRequest) {
    return this.stats.import(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.hostStatsGet)
  series(@Payload() req: GetHostStatsRequest) {
    return this.stats.series(req);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  DIASPORA_OPS,
  GetHostStatsRequest,
  HostStatsImportReport,
  HostStatsSeries,
  ImportHostStatsRequest,
  ImportIdRequest,
  Principal,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { HostStatsService } from './host-stats.service';

@Controller()
export class HostStatsController {
  constructor(private readonly stats: HostStatsService) {}

  @Handles(DIASPORA_OPS.hostStatsImport)
  import(@Payload() req: ImportHostStatsRequest, @CallerPrincipal() by: Principal | undefined): Promise<HostStatsImportReport> {
    return this.stats.startImport(req, by);
  }

  @Handles(DIASPORA_OPS.hostStatsImportGet)
  importReport(@Payload() req: ImportIdRequest): Promise<HostStatsImportReport> {
    return this.stats.importReport(req.id);
  }

  @Handles(DIASPORA_OPS.hostStatsGet)
  series(@Payload() req: GetHostStatsRequest): Promise<HostStatsSeries> {
    return this.stats.series(req);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateReportRequest,
  IdRequest,
  ListReportsRequest,
  Page,
  Principal,
  REPORTING_OPS,
  ReportContentRef,
  ReportContentRequest,
  ReportView,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ReportsService } from './reports.service';

/** Thin: each handler turns one bus operation into one service call. */
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Handles(REPORTING_OPS.reportCreate)
  create(@Payload() req: CreateReportRequest, @CallerPrincipal() who: Principal | undefined): Promise<ReportView> {
    return this.reports.create(req, who);
  }

  @Handles(REPORTING_OPS.reportGet)
  get(@Payload() req: IdRequest): Promise<ReportView> {
    return this.reports.get(req.id);
  }

  @Handles(REPORTING_OPS.reportList)
  list(@Payload() req: ListReportsRequest): Promise<Page<ReportView>> {
    return this.reports.list(req);
  }

  @Handles(REPORTING_OPS.reportContent)
  content(@Payload() req: ReportContentRequest): Promise<ReportContentRef> {
    return this.reports.content(req);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BUDGET_OPS,
  BudgetImportReport,
  ImportIdRequest,
  Principal,
  StartBudgetImportRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { ImportsService } from './imports.service';

@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Handles(BUDGET_OPS.importStart)
  start(
    @Payload() req: StartBudgetImportRequest,
    @CallerPrincipal() caller?: Principal,
  ): Promise<BudgetImportReport> {
    return this.imports.start(req, caller);
  }

  @Handles(BUDGET_OPS.importGet)
  get(@Payload() req: ImportIdRequest): Promise<BudgetImportReport> {
    return this.imports.get(req.id);
  }
}

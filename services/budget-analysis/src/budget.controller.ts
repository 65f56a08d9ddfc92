import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BUDGET_SUBJECTS,
  BudgetCompareRequest,
  BudgetExpendituresRequest,
  BudgetImportIdRequest,
  BudgetTrendsRequest,
  BudgetYearRequest,
  LoadAnnualFiguresRequest,
  StartBudgetImportRequest,
} from '@vidnova/contracts';
import { requestContext } from '@vidnova/logging';
import { AnalysisService } from './analysis/analysis.service';
import { AnnualService } from './annual/annual.service';
import { ImportsService } from './imports/imports.service';

@Controller()
export class BudgetController {
  constructor(
    private readonly imports: ImportsService,
    private readonly analysis: AnalysisService,
    private readonly annual: AnnualService,
  ) {}

  @MessagePattern(BUDGET_SUBJECTS.importStart)
  startImport(@Payload() req: StartBudgetImportRequest) {
    return this.imports.start(req, requestContext.getStore()?.principal?.keyId);
  }

  @MessagePattern(BUDGET_SUBJECTS.importGet)
  getImport(@Payload() req: BudgetImportIdRequest) {
    return this.imports.get(req.id);
  }

  @MessagePattern(BUDGET_SUBJECTS.annualLoad)
  loadAnnual(@Payload() req: LoadAnnualFiguresRequest) {
    return this.annual.load(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.summary)
  summary(@Payload() req: BudgetYearRequest) {
    return this.analysis.summary(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.recovery)
  recovery(@Payload() req: BudgetYearRequest) {
    return this.analysis.recovery(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.incomes)
  incomes(@Payload() req: BudgetYearRequest) {
    return this.analysis.incomes(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.expenditures)
  expenditures(@Payload() req: BudgetExpendituresRequest) {
    return this.analysis.expenditures(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.trends)
  trends(@Payload() req: BudgetTrendsRequest) {
    return this.analysis.trends(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.compare)
  compare(@Payload() req: BudgetCompareRequest) {
    return this.analysis.compare(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.anomalies)
  anomalies(@Payload() req: BudgetYearRequest) {
    return this.analysis.anomalies(req);
  }

  @MessagePattern(BUDGET_SUBJECTS.guidelines)
  guidelines(@Payload() req: BudgetYearRequest) {
    return this.analysis.guidelines(req);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BUDGET_OPS,
  BudgetAnomalies,
  BudgetCompareRequest,
  BudgetComparison,
  BudgetExpenditures,
  BudgetExpendituresRequest,
  BudgetGuidelines,
  BudgetIncomes,
  BudgetRecovery,
  BudgetSummary,
  BudgetTrends,
  BudgetTrendsRequest,
  BudgetYearRequest,
} from '@vidnova/contracts';
import { Handles } from '@vidnova/messaging';
import { AnalysisService } from './analysis.service';

@Controller()
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Handles(BUDGET_OPS.summary)
  summary(@Payload() req: BudgetYearRequest): Promise<BudgetSummary> {
    return this.analysis.summary(req);
  }

  @Handles(BUDGET_OPS.recovery)
  recovery(@Payload() req: BudgetYearRequest): Promise<BudgetRecovery> {
    return this.analysis.recovery(req);
  }

  @Handles(BUDGET_OPS.incomes)
  incomes(@Payload() req: BudgetYearRequest): Promise<BudgetIncomes> {
    return this.analysis.incomes(req);
  }

  @Handles(BUDGET_OPS.expenditures)
  expenditures(@Payload() req: BudgetExpendituresRequest): Promise<BudgetExpenditures> {
    return this.analysis.expenditures(req);
  }

  @Handles(BUDGET_OPS.trends)
  trends(@Payload() req: BudgetTrendsRequest): Promise<BudgetTrends> {
    return this.analysis.trends(req);
  }

  @Handles(BUDGET_OPS.compare)
  compare(@Payload() req: BudgetCompareRequest): Promise<BudgetComparison> {
    return this.analysis.compare(req);
  }

  @Handles(BUDGET_OPS.anomalies)
  anomalies(@Payload() req: BudgetYearRequest): Promise<BudgetAnomalies> {
    return this.analysis.anomalies(req);
  }

  @Handles(BUDGET_OPS.guidelines)
  guidelines(@Payload() req: BudgetYearRequest): Promise<BudgetGuidelines> {
    return this.analysis.guidelines(req);
  }
}

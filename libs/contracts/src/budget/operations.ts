import { ImportIdRequest } from '../imports';
import { op } from '../operation';
import { AnnualFiguresLoaded, LoadAnnualFiguresRequest } from './annual';
import {
  BudgetAnomalies,
  BudgetComparison,
  BudgetExpenditures,
  BudgetGuidelines,
  BudgetIncomes,
  BudgetRecovery,
  BudgetSummary,
  BudgetTrends,
} from './analysis';
import {
  BudgetCompareRequest,
  BudgetExpendituresRequest,
  BudgetTrendsRequest,
  BudgetYearRequest,
} from './budget';
import { BudgetImportReport, StartBudgetImportRequest } from './imports';

/** Every bus operation of budget-analysis: subject, request and reply. */
export const BUDGET_OPS = {
  importStart: op('budget.import.start.v1', StartBudgetImportRequest, BudgetImportReport),
  importGet: op('budget.import.get.v1', ImportIdRequest, BudgetImportReport),
  annualLoad: op('budget.annual.load.v1', LoadAnnualFiguresRequest, AnnualFiguresLoaded),
  summary: op('budget.analysis.summary.v1', BudgetYearRequest, BudgetSummary),
  recovery: op('budget.analysis.recovery.v1', BudgetYearRequest, BudgetRecovery),
  incomes: op('budget.analysis.incomes.v1', BudgetYearRequest, BudgetIncomes),
  expenditures: op('budget.analysis.expenditures.v1', BudgetExpendituresRequest, BudgetExpenditures),
  trends: op('budget.analysis.trends.v1', BudgetTrendsRequest, BudgetTrends),
  compare: op('budget.analysis.compare.v1', BudgetCompareRequest, BudgetComparison),
  anomalies: op('budget.analysis.anomalies.v1', BudgetYearRequest, BudgetAnomalies),
  guidelines: op('budget.analysis.guidelines.v1', BudgetYearRequest, BudgetGuidelines),
} as const;

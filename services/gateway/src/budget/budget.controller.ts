import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  BUDGET_OPS,
  BudgetAnomalies,
  BudgetComparison,
  BudgetExpenditures,
  BudgetGuidelines,
  BudgetImportReport,
  BudgetIncomes,
  BudgetRecovery,
  BudgetSummary,
  BudgetTrends,
  ImportIdRequest,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { UploadForwarder, UploadRoute } from '../platform/upload';
import {
  BudgetCompareQueryDto,
  BudgetExpendituresQueryDto,
  BudgetImportQueryDto,
  BudgetPathDto,
  BudgetTrendsQueryDto,
  BudgetYearQueryDto,
} from './budget.dto';

const AMOUNTS =
  'Amounts are integer kopiykas; `plan` and `amendedPlan` are null for annual KSE figures (no plans).';
const SOURCE =
  'Uses the latest period of the year up to `period` from the Open Budget portal files, else the annual KSE figures. ' +
  '`budgetCode` is a budget code (10 or 11 digits) or the KATOTTG code of a community.';

@ApiTags('budget')
@ApiSecurity('apiKey')
@Controller('api/v1/budget/imports')
export class BudgetImportsController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: UploadForwarder,
  ) {}

  @Post()
  @UploadRoute({
    roles: ['admin', 'editor'],
    summary: 'Import an Open Budget portal file (expenditures or incomes)',
    description:
      '`;` or `,` separated, UTF-8 (with or without BOM) or windows-1251, `REP_PERIOD` as MM.YYYY or an ISO date, decimal point or comma. ' +
      'The header is checked before the answer: a file that is not an Open Budget file, or whose header is not that of `dataset`, ' +
      'is refused with 422 and nothing is stored. Rows are keyed by budget, dataset, period, fund and code: re-importing changes ' +
      'nothing and a newer file replaces the rows of the same budget, dataset and period. Bad rows are reported with their line and reason.',
    reply: BudgetImportReport,
  })
  @ApiProblems(400)
  import(
    @Req() req: FastifyRequest,
    @Query() q: BudgetImportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BudgetImportReport> {
    return this.uploads.forward(
      req,
      res,
      BUDGET_OPS.importStart,
      (upload) => ({ upload, ...(q.dataset ? { dataset: q.dataset } : {}) }),
      (report) => `/api/v1/budget/imports/${report.id}`,
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A budget import: status and progress, rows read, accepted and rejected with reasons',
    description:
      'Poll it after the import was accepted until `status` is `completed` or `failed`. Also lists the budgets and periods the file covered and how many earlier rows it superseded.',
  })
  @ApiReply(BUDGET_OPS.importGet, { description: 'The import report' })
  @ApiProblems(400, 404)
  get(@Param() p: ImportIdRequest): Promise<BudgetImportReport> {
    return this.bus.send(BUDGET_OPS.importGet, { id: p.id });
  }
}

@ApiTags('budget')
@ApiSecurity('apiKey')
@Controller('api/v1/budget')
export class BudgetAnalysisController {
  constructor(private readonly bus: BusClient) {}

  @Get('budgets/:budgetCode/summary')
  @ApiOperation({
    summary:
      'Plan, amended plan and execution of a budget, by fund and economic group, with capital spending and its parts',
    description: `${SOURCE} ${AMOUNTS} Economic groups and capital parts add up to their totals; \`reconciliation\` says whether total = general + special fund.`,
  })
  @ApiReply(BUDGET_OPS.summary)
  @ApiProblems(400, 404)
  summary(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<BudgetSummary> {
    return this.bus.send(BUDGET_OPS.summary, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/recovery')
  @ApiOperation({
    summary:
      'Spending per recovery category (the taxonomy consultation priorities use), with the rule behind every figure',
    description:
      `${SOURCE} ${AMOUNTS} Category ids are those of GET /api/v1/reference/recovery-categories, the same ids as ` +
      '/api/v1/communities/{katottg}/priorities. Three bases, never added together: economic (recovery investment, KEKV 313x, 314x, 3210), ' +
      'programme (TPKVKMB) and functional (FKVKB); a basis without data is null. `taxonomyVersion` names the mapping used.',
  })
  @ApiReply(BUDGET_OPS.recovery)
  @ApiProblems(400, 404)
  recovery(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<BudgetRecovery> {
    return this.bus.send(BUDGET_OPS.recovery, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/incomes')
  @ApiOperation({
    summary:
      'Own revenues vs official transfers, personal income tax share, grants and donations, dependence ratios',
    description: `${SOURCE} ${AMOUNTS} Own revenues are all income codes except class 4 (transfers); official transfers are 41xxxxxx.`,
  })
  @ApiReply(BUDGET_OPS.incomes)
  @ApiProblems(400, 404)
  incomes(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<BudgetIncomes> {
    return this.bus.send(BUDGET_OPS.incomes, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/expenditures')
  @ApiOperation({
    summary: 'Expenditures as a classification tree whose roll-ups add up',
    description: `${SOURCE} ${AMOUNTS} \`classification\` chooses economic (KEKV), programme (TPKVKMB/KPKVKMB) or functional (FKVKB) codes.`,
  })
  @ApiReply(BUDGET_OPS.expenditures)
  @ApiProblems(400, 404)
  expenditures(
    @Param() p: BudgetPathDto,
    @Query() q: BudgetExpendituresQueryDto,
  ): Promise<BudgetExpenditures> {
    return this.bus.send(BUDGET_OPS.expenditures, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/trends')
  @ApiOperation({
    summary: 'Year over year: executed, capital, income structure',
    description: `Years \`from\` to \`to\` (at most 20 years). An incomplete year is shown as of its latest period; a year without data has \`available: false\`. ${AMOUNTS}`,
  })
  @ApiReply(BUDGET_OPS.trends)
  @ApiProblems(400, 404)
  trends(@Param() p: BudgetPathDto, @Query() q: BudgetTrendsQueryDto): Promise<BudgetTrends> {
    return this.bus.send(BUDGET_OPS.trends, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/anomalies')
  @ApiOperation({
    summary: 'Evidence-backed flags (rule, severity, figures, text in uk and en)',
    description: `${SOURCE} Each flag carries its rule (id and version), the figures it was computed from and a sentence in Ukrainian and English.`,
  })
  @ApiReply(BUDGET_OPS.anomalies)
  @ApiProblems(400, 404)
  anomalies(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<BudgetAnomalies> {
    return this.bus.send(BUDGET_OPS.anomalies, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/guidelines')
  @ApiOperation({
    summary: 'Recovery-budget recommendations with severity, rule, evidence and text in uk and en',
    description: `${SOURCE} Each recommendation names the anomalies it follows from (\`basedOn\`) or the figures behind it.`,
  })
  @ApiReply(BUDGET_OPS.guidelines)
  @ApiProblems(400, 404)
  guidelines(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<BudgetGuidelines> {
    return this.bus.send(BUDGET_OPS.guidelines, { budget: p.budgetCode, ...q });
  }

  @Get('compare')
  @ApiOperation({
    summary: 'Peers side by side for one year',
    description: `Totals, execution rate, capital, wages and utilities shares, transfer dependence and per-capita figures of up to 20 budgets. A budget without data for the year has \`available: false\`. ${AMOUNTS}`,
  })
  @ApiReply(BUDGET_OPS.compare)
  @ApiProblems(400, 404)
  compare(@Query() q: BudgetCompareQueryDto): Promise<BudgetComparison> {
    return this.bus.send(BUDGET_OPS.compare, q);
  }
}

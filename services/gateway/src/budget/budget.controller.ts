import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { BUDGET_SUBJECTS, BudgetImportView } from '@vidnova/contracts';
import { BusClient, BusError, UploadStore } from '@vidnova/messaging';
import { RAW_UPLOAD_TYPES, receiveUpload } from '../platform/upload';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/roles';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, UPLOAD_STORE } from '../platform/bus.module';
import {
  BudgetAnalysisDto,
  BudgetCompareQueryDto,
  BudgetExpendituresQueryDto,
  BudgetImportDto,
  BudgetImportQueryDto,
  BudgetPathDto,
  BudgetTrendsQueryDto,
  BudgetYearQueryDto,
} from './budget.dto';


@ApiTags('budget')
@ApiSecurity('apiKey')
@Controller('api/v1/budget/imports')
export class BudgetImportsController {
  constructor(
    private readonly bus: BusClient,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @Roles('admin', 'editor', 'analyst')
  @ApiOperation({
    summary: 'Import an Open Budget portal file (expenditures or incomes)',
    description:
      'Send the file as the body (`Content-Type: text/csv`). `;` or `,` separated, UTF-8 (with or without BOM) or windows-1251, ' +
      '`REP_PERIOD` as MM.YYYY or an ISO date, decimal point or comma. Rows are keyed by budget, dataset, period, fund and code: ' +
      're-importing changes nothing and a newer file replaces the rows of the same budget, dataset and period. ' +
      'Bad rows are reported with their line and reason. 201 when finished; 202 with the import id for large files still running ' +
      '(poll GET /api/v1/budget/imports/{id}).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: BudgetImportDto })
  @ApiAcceptedResponse({ type: BudgetImportDto, description: 'Still importing; poll the import' })
  @ApiUnprocessableEntityResponse({ description: 'Not an Open Budget file (nothing is stored), or the header does not match `dataset`' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not a CSV file' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_LIMIT_BYTES' })
  async import(@Req() req: FastifyRequest, @Query() q: BudgetImportQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<BudgetImportView> {
    const ref = await receiveUpload(req as never, this.uploads, {
      limit: this.config.UPLOAD_LIMIT_BYTES,
      types: RAW_UPLOAD_TYPES,
      hint: 'Send the budget file as the request body with Content-Type: text/csv',
    });
    try {
      const view = await this.bus.request<BudgetImportView>(
        BUDGET_SUBJECTS.importStart,
        { upload: { bucket: ref.bucket, name: ref.name }, ...(q.dataset ? { dataset: q.dataset } : {}) },
        // The service answers within its sync window (IMPORT_SYNC_WAIT_MS) with `processing` at worst.
        { timeoutMs: Math.max(this.config.BUS_TIMEOUT_MS, 30000) },
      );
      void res.status(view.status === 'processing' ? 202 : 201);
      void res.header('location', `/api/v1/budget/imports/${view.id}`);
      return view;
    } catch (e) {
      if (e instanceof BusError && e.envelope.code === 'service_unavailable') await this.uploads.remove(ref);
      throw e;
    }
  }

  @Get(':id')
  @ApiOperation({ summary: 'An import: status, rows read, accepted, rejected with reasons, budgets and periods covered' })
  @ApiOkResponse({ type: BudgetImportDto })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<BudgetImportView> {
    return this.bus.request(BUDGET_SUBJECTS.importGet, { id });
  }
}

@ApiTags('budget')
@ApiSecurity('apiKey')
@Controller('api/v1/budget')
export class BudgetAnalysisController {
  constructor(private readonly bus: BusClient) {}

  @Get('budgets/:budgetCode/summary')
  @ApiOperation({
    summary: 'Plan, amended plan and execution of a budget, by fund and economic group, with capital spending and its parts',
    description: 'Amounts are integer kopiykas. Uses the latest period of the year up to `period`; the portal data first, else the annual KSE figures (no plans).',
  })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  summary(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.summary, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/recovery')
  @ApiOperation({ summary: 'Recovery-related spending under the versioned taxonomy, with the rule behind every figure' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  recovery(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.recovery, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/incomes')
  @ApiOperation({ summary: 'Own revenues vs official transfers, personal income tax share, grants and donations, dependence ratios' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  incomes(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.incomes, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/expenditures')
  @ApiOperation({ summary: 'Expenditures as a classification tree whose roll-ups add up' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  expenditures(@Param() p: BudgetPathDto, @Query() q: BudgetExpendituresQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.expenditures, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/trends')
  @ApiOperation({ summary: 'Year over year: executed, capital, income structure' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  trends(@Param() p: BudgetPathDto, @Query() q: BudgetTrendsQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.trends, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/anomalies')
  @ApiOperation({ summary: 'Evidence-backed flags (rule, severity, figures, text in uk and en)' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  anomalies(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.anomalies, { budget: p.budgetCode, ...q });
  }

  @Get('budgets/:budgetCode/guidelines')
  @ApiOperation({ summary: 'Recovery-budget recommendations with severity, rule, evidence and text in uk and en' })
  @ApiOkResponse({ type: BudgetAnalysisDto })
  guidelines(@Param() p: BudgetPathDto, @Query() q: BudgetYearQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.guidelines, { budget: p.budgetCode, ...q });
  }

  @Get('compare')
  @ApiOperation({ summary: 'Peers side by side for one year' })
  @ApiOkResponse({ description: '`{ year, budgets: [...] }`' })
  compare(@Query() q: BudgetCompareQueryDto): Promise<unknown> {
    return this.bus.request(BUDGET_SUBJECTS.compare, q);
  }
}

import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  Assessment,
  BenchmarkRequest,
  EnterpriseChanges,
  ENTERPRISE_EFFICIENCY_OPS as OPS,
  EnterpriseView,
  ImportIdRequest,
  KpiSet,
  ListEnterprisesRequest,
  NewEnterprise,
  Page,
  SectorBenchmarks,
  StatementFields,
  StatementList,
  StatementView,
  SupportEntry,
  SupportEntryFields,
  SupportImportReport,
  SupportSummary,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Role, Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { UploadForwarder, UploadRoute } from '../platform/upload';
import { EdrpouParam, OptionalYearQuery, StatementQuery, YearQuery } from './enterprises.http';

// Treasury payment files change many enterprises at once: editors and admins (checked again in the service,
// which also refuses rows of enterprises outside a scoped editor's communities).
const IMPORTING_ROLES: Role[] = ['admin', 'editor'];
const BASE = '/api/v1/enterprises';
const OWNERSHIP =
  'A partner key changes only enterprises its organisation registered; an editor key scoped to communities only enterprises of those communities (403 otherwise).';

@ApiTags('enterprises')
@ApiSecurity('apiKey')
@Controller('api/v1/enterprises')
export class EnterprisesController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: UploadForwarder,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a communal enterprise',
    description:
      'EDRPOU (8 digits; a wrong check digit → 422), names, legal form, sector, owner community (KATOTTG of the register; unknown → 422) and staff by year. ' +
      'The key\'s organisation becomes the owner. An EDRPOU already registered → 409.',
  })
  @ApiReply(OPS.enterpriseCreate, { status: 201, description: 'Registered' })
  @ApiProblems(400, 403, 409, 422)
  create(@Body() enterprise: NewEnterprise): Promise<EnterpriseView> {
    return this.bus.send(OPS.enterpriseCreate, { enterprise });
  }

  @Get()
  @ApiOperation({ summary: 'Find enterprises', description: 'Filters combine: `community` (KATOTTG), `sector`, `q` (names, EDRPOU). Paged by cursor, newest first.' })
  @ApiReply(OPS.enterpriseList)
  @ApiProblems(400)
  list(@Query() q: ListEnterprisesRequest): Promise<Page<EnterpriseView>> {
    return this.bus.send(OPS.enterpriseList, q);
  }

  @Get('benchmarks')
  @ApiOperation({
    summary: 'KPI quartiles of a sector',
    description:
      'Median and quartiles of each KPI over the registered enterprises of the sector with a statement for the year, nationally and for `oblast` when asked, ' +
      'with the number of enterprises behind each figure. Fewer than 5 → `shown: false` and null figures. Method: docs/enterprise-methodology.md.',
  })
  @ApiReply(OPS.benchmarks)
  @ApiProblems(400)
  benchmarks(@Query() q: BenchmarkRequest): Promise<SectorBenchmarks> {
    return this.bus.send(OPS.benchmarks, q);
  }

  @Post('budget-support/imports')
  @UploadRoute({
    roles: IMPORTING_ROLES,
    summary: 'Import treasury payments to enterprises (CSV)',
    description:
      'Columns `payer_budget,recipient_edrpou,kekv,programme,date,amount` (`,` or `;`, UTF-8 or windows-1251). KEKV 2610 counts as operating subsidy, 3210 as capital transfer; ' +
      'amount in UAH (decimal point or comma), date `YYYY-MM-DD` or `DD.MM.YYYY` (its year is the budget year). Rows of unregistered enterprises, other KEKV or of enterprises ' +
      'the key may not change are rejected with line and reason. The same payment imported again is `unchanged`. A file without these columns → 422, nothing stored.',
    reply: SupportImportReport,
  })
  importSupport(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<SupportImportReport> {
    return this.uploads.forward(req, res, OPS.supportImportStart, (upload) => ({ upload }), (r) => `${BASE}/budget-support/imports/${r.id}`);
  }

  @Get('budget-support/imports/:id')
  @Roles(...IMPORTING_ROLES)
  @ApiOperation({ summary: 'A treasury payments import: status, progress and outcome', description: 'Poll until `status` is `completed` or `failed`.' })
  @ApiReply(OPS.supportImportGet)
  @ApiProblems(404)
  supportImport(@Param() p: ImportIdRequest): Promise<SupportImportReport> {
    return this.bus.send(OPS.supportImportGet, { id: p.id });
  }

  @Get(':edrpou')
  @ApiOperation({ summary: 'One enterprise', description: 'By EDRPOU; 404 when not registered, 422 for a wrong check digit.' })
  @ApiReply(OPS.enterpriseGet)
  @ApiProblems(400, 404, 422)
  get(@Param() p: EdrpouParam): Promise<EnterpriseView> {
    return this.bus.send(OPS.enterpriseGet, { edrpou: p.edrpou });
  }

  @Patch(':edrpou')
  @ApiOperation({ summary: 'Change some fields of an enterprise', description: `Only the fields sent change; the EDRPOU does not. ${OWNERSHIP}` })
  @ApiReply(OPS.enterpriseUpdate, { description: 'The enterprise after the change' })
  @ApiProblems(400, 403, 404, 422)
  update(@Param() p: EdrpouParam, @Body() changes: EnterpriseChanges): Promise<EnterpriseView> {
    return this.bus.send(OPS.enterpriseUpdate, { edrpou: p.edrpou, changes });
  }

  @Delete(':edrpou')
  @ApiOperation({ summary: 'Remove an enterprise from the registry', description: `Its statements and budget support stay stored. ${OWNERSHIP}` })
  @ApiReply(OPS.enterpriseDelete, { description: 'Removed' })
  @ApiProblems(403, 404, 422)
  async delete(@Param() p: EdrpouParam): Promise<void> {
    await this.bus.send(OPS.enterpriseDelete, { edrpou: p.edrpou });
  }

  @Post(':edrpou/statements')
  @ApiOperation({
    summary: 'Post a year\'s financial statement (Form 1 and Form 2)',
    description:
      'Lines as `R<line>G<column>` in `lines` (JSON) or `csv`, in `UAH` or `thousand UAH`; stored in kopiykas, read exactly from the decimal text. ' +
      'Accounting identities (1095 + 1195 + 1200 = 1300; 1300 = 1900; 1495 + 1595 + 1695 + 1700 + 1800 = 1900; 2000 − 2050 = 2090/2095; 2290/2295 − 2300 = 2350/2355, and the small-enterprise ' +
      'totals) are checked: a broken one → 422 listing every broken identity with both sides, unless `acceptWithWarnings=true` (stored with `flagged: true`). ' +
      `Posting a year again replaces it and keeps the earlier version (\`previousVersions\`). ${OWNERSHIP}`,
  })
  @ApiReply(OPS.statementPost, { status: 201, description: 'Stored' })
  @ApiProblems(400, 403, 404, 422)
  postStatement(@Param() p: EdrpouParam, @Body() statement: StatementFields, @Query() q: StatementQuery): Promise<StatementView> {
    return this.bus.send(OPS.statementPost, { edrpou: p.edrpou, statement, acceptWithWarnings: q.acceptWithWarnings ?? false });
  }

  @Get(':edrpou/statements')
  @ApiOperation({ summary: 'The enterprise\'s statements', description: 'Every year, or `year` only (404 when there is none), in kopiykas with the identity checks.' })
  @ApiReply(OPS.statementList)
  @ApiProblems(400, 404, 422)
  statements(@Param() p: EdrpouParam, @Query() q: OptionalYearQuery): Promise<StatementList> {
    return this.bus.send(OPS.statementList, { edrpou: p.edrpou, year: q.year });
  }

  @Post(':edrpou/budget-support')
  @ApiOperation({
    summary: 'Record budget support paid to the enterprise',
    description: `An operating subsidy (KEKV 2610), capital transfer (3210) or contribution to charter capital, in kopiykas. ${OWNERSHIP}`,
  })
  @ApiReply(OPS.supportAdd, { status: 201, description: 'Recorded' })
  @ApiProblems(400, 403, 404, 422)
  addSupport(@Param() p: EdrpouParam, @Body() entry: SupportEntryFields): Promise<SupportEntry> {
    return this.bus.send(OPS.supportAdd, { edrpou: p.edrpou, entry });
  }

  @Get(':edrpou/budget-support')
  @ApiOperation({
    summary: 'Budget support of the enterprise in a year',
    description:
      'Totals by kind, every payment, and the share of the community budget\'s executed expenditure (asked from budget-analysis; null with `shareReason` when it has no data for the community and year).',
  })
  @ApiReply(OPS.supportGet)
  @ApiProblems(400, 404, 422)
  support(@Param() p: EdrpouParam, @Query() q: YearQuery): Promise<SupportSummary> {
    return this.bus.send(OPS.supportGet, { edrpou: p.edrpou, year: q.year });
  }

  @Get(':edrpou/kpis')
  @ApiOperation({
    summary: 'KPIs of the enterprise in a year',
    description: 'Each KPI with its formula and the statement lines used; null with the reason where a line is missing or a divisor is zero. 404 without a statement for the year.',
  })
  @ApiReply(OPS.kpis)
  @ApiProblems(400, 404, 422)
  kpis(@Param() p: EdrpouParam, @Query() q: YearQuery): Promise<KpiSet> {
    return this.bus.send(OPS.kpis, { edrpou: p.edrpou, year: q.year });
  }

  @Get(':edrpou/assessment')
  @ApiOperation({
    summary: 'Assessment of the enterprise in a year',
    description:
      'Each KPI\'s percentile in its sector, a composite score 0–100 with every component\'s weight and contribution, flags, recommendations in Ukrainian and English citing the figures, ' +
      'budget support and the procurement summary. Method: docs/enterprise-methodology.md. 404 without a statement for the year.',
  })
  @ApiReply(OPS.assessment)
  @ApiProblems(400, 404, 422)
  assessment(@Param() p: EdrpouParam, @Query() q: YearQuery): Promise<Assessment> {
    return this.bus.send(OPS.assessment, { edrpou: p.edrpou, year: q.year });
  }
}

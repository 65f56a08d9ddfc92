import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CommunityPrioritiesView,
  ConceptVersionView,
  ConceptView,
  CONSULTATIONS_SUBJECTS,
  ConsultationResults,
  ConsultationView,
  DomainError,
  PaperImportReport,
  Page,
  SubmissionReceipt,
  SubmissionReply,
} from '@vidnova/contracts';
import { BusClient, UploadStore } from '@vidnova/messaging';
import { RAW_UPLOAD_TYPES, receiveUpload } from '../platform/upload';
import { Roles } from '../auth/roles';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, UPLOAD_STORE } from '../platform/bus.module';
import {
  CommunityPrioritiesDto,
  ConceptDto,
  ConceptPageDto,
  ConceptTransitionDto,
  ConceptVersionDto,
  ConsultationDto,
  ConsultationPageDto,
  ConsultationPatchDto,
  ConsultationResultsDto,
  CreateConceptDto,
  CreateConsultationDto,
  ImportReportDto,
  ListConceptsQueryDto,
  ListConsultationsQueryDto,
  ResultsQueryDto,
  SubmissionDto,
  SubmissionReceiptDto,
  UpdateConceptDto,
} from './consultation.dto';

/** Imports read a whole file; give them longer than an ordinary request. */
const IMPORT_TIMEOUT_MS = 10 * 60 * 1000;
const RESULTS_TIMEOUT_MS = 5 * 60 * 1000;

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
}

@ApiTags('consultations')
@ApiSecurity('apiKey')
@Controller('api/v1/consultations')
export class ConsultationsController {
  constructor(
    private readonly bus: BusClient,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Create a consultation (starts as draft)' })
  @ApiCreatedResponse({ type: ConsultationDto })
  create(@Body() dto: CreateConsultationDto): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationCreate, { consultation: dto });
  }

  @Get()
  @ApiOperation({ summary: 'Find consultations' })
  @ApiOkResponse({ type: ConsultationPageDto })
  list(@Query() q: ListConsultationsQueryDto): Promise<Page<ConsultationView>> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationList, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsultationDto })
  get(@Param('id') id: string): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationGet, { id });
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Edit a consultation and its questions (draft only; 409 otherwise)' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'The consultation is no longer a draft' })
  update(@Param('id') id: string, @Body() dto: ConsultationPatchDto): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationUpdate, { id, changes: dto });
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('editor')
  @ApiOperation({ summary: 'draft → open: start accepting submissions' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'Invalid transition' })
  open(@Param('id') id: string): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationTransition, { id, action: 'open' });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('editor')
  @ApiOperation({ summary: 'open → closed: stop accepting submissions' })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'Invalid transition' })
  close(@Param('id') id: string): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationTransition, { id, action: 'close' });
  }

  @Post(':id/publish-results')
  @HttpCode(200)
  @Roles('editor')
  @ApiOperation({
    summary: 'closed → results_published: records the community priority list',
    description: 'The priority list orders recovery categories (from option tags) by their share of support; see GET /api/v1/communities/{katottg}/priorities.',
  })
  @ApiOkResponse({ type: ConsultationDto })
  @ApiConflictResponse({ description: 'Invalid transition' })
  publish(@Param('id') id: string): Promise<ConsultationView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.consultationTransition, { id, action: 'publish-results' }, { timeoutMs: RESULTS_TIMEOUT_MS });
  }

  @Post(':id/submissions')
  @ApiOperation({
    summary: 'Submit answers (only while open)',
    description: 'One submission per respondent token (409 on a repeat). A retry with the same Idempotency-Key returns the first reply (status and body) with `Idempotent-Replayed: true`.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string per logical submission (max 200 characters)' })
  @ApiCreatedResponse({ type: SubmissionReceiptDto })
  @ApiConflictResponse({ description: 'Not open, or this respondent already answered' })
  @ApiUnprocessableEntityResponse({ description: 'An answer does not fit its question; `questionId` names it' })
  async submit(
    @Param('id') id: string,
    @Body() dto: SubmissionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ReplyLike,
  ): Promise<SubmissionReceipt> {
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
      throw new DomainError('validation_failed', 'Idempotency-Key must be 1 to 200 characters', undefined, [{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    }
    const reply = await this.bus.request<SubmissionReply>(CONSULTATIONS_SUBJECTS.submissionCreate, {
      consultationId: id,
      submission: dto,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    res.status(reply.status);
    if (reply.replayed) res.header('idempotent-replayed', 'true');
    return reply.body;
  }

  @Post(':id/submissions/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import paper or meeting forms from CSV (one row per form)',
    description:
      'Columns: `respondentToken` (required), optional `channel` (paper by default), profile columns `ageBand`, `gender`, `status`, `settlement`, ' +
      'and per question `<questionId>` (option id, number, text; `;`-separated ids for multiple choice and rankings, best first) or `<questionId>.<optionId>` ' +
      '(a mark such as 1 or x for a multiple-choice option; the rank 1, 2, 3... for a ranking option). Columns starting with `#` or `_` are ignored. ' +
      'Every row is checked like an online submission: a rejected row stores nothing and is reported with its line and reason; good rows are kept.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'respondentToken,status,q1,q2.water,q2.roads\nFORM-1,resident,yes,1,2\n' } })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiConflictResponse({ description: 'The consultation is not open' })
  @ApiUnprocessableEntityResponse({ description: 'The header has unknown columns or lacks respondentToken' })
  async import(@Param('id') id: string, @Req() req: { body?: unknown; headers: Record<string, string | undefined> }): Promise<PaperImportReport> {
    const ref = await receiveUpload(req, this.uploads, {
      limit: this.config.UPLOAD_LIMIT_BYTES,
      types: RAW_UPLOAD_TYPES,
      hint: 'Send the CSV as the request body with Content-Type: text/csv',
    });
    return this.bus.request(
      CONSULTATIONS_SUBJECTS.submissionImport,
      { consultationId: id, upload: { bucket: ref.bucket, name: ref.name } },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Results: counts, shares with 95% Wilson intervals, scale mean/median, Borda rankings',
    description: 'With ?by=<profile field> every figure is also given per group; a group of fewer than 5 respondents is suppressed (`suppressed: true`, no figures), and so is the next smallest group when it alone would reveal it.',
  })
  @ApiOkResponse({ type: ConsultationResultsDto })
  results(@Param('id') id: string, @Query() q: ResultsQueryDto): Promise<ConsultationResults> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.resultsGet, { id, ...(q.by ? { by: q.by } : {}) }, { timeoutMs: RESULTS_TIMEOUT_MS });
  }

  @Get(':id/results.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Results as CSV for analysts (same figures and suppression as the JSON)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async resultsCsv(@Param('id') id: string, @Query() q: ResultsQueryDto): Promise<string> {
    const r = await this.bus.request<{ csv: string }>(CONSULTATIONS_SUBJECTS.resultsCsv, { id, ...(q.by ? { by: q.by } : {}) }, { timeoutMs: RESULTS_TIMEOUT_MS });
    return r.csv;
  }

  @Post(':id/concepts')
  @Roles('editor')
  @ApiOperation({ summary: 'Draft a recovery concept from published results' })
  @ApiCreatedResponse({ type: ConceptDto })
  @ApiConflictResponse({ description: 'Results are not published yet' })
  createConcept(@Param('id') consultationId: string, @Body() dto: CreateConceptDto): Promise<ConceptView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptCreate, { consultationId, concept: dto });
  }

  @Get(':id/concepts')
  @ApiOkResponse({ type: ConceptPageDto })
  listConcepts(@Param('id') consultationId: string, @Query() q: ListConceptsQueryDto): Promise<Page<ConceptView>> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptList, { consultationId, ...q });
  }

  @Get(':id/concepts/:conceptId')
  @ApiOkResponse({ type: ConceptDto })
  getConcept(@Param('id') consultationId: string, @Param('conceptId') id: string): Promise<ConceptView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptGet, { consultationId, id });
  }

  @Patch(':id/concepts/:conceptId')
  @Roles('editor')
  @ApiOperation({ summary: 'Edit a concept (draft or under discussion); keeps a version' })
  @ApiOkResponse({ type: ConceptDto })
  updateConcept(@Param('id') consultationId: string, @Param('conceptId') id: string, @Body() dto: UpdateConceptDto): Promise<ConceptView> {
    const { reason, ...changes } = dto;
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptUpdate, { consultationId, id, changes, ...(reason ? { reason } : {}) });
  }

  @Post(':id/concepts/:conceptId/status')
  @HttpCode(200)
  @Roles('editor')
  @ApiOperation({ summary: 'Move a concept: draft → under_discussion → adopted | rejected | withdrawn (with a reason)' })
  @ApiOkResponse({ type: ConceptDto })
  @ApiConflictResponse({ description: 'Invalid transition' })
  transitionConcept(@Param('id') consultationId: string, @Param('conceptId') id: string, @Body() dto: ConceptTransitionDto): Promise<ConceptView> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptTransition, { consultationId, id, status: dto.status, reason: dto.reason });
  }

  @Get(':id/concepts/:conceptId/versions')
  @ApiOperation({ summary: 'Every version of a concept, newest first, with who changed it and why' })
  @ApiOkResponse({ type: [ConceptVersionDto] })
  conceptVersions(@Param('id') consultationId: string, @Param('conceptId') id: string): Promise<ConceptVersionView[]> {
    return this.bus.request(CONSULTATIONS_SUBJECTS.conceptVersions, { consultationId, id });
  }
}

@ApiTags('consultations')
@ApiSecurity('apiKey')
@Controller('api/v1/communities')
export class CommunityPrioritiesController {
  constructor(private readonly bus: BusClient) {}

  @Get(':katottg/priorities')
  @ApiOperation({ summary: "A community's recovery priorities from published consultations: the latest list and the history" })
  @ApiOkResponse({ type: CommunityPrioritiesDto })
  priorities(@Param('katottg') katottg: string): Promise<CommunityPrioritiesView> {
    if (!/^UA\d{17}$/.test(katottg)) {
      throw new DomainError('validation_failed', 'katottg must be a KATOTTG code such as UA07020130000046221', undefined, [{ field: 'katottg', message: 'not a KATOTTG code' }]);
    }
    return this.bus.request(CONSULTATIONS_SUBJECTS.prioritiesGet, { communityCode: katottg });
  }
}

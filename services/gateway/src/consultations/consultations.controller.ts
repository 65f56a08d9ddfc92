import { Body, Controller, Get, Header, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  CommunityPrioritiesView,
  ConceptVersionView,
  ConceptView,
  CONSULTATIONS_OPS,
  ConsultationAction,
  ConsultationChanges,
  ConsultationResults,
  ConsultationView,
  IssuedRespondentTokens,
  ListConsultationsRequest,
  NewConcept,
  NewConsultation,
  Page,
  RespondentTokenCount,
  SubmissionFields,
  SubmissionImportReport,
  SubmissionReceipt,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Roles, WRITING_ROLES } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { ReplyNotStored } from '../platform/idempotency.interceptor';
import { UploadForwarder, UploadRoute } from '../platform/upload';
import { CommunityParams, ConceptPatch, ConceptStatusChange, ListConceptsQuery, ResultsQuery } from './consultation.dto';

/** Results are computed over every submission: give them longer than an ordinary request. */
const RESULTS_TIMEOUT_MS = 5 * 60 * 1000;

const OPS = CONSULTATIONS_OPS;

interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

@ApiTags('consultations')
@ApiSecurity('apiKey')
@Controller('api/v1/consultations')
export class ConsultationsController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: UploadForwarder,
  ) {}

  @Post()
  @Roles('editor')
  @ApiOperation({
    summary: 'Create a consultation (starts as draft)',
    description:
      'A consultation of one hromada (`communityCode`, KATOTTG) or across communities, with its questionnaire. Options may carry a recovery ' +
      'category (GET /api/v1/reference/recovery-categories; an unknown one is 400) from which the priority list is built when results are published.',
  })
  @ApiReply(OPS.consultationCreate, { status: 201, description: 'The new consultation (draft)' })
  @ApiProblems(400, 422)
  create(@Body() dto: NewConsultation): Promise<ConsultationView> {
    return this.bus.send(OPS.consultationCreate, { consultation: dto });
  }

  @Get()
  @ApiOperation({ summary: 'Find consultations', description: 'By community and status, newest first, a page at a time.' })
  @ApiReply(OPS.consultationList)
  @ApiProblems(400)
  list(@Query() q: ListConsultationsRequest): Promise<Page<ConsultationView>> {
    return this.bus.send(OPS.consultationList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A consultation', description: 'The consultation with its questionnaire, status and status history.' })
  @ApiReply(OPS.consultationGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<ConsultationView> {
    return this.bus.send(OPS.consultationGet, { id });
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({
    summary: 'Edit a consultation and its questions',
    description: 'Only while draft (409 otherwise). `questions`, when given, replaces the whole questionnaire.',
  })
  @ApiReply(OPS.consultationUpdate, { description: 'The consultation as changed' })
  @ApiProblems(400, 404, 409, 422)
  update(@Param('id') id: string, @Body() dto: ConsultationChanges): Promise<ConsultationView> {
    return this.bus.send(OPS.consultationUpdate, { id, changes: dto });
  }

  @Post(':id/open')
  @Roles('editor')
  @ApiOperation({ summary: 'Open a consultation: draft → open', description: 'Starts accepting submissions. The consultation needs at least one question; any other starting status is 409.' })
  @ApiReply(OPS.consultationTransition, { description: 'The consultation, now open' })
  @ApiProblems(404, 409)
  open(@Param('id') id: string): Promise<ConsultationView> {
    return this.transition(id, 'open');
  }

  @Post(':id/close')
  @Roles('editor')
  @ApiOperation({ summary: 'Close a consultation: open → closed', description: 'Stops accepting submissions; any other starting status is 409.' })
  @ApiReply(OPS.consultationTransition, { description: 'The consultation, now closed' })
  @ApiProblems(404, 409)
  close(@Param('id') id: string): Promise<ConsultationView> {
    return this.transition(id, 'close');
  }

  @Post(':id/publish-results')
  @Roles('editor')
  @ApiOperation({
    summary: 'Publish results: closed → results_published',
    description:
      'Records the community priority list: recovery categories (from option tags) ordered by their share of support; ' +
      'see GET /api/v1/communities/{katottg}/priorities. Any other starting status is 409.',
  })
  @ApiReply(OPS.consultationTransition, { description: 'The consultation, results published' })
  @ApiProblems(404, 409)
  publish(@Param('id') id: string): Promise<ConsultationView> {
    return this.transition(id, 'publish-results');
  }

  private transition(id: string, action: ConsultationAction): Promise<ConsultationView> {
    return this.bus.send(OPS.consultationTransition, { id, action }, action === 'publish-results' ? { timeoutMs: RESULTS_TIMEOUT_MS } : {});
  }

  @Post(':id/respondent-tokens')
  @Roles('editor')
  @ReplyNotStored('respondent tokens')
  @ApiOperation({
    summary: 'Issue one-time respondent tokens for the online channel',
    description:
      'Returns `count` (1..10000) random tokens, each good for one online submission to this consultation, while it is draft or open (409 otherwise). ' +
      'They are shown only in this reply: the platform keeps a keyed hash of each, never the token, so a lost token cannot be shown again ' +
      '(issue new ones). A retry with the same Idempotency-Key does not show them again either: the replay says the body was not stored.',
  })
  @ApiReply(OPS.respondentTokensIssue, { status: 201, description: 'The tokens, shown once' })
  @ApiProblems(400, 404, 409)
  issueTokens(@Param('id') id: string, @Body() dto: RespondentTokenCount): Promise<IssuedRespondentTokens> {
    return this.bus.send(OPS.respondentTokensIssue, { consultationId: id, count: dto.count });
  }

  @Post(':id/submissions')
  @ApiOperation({
    summary: 'Submit answers (only while open)',
    description:
      'Online (the default channel): `respondentToken` must be a one-time token issued by POST /api/v1/consultations/{id}/respondent-tokens; ' +
      'the submission spends it (409 when it was spent already, 422 when it was never issued for this consultation). A paper, meeting or phone ' +
      'form entered here carries its form number and needs an editor or admin key (403 otherwise). Only a keyed hash of a token is stored. ' +
      'Each answer is checked against its question (422 naming `questionId`). A retry with the same Idempotency-Key gets the first reply with `Idempotent-Replayed: true`.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string per logical submission (max 200 characters)' })
  @ApiReply(OPS.submissionCreate, { status: 201, description: 'Received' })
  @ApiProblems(400, 404, 409, 422)
  submit(@Param('id') id: string, @Body() dto: SubmissionFields): Promise<SubmissionReceipt> {
    return this.bus.send(OPS.submissionCreate, { consultationId: id, submission: dto });
  }

  @Post(':id/submissions/import')
  @UploadRoute({
    roles: WRITING_ROLES,
    summary: 'Import paper or meeting forms from CSV (one row per form)',
    description:
      'Columns: `respondentToken` (required), optional `channel` (paper by default), profile columns `ageBand`, `gender`, `status`, `settlement`, ' +
      'and per question `<questionId>` (option id, number, text; `;`-separated ids for multiple choice and rankings, best first) or `<questionId>.<optionId>` ' +
      '(a mark such as 1 or x for a multiple-choice option; the rank 1, 2, 3... for a ranking option). Columns starting with `#` or `_` are ignored. ' +
      'Every row is checked like an online submission: a rejected row stores nothing and is reported with its line, reason and question (`field`); good rows are kept. ' +
      'A header with unknown columns or without respondentToken is 422 at once and stores nothing; a consultation that is not open is 409.',
    reply: SubmissionImportReport,
  })
  @ApiProblems(404, 409)
  import(@Param('id') id: string, @Req() req: { body?: unknown; headers: Record<string, string | undefined> }, @Res({ passthrough: true }) res: HttpReply): Promise<SubmissionImportReport> {
    return this.uploads.forward(
      req,
      res,
      OPS.submissionImport,
      (upload) => ({ consultationId: id, upload }),
      (report) => `/api/v1/consultations/${id}/submissions/imports/${report.id}`,
    );
  }

  @Get(':id/submissions/imports/:importId')
  @ApiOperation({
    summary: 'A paper-form import: status, progress and counts',
    description: 'Poll until `status` is `completed` or `failed`. Rejected rows are listed with their line in the file (the header is line 1), reason and question.',
  })
  @ApiReply(OPS.submissionImportGet)
  @ApiProblems(404)
  importReport(@Param('id') consultationId: string, @Param('importId') id: string): Promise<SubmissionImportReport> {
    return this.bus.send(OPS.submissionImportGet, { consultationId, id });
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Results: counts, shares with 95% Wilson intervals, scale mean/median, Borda rankings',
    description:
      'Before the results are published only editors and admins may read them (403 for other roles: live figures read before and after one ballot would reveal it). ' +
      'With ?by=<ageBand|gender|status> every figure is also given per group (labels are the field\'s listed values or `not_stated`, never free text such as a settlement); ' +
      'a group of fewer than 5 respondents is suppressed (`suppressed: true`, no figures), and so is the next smallest group when it alone would reveal it. Free text is counted, never shown.',
  })
  @ApiReply(OPS.resultsGet)
  @ApiProblems(400, 404)
  results(@Param('id') id: string, @Query() q: ResultsQuery): Promise<ConsultationResults> {
    return this.bus.send(OPS.resultsGet, { id, ...(q.by ? { by: q.by } : {}) }, { timeoutMs: RESULTS_TIMEOUT_MS });
  }

  @Get(':id/results.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: 'Results as CSV for analysts',
    description:
      'The same figures, suppression and access as the JSON results (editors and admins only before publication): one line per question option (or scale value), overall first, then each group.',
  })
  @ApiReply(OPS.resultsCsv, {
    description: 'CSV with a header line',
    example:
      'group_field,group_value,suppressed,respondents,question_id,type,answered,option_or_value,count,share,ci95_low,ci95_high,borda_score,borda_rank,first_preference_share,mean,median\n' +
      'all,all,false,412,q1,single_choice,410,roads,162,0.3951,0.3490,0.4431,,,,,\n',
  })
  @ApiProblems(400, 404)
  resultsCsv(@Param('id') id: string, @Query() q: ResultsQuery): Promise<string> {
    return this.bus.send(OPS.resultsCsv, { id, ...(q.by ? { by: q.by } : {}) }, { timeoutMs: RESULTS_TIMEOUT_MS });
  }

  @Post(':id/concepts')
  @Roles('editor')
  @ApiOperation({
    summary: 'Draft a recovery concept from published results',
    description: 'Only once results are published (409 before). Categories are recovery category ids (400 for an unknown one).',
  })
  @ApiReply(OPS.conceptCreate, { status: 201, description: 'The new concept (draft, version 1)' })
  @ApiProblems(400, 404, 409, 422)
  createConcept(@Param('id') consultationId: string, @Body() dto: NewConcept): Promise<ConceptView> {
    return this.bus.send(OPS.conceptCreate, { consultationId, concept: dto });
  }

  @Get(':id/concepts')
  @ApiOperation({ summary: 'Recovery concepts of a consultation', description: 'Optionally by status, a page at a time.' })
  @ApiReply(OPS.conceptList)
  @ApiProblems(400, 404)
  listConcepts(@Param('id') consultationId: string, @Query() q: ListConceptsQuery): Promise<Page<ConceptView>> {
    return this.bus.send(OPS.conceptList, { consultationId, ...q });
  }

  @Get(':id/concepts/:conceptId')
  @ApiOperation({ summary: 'A recovery concept', description: 'Its current content, status and version.' })
  @ApiReply(OPS.conceptGet)
  @ApiProblems(404)
  getConcept(@Param('id') consultationId: string, @Param('conceptId') id: string): Promise<ConceptView> {
    return this.bus.send(OPS.conceptGet, { consultationId, id });
  }

  @Patch(':id/concepts/:conceptId')
  @Roles('editor')
  @ApiOperation({
    summary: 'Edit a recovery concept',
    description: 'While draft or under discussion (409 otherwise); keeps a version with who changed it and why. 409 also when someone else changed it meanwhile.',
  })
  @ApiReply(OPS.conceptUpdate, { description: 'The concept as changed' })
  @ApiProblems(400, 404, 409, 422)
  updateConcept(@Param('id') consultationId: string, @Param('conceptId') id: string, @Body() dto: ConceptPatch): Promise<ConceptView> {
    const { reason, ...changes } = dto;
    return this.bus.send(OPS.conceptUpdate, { consultationId, id, changes, ...(reason ? { reason } : {}) });
  }

  @Post(':id/concepts/:conceptId/status')
  @Roles('editor')
  @ApiOperation({
    summary: 'Move a recovery concept to another status',
    description: 'draft → under_discussion → adopted | rejected | withdrawn (and back to draft from discussion), with a reason kept in the version history; any other move is 409.',
  })
  @ApiReply(OPS.conceptTransition, { description: 'The concept in its new status' })
  @ApiProblems(400, 404, 409)
  transitionConcept(@Param('id') consultationId: string, @Param('conceptId') id: string, @Body() dto: ConceptStatusChange): Promise<ConceptView> {
    return this.bus.send(OPS.conceptTransition, { consultationId, id, status: dto.status, reason: dto.reason });
  }

  @Get(':id/concepts/:conceptId/versions')
  @ApiOperation({ summary: 'Versions of a recovery concept', description: 'Every version, newest first, with who changed it (API key id), when and why.' })
  @ApiReply(OPS.conceptVersions)
  @ApiProblems(404)
  conceptVersions(@Param('id') consultationId: string, @Param('conceptId') id: string): Promise<ConceptVersionView[]> {
    return this.bus.send(OPS.conceptVersions, { consultationId, id });
  }
}

@ApiTags('consultations')
@ApiSecurity('apiKey')
@Controller('api/v1/communities')
export class CommunityPrioritiesController {
  constructor(private readonly bus: BusClient) {}

  @Get(':katottg/priorities')
  @ApiOperation({
    summary: "A community's recovery priorities",
    description: 'From its consultations with published results: the latest priority list and every list, newest first. Category ids are those of GET /api/v1/reference/recovery-categories.',
  })
  @ApiReply(OPS.prioritiesGet)
  @ApiProblems(400)
  priorities(@Param() p: CommunityParams): Promise<CommunityPrioritiesView> {
    return this.bus.send(OPS.prioritiesGet, { communityCode: p.katottg });
  }
}

import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ListReportsRequest, Page, REPORTING_OPS, ReportFormat, ReportView } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { ReportContentStore } from './report-store';
import { ContentQuery, NewReport } from './reports.http';

const TYPES_TEXT =
  '`community-monitoring` (needs `community`): published priorities next to recovery spending by category with the priority–budget alignment index, ' +
  'execution, capital spending, transfer dependence, anomalies and guidelines, communal enterprises (scores, flags, budget support, procurement), ' +
  'public dialogue (events, involvement index, commitments done / open / overdue), diaspora initiatives, recommendations with their evidence, ' +
  'and data gaps (in Ukrainian and English) for sources that did not answer; ' +
  '`budget-brief` (needs `budgetCode`): the budget-analysis figures with charts; `civil-society-involvement` (needs `community` or `oblast`, ' +
  'exactly one; an unknown oblast is 422): priorities, dialogue involvement figures and diaspora initiatives of the period — for an oblast the ' +
  'dialogue figures over all its communities, the initiatives aimed at any of them, and priorities named under data gaps as per community only; ' +
  '`diaspora-landscape` (needs `country`). Methodology: docs/reporting.md.';

const MEDIA: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
};

@ApiTags('reports')
@ApiSecurity('apiKey')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly bus: BusClient,
    private readonly store: ReportContentStore,
  ) {}

  @Post()
  @Roles('analyst', 'editor')
  @ApiOperation({
    summary: 'Run a report (answers at once; a worker builds it)',
    description:
      `${TYPES_TEXT} The run id is derived from type, subject and period: asking again answers the existing run (whatever its status) ` +
      'unless `force` is true, which starts its next revision once it has finished. Poll `Location` until `status` is `completed`, `partial` (a source ' +
      'did not answer: see `gaps`) or `failed`.',
  })
  @ApiReply(REPORTING_OPS.reportCreate, { status: 202, description: 'Accepted; `Location` names the run' })
  @ApiResponse({ status: 202, description: 'Accepted', headers: { Location: { description: 'URL of the run', schema: { type: 'string', example: '/api/v1/reports/3f1c9a0b7d2e4c5f6a7b8c9d' } } } })
  @ApiProblems(400, 422, 503)
  async create(@Body() body: NewReport, @Res({ passthrough: true }) res: FastifyReply): Promise<ReportView> {
    const run = await this.bus.send(REPORTING_OPS.reportCreate, body);
    res.header('location', `/api/v1/reports/${run.id}`);
    return run;
  }

  @Get()
  @ApiOperation({ summary: 'Report runs, newest first', description: 'Filters combine (AND): `type`, `community`, `oblast`, `status`. Every run is listed with its inputs (type, subject, period) and earlier revisions.' })
  @ApiReply(REPORTING_OPS.reportList)
  @ApiProblems(400)
  list(@Query() q: ListReportsRequest): Promise<Page<ReportView>> {
    return this.bus.send(REPORTING_OPS.reportList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report run: status, progress, timings, errors, data gaps, content links', description: 'Status: queued, running, completed, partial (with `gaps`), failed (with `errors`).' })
  @ApiReply(REPORTING_OPS.reportGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<ReportView> {
    return this.bus.send(REPORTING_OPS.reportGet, { id });
  }

  @Get(':id/content.json')
  @ApiOperation({ summary: 'The report as JSON (every figure of every section, money in kopiykas)', description: 'Both languages are inside; `ETag` for caching (`If-None-Match` → 304).' })
  @ApiProduces(MEDIA.json)
  @ApiResponse({ status: 200, description: 'The report', content: { [MEDIA.json]: { schema: { type: 'object', additionalProperties: true }, example: { type: 'community-monitoring', status: 'partial', sections: {}, gaps: [] } } } })
  @ApiProblems(400, 404, 409)
  json(@Param('id') id: string, @Query() q: ContentQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.content(id, 'json', q, req, res);
  }

  @Get(':id/content.csv')
  @ApiOperation({ summary: 'The report’s figures as CSV (one figure per line, money as exact UAH decimals)', description: 'UTF-8 with BOM; `ETag` for caching.' })
  @ApiProduces(MEDIA.csv)
  @ApiResponse({ status: 200, description: 'CSV', content: { [MEDIA.csv]: { schema: { type: 'string' }, example: 'report,subject,period,section,source,item,measure,value,unit\r\ncommunity-monitoring,UA07060450000051170,2022,budget,budget-analysis,,executed,102819958.75,UAH\r\n' } } })
  @ApiProblems(400, 404, 409)
  csv(@Param('id') id: string, @Query() q: ContentQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.content(id, 'csv', q, req, res);
  }

  @Get(':id/content.html')
  @ApiOperation({ summary: 'The report as one self-contained HTML page with SVG charts, readable on a phone', description: '`?lang=uk|en`; no scripts or external resources.' })
  @ApiProduces(MEDIA.html)
  @ApiResponse({ status: 200, description: 'HTML', content: { [MEDIA.html]: { schema: { type: 'string' }, example: '<!doctype html><html lang="uk">…</html>' } } })
  @ApiProblems(400, 404, 409)
  html(@Param('id') id: string, @Query() q: ContentQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.content(id, 'html', q, req, res);
  }

  @Get(':id/content.pdf')
  @ApiOperation({ summary: 'The report as PDF, printed from the same HTML', description: '`?lang=uk|en`.' })
  @ApiProduces(MEDIA.pdf)
  @ApiResponse({ status: 200, description: 'PDF', content: { [MEDIA.pdf]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 409)
  pdf(@Param('id') id: string, @Query() q: ContentQuery, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    return this.content(id, 'pdf', q, req, res);
  }

  /** Streams stored content from the object store; the bus carries only where it is. */
  private async content(id: string, format: ReportFormat, q: ContentQuery, req: FastifyRequest, res: FastifyReply): Promise<void> {
    const ref = await this.bus.send(REPORTING_OPS.reportContent, { id, format, ...(q.lang ? { lang: q.lang } : {}) });
    res.header('etag', ref.etag).header('cache-control', 'private, max-age=0, must-revalidate');
    const match = String(req.headers['if-none-match'] ?? '').split(',').map((s) => s.trim());
    if (match.includes(ref.etag) || match.includes('*')) {
      await res.status(304).send();
      return;
    }
    const stream = await (await this.store.get()).open({ bucket: ref.bucket, name: ref.name });
    if (!stream) {
      await res.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `The content of report ${id} is no longer stored (retention)` });
      return;
    }
    const disposition = format === 'html' ? 'inline' : 'attachment';
    await res
      .status(200)
      .header('content-type', ref.contentType)
      .header('content-length', String(ref.size))
      .header('content-disposition', `${disposition}; filename="${ref.filename}"`)
      .header('x-content-type-options', 'nosniff')
      // The HTML has no scripts and loads nothing: a browser opening it may not run or fetch anything either.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
      .send(stream);
  }
}

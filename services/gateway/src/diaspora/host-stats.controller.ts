import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DIASPORA_OPS, GetHostStatsRequest, HostStatsImportReport, HostStatsSeries, ImportIdRequest } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Role, Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { UploadForwarder, UploadRoute } from '../platform/upload';

// Statistics imports overwrite public figures: editors and admins only (also checked by the service).
const IMPORTING_ROLES: Role[] = ['admin', 'editor'];
const BASE = '/api/v1/diaspora/host-country-statistics';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/host-country-statistics')
export class HostStatsController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: UploadForwarder,
  ) {}

  @Post('import')
  @UploadRoute({
    roles: IMPORTING_ROLES,
    summary: 'Import the UNHCR refugees-from-Ukraine-by-host-country CSV',
    description:
      'The file as published by ONE Campaign (columns `iso_code,Country,Data Date,Refugees from Ukraine recorded in country as of date,...`). ' +
      'One observation per country and month is kept: importing the same file again changes nothing (all rows `unchanged`). ' +
      'A file that is not this table (wrong header) is refused at once with 422 and stores nothing.',
    reply: HostStatsImportReport,
  })
  import(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<HostStatsImportReport> {
    return this.uploads.forward(req, res, DIASPORA_OPS.hostStatsImport, (upload) => ({ upload }), (r) => `${BASE}/imports/${r.id}`);
  }

  @Get('imports/:id')
  @Roles(...IMPORTING_ROLES)
  @ApiOperation({
    summary: 'An import of the UNHCR table: status, progress and outcome',
    description: 'Poll until `status` is `completed` (counts of inserted, updated and unchanged figures, rejected rows with line and reason) or `failed` (`failure` says why; nothing was stored).',
  })
  @ApiReply(DIASPORA_OPS.hostStatsImportGet)
  @ApiProblems(404)
  importReport(@Param() p: ImportIdRequest): Promise<HostStatsImportReport> {
    return this.bus.send(DIASPORA_OPS.hostStatsImportGet, { id: p.id });
  }

  @Get()
  @ApiOperation({
    summary: 'Monthly refugees from Ukraine recorded in a host country',
    description: 'The series of one country ordered by month, optionally within `from`..`to`; 404 when nothing is recorded for the country in that period.',
  })
  @ApiReply(DIASPORA_OPS.hostStatsGet)
  @ApiProblems(400, 404)
  series(@Query() q: GetHostStatsRequest): Promise<HostStatsSeries> {
    return this.bus.send(DIASPORA_OPS.hostStatsGet, q);
  }
}

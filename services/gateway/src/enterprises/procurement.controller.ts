import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { BuyerSummary, ENTERPRISE_EFFICIENCY_OPS as OPS, ImportIdRequest, ProcurementImportReport } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Role, Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { UploadForwarder, UploadRoute } from '../platform/upload';
import { EdrpouParam, YearQuery } from './enterprises.http';

const IMPORTING_ROLES: Role[] = ['admin', 'editor'];
const BASE = '/api/v1/procurement';
/** A package is JSON but sent raw (streamed to the object store), not parsed by the gateway: its size is not bound by a bus message. */
const OCDS_TYPES: ReadonlySet<string> = new Set(['application/octet-stream', 'text/plain']);

@ApiTags('procurement')
@ApiSecurity('apiKey')
@Controller('api/v1/procurement')
export class ProcurementController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: UploadForwarder,
  ) {}

  @Post('imports')
  @UploadRoute({
    roles: IMPORTING_ROLES,
    summary: 'Import a Prozorro OCDS record or release package',
    description:
      'The package as Prozorro publishes it (`{"records": [...]}` or `{"releases": [...]}`), streamed — tens of MB are fine. Each release is stored once by `ocid` and release `id`: ' +
      'the same package again gives `unchanged`. Records without an ocid, buyer identifier or tender date are listed in `rejected` with their position, ocid and reason. ' +
      'Contact points (people) are not stored.',
    reply: ProcurementImportReport,
    body: {
      mediaType: 'application/octet-stream',
      example: '{"uri":"...","publisher":{"name":"Prozorro"},"releases":[{"ocid":"ocds-be6bcu-UA-2024-01-01-000001-a","id":"...","date":"2024-01-01T10:00:00+02:00","tag":["tender"],"buyer":{"id":"UA-EDR-32501397","name":"..."},"tender":{"procurementMethod":"open","value":{"amount":100000,"currency":"UAH"}}}]}',
      how: 'Send the JSON package as the request body with `Content-Type: application/octet-stream` (it is streamed, not parsed by the gateway)',
    },
  })
  import(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<ProcurementImportReport> {
    return this.uploads.forward(req, res, OPS.procurementImportStart, (upload) => ({ upload }), (r) => `${BASE}/imports/${r.id}`, {
      types: OCDS_TYPES,
      hint: 'Send the OCDS package as the request body with Content-Type: application/octet-stream',
    });
  }

  @Get('imports/:id')
  @Roles(...IMPORTING_ROLES)
  @ApiOperation({ summary: 'An OCDS import: status, progress and outcome', description: 'Poll until `status` is `completed` or `failed`.' })
  @ApiReply(OPS.procurementImportGet)
  @ApiProblems(404)
  importReport(@Param() p: ImportIdRequest): Promise<ProcurementImportReport> {
    return this.bus.send(OPS.procurementImportGet, { id: p.id });
  }

  @Get('buyers/:edrpou')
  @ApiOperation({
    summary: 'Procurement summary of a buyer in a year',
    description:
      'Any buyer (a registered enterprise or not). A procedure counts once per ocid, in the state of its latest release, in the year of its tender date; limited and direct are ' +
      'non-competitive, open and selective competitive; expectedValue sums tender.value, contractedValue active and terminated contracts, savings = expected − contracted over ' +
      'procedures with both; averageTenderers over competitive procedures that report them. Amounts in kopiykas (UAH only). Rules: docs/enterprise-methodology.md.',
  })
  @ApiReply(OPS.buyerSummary)
  @ApiProblems(400, 422)
  buyer(@Param() p: EdrpouParam, @Query() q: YearQuery): Promise<BuyerSummary> {
    return this.bus.send(OPS.buyerSummary, { edrpou: p.edrpou, year: q.year });
  }
}

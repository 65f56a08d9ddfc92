import { Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { DIASPORA_SUBJECTS, HostStatsSeries, ImportHostStatsReply } from '@vidnova/contracts';
import { BusClient, BusError, UploadStore } from '@vidnova/messaging';
import { receiveUpload } from '../platform/upload';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../auth/roles';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, UPLOAD_STORE } from '../platform/bus.module';
import { HostStatsQueryDto, HostStatsSeriesDto, ImportReportDto } from './host-stats.dto';

/** An import reads and writes the whole file; it may take longer than an ordinary request. */
const IMPORT_TIMEOUT_MS = 5 * 60 * 1000;

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/host-country-statistics')
export class HostStatsController {
  constructor(
    private readonly bus: BusClient,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'editor', 'partner', 'analyst')
  @ApiOperation({
    summary: 'Import the UNHCR refugees-from-Ukraine-by-host-country CSV',
    description:
      'Send the file as the body with `Content-Type: text/csv` (columns `iso_code,Country,Data Date,Refugees from Ukraine recorded in country as of date,...`, ' +
      'as published by ONE Campaign). One observation per country and month is kept: importing the same file again changes nothing. ' +
      'A file that is not this table is refused with 422 and stores nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiUnprocessableEntityResponse({ description: 'Not the UNHCR by-country table (wrong header) or not CSV at all' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than UPLOAD_LIMIT_BYTES' })
  async import(@Req() req: FastifyRequest): Promise<ImportHostStatsReply> {
    const ref = await receiveUpload(req as never, this.uploads, {
      limit: this.config.UPLOAD_LIMIT_BYTES,
      types: CSV_ONLY,
      hint: 'Send the CSV file as the request body with Content-Type: text/csv',
    });
    try {
      return await this.bus.request<ImportHostStatsReply>(DIASPORA_SUBJECTS.hostStatsImport, { upload: { bucket: ref.bucket, name: ref.name } }, {
        timeoutMs: IMPORT_TIMEOUT_MS,
      });
    } catch (e) {
      // Nobody took the file: drop it now rather than leave it to the bucket's expiry.
      if (e instanceof BusError && e.envelope.code === 'service_unavailable') await this.uploads.remove(ref);
      throw e;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Monthly refugees from Ukraine recorded in a host country', description: '404 when nothing is recorded for the country.' })
  @ApiOkResponse({ type: HostStatsSeriesDto })
  @ApiNotFoundResponse({ description: 'No figures for this country (in this period)' })
  series(@Query() q: HostStatsQueryDto): Promise<HostStatsSeries> {
    return this.bus.request(DIASPORA_SUBJECTS.hostStatsGet, q);
  }
}

const CSV_ONLY: ReadonlySet<string> = new Set(['text/csv']);

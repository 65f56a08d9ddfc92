import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { CreateReportRequest, REPORT_LANGS, ReportContentRequest, ReportLang } from '@vidnova/contracts';
import { IsIn, IsOptional } from 'class-validator';

/** The body of POST /api/v1/reports: the bus request itself. */
export class NewReport extends CreateReportRequest {}

/** `?lang=` of the content routes. */
export class ContentQuery extends OmitType(ReportContentRequest, ['id', 'format'] as const) {}

export class LangQuery {
  @ApiPropertyOptional({ enum: REPORT_LANGS, example: 'en' })
  @IsOptional()
  @IsIn(REPORT_LANGS)
  lang?: ReportLang;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OneOf } from '../consultations/enums';
import { LocalizedText } from '../common';
import { BudgetCode, CountryCode, Katottg } from '../fields';
import { PageQuery } from '../pagination';

/**
 * Reports of the reporting service: a run of one report type for one subject (community, budget or
 * host country) and period. Runs are computed by the reporting worker from what the source services
 * answer over the bus; the content (JSON, CSV, HTML, PDF) is stored in the NATS object store and
 * streamed by the gateway. Methodology: docs/reporting.md.
 */
export const REPORT_TYPES = ['community-monitoring', 'budget-brief', 'civil-society-involvement', 'diaspora-landscape'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_STATUSES = ['queued', 'running', 'completed', 'partial', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_LANGS = ['uk', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A year (`2022`), a quarter (`2025-Q3`) or a month (`2025-07`). */
export const REPORT_PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export const REPORT_SUBJECT_KEYS = ['community', 'oblast', 'budgetCode', 'country'] as const;
export type ReportSubjectField = (typeof REPORT_SUBJECT_KEYS)[number];

/**
 * Which subject each report type may be about: the request names exactly one of them
 * (civil-society-involvement: one community or one oblast).
 */
export const REPORT_SUBJECT_FIELDS: Record<ReportType, readonly ReportSubjectField[]> = {
  'community-monitoring': ['community'],
  'budget-brief': ['budgetCode'],
  'civil-society-involvement': ['community', 'oblast'],
  'diaspora-landscape': ['country'],
};

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ReportSubject {
  @Katottg({ optional: true, description: 'KATOTTG code of the community (community-monitoring, civil-society-involvement)' })
  community?: string;

  @Katottg({ optional: true, example: 'UA07000000000024379', description: 'KATOTTG code of the oblast (civil-society-involvement, instead of `community`)' })
  oblast?: string;

  @BudgetCode({ optional: true, description: 'Budget code (budget-brief)' })
  budgetCode?: string;

  @CountryCode({ optional: true, description: 'Host country, ISO 3166-1 alpha-2 (diaspora-landscape)' })
  country?: string;
}

export class CreateReportRequest extends ReportSubject {
  @OneOf(REPORT_TYPES, { example: 'community-monitoring', description: 'Which report' })
  type!: ReportType;

  @ApiProperty({
    pattern: REPORT_PERIOD_PATTERN.source,
    example: '2022',
    description: 'A year (`2022`), a quarter (`2025-Q3`) or a month (`2025-07`); budget figures are those of its year up to its end',
  })
  @IsString()
  @Matches(REPORT_PERIOD_PATTERN, { message: '$property must be a year (2022), a quarter (2025-Q3) or a month (2025-07)' })
  period!: string;

  @OneOf(REPORT_LANGS, { optional: true, example: 'uk', description: 'Default language of the content (both are always available with `?lang=`); default uk' })
  lang?: ReportLang;

  @ApiPropertyOptional({ example: false, description: 'Run again even when a run for the same type, subject and period exists' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  force?: boolean;
}

export class ListReportsRequest extends PageQuery {
  @OneOf(REPORT_TYPES, { optional: true, example: 'community-monitoring' })
  type?: ReportType;

  @Katottg({ optional: true })
  community?: string;

  @Katottg({ optional: true, example: 'UA07000000000024379', description: 'Runs about this oblast' })
  oblast?: string;

  @OneOf(REPORT_STATUSES, { optional: true, example: 'completed' })
  status?: ReportStatus;
}

export class ReportContentRequest {
  @ApiProperty({ example: '3f1c9a0b7d2e4c5f6a7b8c9d' })
  @IsString()
  @MaxLength(64)
  id!: string;

  @OneOf(REPORT_FORMATS, { example: 'html' })
  format!: ReportFormat;

  @OneOf(REPORT_LANGS, { optional: true, example: 'en', description: 'Language of the content; default the run’s `lang`' })
  lang?: ReportLang;
}

export class ReportError {
  @ApiProperty({ example: '2026-11-29T10:00:05.000Z' }) at!: string;
  @ApiProperty({ example: 1, description: 'Attempt of the run (1 = first)' }) attempt!: number;
  @ApiProperty({ example: 'budget-analysis did not answer within 5000 ms' }) message!: string;
}

export class ReportGap {
  @ApiProperty({ example: 'enterprise-efficiency', description: 'The source (service) whose section is missing' }) source!: string;
  @ApiProperty({
    example: 'unavailable',
    enum: ['unavailable', 'timeout', 'no_data', 'error', 'not_applicable'],
    description: 'not_applicable: the source answers per community only, so a report about an oblast has no such section (this alone does not make the report partial)',
  })
  reason!: string;
  @ApiProperty({ example: 'enterprise-efficiency did not answer in time', description: 'The sentence in English (= message.en)' }) detail!: string;
  @ApiProperty({
    type: LocalizedText,
    example: { uk: 'Сервіс enterprise-efficiency не відповів вчасно', en: 'enterprise-efficiency did not answer in time' },
    description: 'The sentence the report shows, in Ukrainian and English',
  })
  message!: LocalizedText;
}

export class ReportTimings {
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) requestedAt!: string;
  @ApiPropertyOptional({ example: '2026-11-29T10:00:01.000Z' }) startedAt?: string;
  @ApiPropertyOptional({ example: '2026-11-29T10:00:04.200Z' }) finishedAt?: string;
  @ApiPropertyOptional({ example: 3200, description: 'finishedAt − startedAt of the last attempt' }) durationMs?: number;
}

export class ReportContentLinks {
  @ApiProperty({ example: '/api/v1/reports/3f1c9a0b7d2e4c5f6a7b8c9d/content.json' }) json!: string;
  @ApiProperty({ example: '/api/v1/reports/3f1c9a0b7d2e4c5f6a7b8c9d/content.csv' }) csv!: string;
  @ApiProperty({ example: '/api/v1/reports/3f1c9a0b7d2e4c5f6a7b8c9d/content.html' }) html!: string;
  @ApiProperty({ example: '/api/v1/reports/3f1c9a0b7d2e4c5f6a7b8c9d/content.pdf' }) pdf!: string;
}

export class ReportRunHistory {
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ enum: REPORT_STATUSES, example: 'completed' }) status!: ReportStatus;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) requestedAt!: string;
  @ApiPropertyOptional({ example: '2026-11-29T10:00:04.200Z' }) finishedAt?: string;
}

export class ReportView extends ReportSubject {
  @ApiProperty({ example: '3f1c9a0b7d2e4c5f6a7b8c9d', description: 'Derived from type, subject and period: the same request names the same run' })
  id!: string;
  @ApiProperty({ enum: REPORT_TYPES, example: 'community-monitoring' }) type!: ReportType;
  @ApiProperty({ example: '2022' }) period!: string;
  @ApiProperty({ enum: REPORT_LANGS, example: 'uk' }) lang!: ReportLang;
  @ApiProperty({ enum: REPORT_STATUSES, example: 'completed', description: 'partial: some source did not answer (see `gaps`)' })
  status!: ReportStatus;
  @ApiProperty({ example: 100, description: 'Progress of the current attempt, 0..100' }) progress!: number;
  @ApiProperty({ example: 1, description: 'How many times this run was requested with `force` (1 = first run)' }) revision!: number;
  @ApiProperty({ example: 1, description: 'Attempts of the current revision so far' }) attempts!: number;
  @ApiProperty({ type: ReportTimings }) timings!: ReportTimings;
  @ApiProperty({ type: [ReportError] }) errors!: ReportError[];
  @ApiProperty({ type: [ReportGap], description: 'Sources that gave no figures: the report says so in its “data gaps” section' }) gaps!: ReportGap[];
  @ApiPropertyOptional({ type: ReportContentLinks, description: 'Present once the run has content (completed or partial)' })
  content?: ReportContentLinks;
  @ApiPropertyOptional({ example: 'W/"a1b2c3"', description: 'ETag of the content of the current revision' }) etag?: string;
  @ApiPropertyOptional({ example: 'schedule:6650f1c2a9e4b2d1c3f4a5b6', description: 'Who asked: an API key id or a schedule' }) requestedBy?: string;
  @ApiPropertyOptional({ example: 'org-42', description: 'Organisation of the key that asked' }) owner?: string;
  @ApiProperty({ type: [ReportRunHistory], description: 'Earlier revisions (with `force`), newest first' }) history!: ReportRunHistory[];
}

/** Where the gateway finds stored content (object store), never the content itself. */
export class ReportContentRef {
  @ApiProperty() bucket!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'text/html; charset=utf-8' }) contentType!: string;
  @ApiProperty({ example: 'vidnova-community-monitoring-UA07060450000051170-2022-uk.html' }) filename!: string;
  @ApiProperty({ example: '"sha256-…"' }) etag!: string;
  @ApiProperty({ example: 18231 }) size!: number;
}

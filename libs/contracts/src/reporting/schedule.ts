import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OneOf } from '../consultations/enums';
import { Nested } from '../fields';
import { PageQuery } from '../pagination';
import { REPORT_LANGS, REPORT_TYPES, ReportLang, ReportSubject, ReportType } from './report';

/** Which period a scheduled run covers: the last complete one before it fires, in the schedule's time zone. */
export const SCHEDULE_PERIODS = ['month', 'quarter', 'year'] as const;
export type SchedulePeriod = (typeof SCHEDULE_PERIODS)[number];

/** Five or six cron fields (minute hour day-of-month month day-of-week, optional seconds first). */
export const CRON_PATTERN = /^\s*(\S+\s+){4,5}\S+\s*$/;

export class ScheduleFields extends ReportSubject {
  @OneOf(REPORT_TYPES, { example: 'community-monitoring' })
  type!: ReportType;

  @ApiProperty({ example: '0 6 1 1,4,7,10 *', description: 'Cron expression (minute hour day month weekday), e.g. 06:00 on the first day of each quarter' })
  @IsString()
  @MaxLength(120)
  @Matches(CRON_PATTERN, { message: '$property must be a cron expression of 5 or 6 fields' })
  cron!: string;

  @ApiPropertyOptional({ example: 'Europe/Kyiv', default: 'Europe/Kyiv', description: 'IANA time zone the cron expression is read in' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: '$property must be an IANA time zone such as Europe/Kyiv' })
  timezone?: string;

  @OneOf(SCHEDULE_PERIODS, { optional: true, example: 'quarter', description: 'Period each run covers: the last complete month, quarter or year before it fires (default quarter)' })
  periodicity?: SchedulePeriod;

  @OneOf(REPORT_LANGS, { optional: true, example: 'uk' })
  lang?: ReportLang;
}

export class CreateScheduleRequest {
  @Nested(() => ScheduleFields)
  schedule!: ScheduleFields;
}

export class ScheduleChanges extends PartialType(OmitType(ScheduleFields, ['type', 'community', 'oblast', 'budgetCode', 'country'] as const)) {}

export class UpdateScheduleRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => ScheduleChanges)
  changes!: ScheduleChanges;
}

export class ListSchedulesRequest extends PageQuery {}

export class ScheduleView extends ScheduleFields {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'Europe/Kyiv' }) declare timezone: string;
  @ApiProperty({ enum: SCHEDULE_PERIODS, example: 'quarter' }) declare periodicity: SchedulePeriod;
  @ApiProperty({ enum: REPORT_LANGS, example: 'uk' }) declare lang: ReportLang;
  @ApiProperty({ type: String, nullable: true, example: '2027-01-01T04:00:00.000Z', description: 'When it fires next (from the queue’s job scheduler)' })
  nextRunAt!: string | null;
  @ApiPropertyOptional({ example: 'org-42', description: 'Organisation of the key that created it' }) owner?: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-29T10:00:00.000Z' }) updatedAt!: string;
}

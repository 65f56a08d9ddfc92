import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { UploadRef } from '../common';
import { COUNTRY_PATTERN } from '../fields';

export class ImportHostStatsRequest {
  @ValidateNested() @Type(() => UploadRef)
  upload!: UploadRef;
}

export interface ImportHostStatsReply {
  /** Data rows in the file (the header not counted). */
  rowsRead: number;
  /** Valid rows: inserted + updated + unchanged. */
  accepted: number;
  /** Observations (country, month) not stored before. */
  inserted: number;
  /** Rows that replaced an existing observation with a different value. */
  updated: number;
  /** Rows identical to what is stored (a re-import changes nothing). */
  unchanged: number;
  /** Rejected rows with their 1-based line in the file (the header is line 1); the first 1000 are listed. */
  rejected: Array<{ line: number; reason: string }>;
  rejectedCount: number;
  countries: string[];
  periodFrom: string | null;
  periodTo: string | null;
}

export class GetHostStatsRequest {
  @Matches(COUNTRY_PATTERN)
  country!: string;

  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsISO8601()
  to?: string;
}

export interface HostStatsSeries {
  country: string;
  countryName?: { uk: string; en: string };
  source: string;
  /** Ordered by date; `date` is the calendar month (`YYYY-MM`) of the figure. */
  points: Array<{ date: string; refugees: number }>;
}

import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { UploadRef } from '../common';
import { COUNTRY_PATTERN } from './organization';

export class ImportHostStatsRequest {
  @ValidateNested() @Type(() => UploadRef)
  upload!: UploadRef;
}

export interface ImportHostStatsReply {
  rowsRead: number;
  accepted: number;
  /** Rows that replaced an existing observation with a different value. */
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
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
  countryName?: string;
  source: string;
  points: Array<{ date: string; refugees: number }>;
}

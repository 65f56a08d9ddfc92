import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional } from 'class-validator';
import { UploadRef } from '../common';
import { CountryCode, Nested } from '../fields';
import { ImportReport } from '../imports';

export class ImportHostStatsRequest {
  @Nested(() => UploadRef)
  upload!: UploadRef;
}

/** The report of one import of the UNHCR table: the common import counts plus what changed. */
export class HostStatsImportReport extends ImportReport {
  @ApiProperty({ example: 300, description: 'Observations (country, month) not stored before' })
  inserted!: number;

  @ApiProperty({ example: 2, description: 'Rows that replaced a stored figure with a different one' })
  updated!: number;

  @ApiProperty({ example: 39, description: 'Rows identical to what is stored (importing the same file again changes nothing)' })
  unchanged!: number;

  @ApiProperty({ type: [String], example: ['DE', 'PL'], description: 'Host countries in the file (ISO 3166-1 alpha-2)' })
  countries!: string[];

  @ApiProperty({ nullable: true, type: String, example: '2022-03', description: 'First month in the file' })
  periodFrom!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2025-04', description: 'Last month in the file' })
  periodTo!: string | null;
}

export class GetHostStatsRequest {
  /** Case-insensitive on the way in (`pl` is `PL`). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @CountryCode({ description: 'Host country, ISO 3166-1 alpha-2 (case-insensitive)' })
  country!: string;

  @ApiPropertyOptional({ example: '2023-01', description: 'First month (YYYY-MM or a date)' }) @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2024-12', description: 'Last month (YYYY-MM or a date)' }) @IsOptional() @IsISO8601()
  to?: string;
}

export class HostStatsPoint {
  @ApiProperty({ example: '2023-01', description: 'Calendar month of the figure (YYYY-MM)' })
  date!: string;

  @ApiProperty({ example: 1055000, description: 'Refugees from Ukraine recorded in the country' })
  refugees!: number;
}

export class CountryName {
  @ApiProperty({ example: 'Німеччина' }) uk!: string;
  @ApiProperty({ example: 'Germany' }) en!: string;
}

/** Monthly refugees from Ukraine recorded in one host country. */
export class HostStatsSeries {
  @ApiProperty({ example: 'DE' })
  country!: string;

  @ApiPropertyOptional({ type: CountryName })
  countryName?: CountryName;

  @ApiProperty({ example: 'UNHCR Operational Data Portal, Ukraine refugee situation, monthly by country (as collected by ONE Campaign)' })
  source!: string;

  @ApiProperty({ type: [HostStatsPoint], description: 'Ordered by date' })
  points!: HostStatsPoint[];
}

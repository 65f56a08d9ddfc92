import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class HostStatsQueryDto {
  @ApiProperty({ example: 'DE', description: 'Host country, ISO 3166-1 alpha-2' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DE' })
  country!: string;

  @ApiPropertyOptional({ example: '2023-01', description: 'First month (YYYY-MM or a date)' }) @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2024-12', description: 'Last month (YYYY-MM or a date)' }) @IsOptional() @IsISO8601()
  to?: string;
}

export class HostStatsPointDto {
  @ApiProperty({ example: '2023-01', description: 'Calendar month of the figure' }) date!: string;
  @ApiProperty({ example: 1055000, description: 'Refugees from Ukraine recorded in the country' }) refugees!: number;
}

export class CountryNameDto {
  @ApiProperty({ example: 'Німеччина' }) uk!: string;
  @ApiProperty({ example: 'Germany' }) en!: string;
}

export class HostStatsSeriesDto {
  @ApiProperty({ example: 'DE' }) country!: string;
  @ApiPropertyOptional({ type: CountryNameDto }) countryName?: CountryNameDto;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [HostStatsPointDto], description: 'Ordered by date' }) points!: HostStatsPointDto[];
}

export class RejectedRowDto {
  @ApiProperty({ description: '1-based line in the file (the header is line 1)' }) line!: number;
  @ApiProperty() reason!: string;
}

export class ImportReportDto {
  @ApiProperty({ description: 'Data rows read (header not counted)' }) rowsRead!: number;
  @ApiProperty({ description: 'Valid rows: inserted + updated + unchanged' }) accepted!: number;
  @ApiProperty() inserted!: number;
  @ApiProperty({ description: 'Rows that changed a stored figure' }) updated!: number;
  @ApiProperty({ description: 'Rows identical to what was stored (re-importing changes nothing)' }) unchanged!: number;
  @ApiProperty({ type: [RejectedRowDto], description: 'The first 1000 rejected rows' }) rejected!: RejectedRowDto[];
  @ApiProperty() rejectedCount!: number;
  @ApiProperty({ type: [String], example: ['DE', 'PL'] }) countries!: string[];
  @ApiProperty({ nullable: true, type: String, example: '2022-03' }) periodFrom!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-04' }) periodTo!: string | null;
}

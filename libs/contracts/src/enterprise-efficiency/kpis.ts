import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Katottg } from '../fields';
import { EdrpouRequest, ReportYear } from './enterprise';
import { Sector, SECTOR_KEYS } from './enums';

/** The KPIs, in the order they are answered (docs/enterprise-methodology.md defines each). */
export const KPI_KEYS = [
  'netMargin',
  'returnOnAssets',
  'returnOnEquity',
  'currentRatio',
  'quickRatio',
  'autonomy',
  'debtToEquity',
  'receivablesDays',
  'payablesDays',
  'assetWear',
  'subsidyDependence',
  'costRecovery',
  'revenuePerEmployee',
  'revenueGrowth',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export class KpiRequest extends EdrpouRequest {
  @ReportYear()
  year!: number;
}

export class Kpi {
  @ApiProperty({ enum: KPI_KEYS, example: 'currentRatio' }) key!: KpiKey;
  @ApiProperty({ example: 'Current ratio' }) name!: string;
  @ApiProperty({ enum: ['ratio', 'days', 'kopiykas'], example: 'ratio', description: 'ratio (0.25 = 25 %), days, or kopiykas (integer)' })
  unit!: 'ratio' | 'days' | 'kopiykas';
  @ApiProperty({ example: 'R1195G4 / R1695G4', description: 'How it is computed, with the statement lines' }) formula!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', nullable: true },
    example: { R1195G4: 95820000, R1695G4: 39850000 },
    description: 'The inputs used, kopiykas (null = missing); staff counts and support totals appear under their own names',
  })
  inputs!: Record<string, number | null>;
  @ApiProperty({ type: Number, nullable: true, example: 2.4045, description: 'null when it cannot be computed (see reason)' }) value!: number | null;
  @ApiPropertyOptional({ example: 'line R1695G4 (current liabilities) is zero' }) reason?: string;
}

export class KpiSet {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ type: [Kpi] }) kpis!: Kpi[];
}

export class BenchmarkRequest {
  @ApiProperty({ enum: SECTOR_KEYS, example: 'water_sewerage' }) @IsIn(SECTOR_KEYS)
  sector!: Sector;

  @ReportYear()
  year!: number;

  @Katottg({ optional: true, description: 'KATOTTG of an oblast: also answer the figures over that oblast when it has enough enterprises', example: 'UA07000000000024379' })
  oblast?: string;
}

export class KpiBenchmark {
  @ApiProperty({ enum: KPI_KEYS, example: 'currentRatio' }) key!: KpiKey;
  @ApiProperty({ example: 23, description: 'Enterprises with a value for this KPI' }) count!: number;
  @ApiProperty({ example: true, description: 'false when fewer than 5 enterprises have a value: then the figures are null' }) shown!: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 0.91 }) q1!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1.24 }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1.88 }) q3!: number | null;
}

export class BenchmarkScope {
  @ApiProperty({ example: 'sector', enum: ['sector', 'oblast'] }) scope!: 'sector' | 'oblast';
  @ApiPropertyOptional({ example: 'UA07000000000024379' }) oblast?: string;
  @ApiProperty({ example: 31, description: 'Enterprises with a statement for the year' }) enterprises!: number;
  @ApiProperty({ type: [KpiBenchmark] }) kpis!: KpiBenchmark[];
}

export class SectorBenchmarks {
  @ApiProperty({ enum: SECTOR_KEYS, example: 'water_sewerage' }) sector!: Sector;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ example: 5, description: 'Fewest enterprises behind a figure that is shown' }) minimumCount!: number;
  @ApiProperty({ type: BenchmarkScope }) national!: BenchmarkScope;
  @ApiProperty({ type: BenchmarkScope, nullable: true, description: 'The oblast asked for, when it was asked' }) oblast!: BenchmarkScope | null;
}

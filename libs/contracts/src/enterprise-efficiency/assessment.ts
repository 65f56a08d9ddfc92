import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedText } from '../common';
import { Edrpou, Katottg } from '../fields';
import { ReportYear } from './enterprise';
import { Kpi, KPI_KEYS, KpiKey } from './kpis';
import { Sector, SECTOR_KEYS } from './enums';
import { BuyerSummary } from './procurement';
import { SupportSummary } from './support';

export const FLAG_KEYS = [
  'negative_equity',
  'losses_three_years',
  'current_ratio_below_1',
  'subsidy_dependence_over_50',
  'non_competitive_procurement_over_50',
  'payables_outgrow_revenue',
] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

export class AssessedKpi extends Kpi {
  @ApiProperty({ type: Number, nullable: true, example: 62.5, description: 'Percentile in the sector (0–100, higher = a higher value); null under 5 peers' })
  percentile!: number | null;
  @ApiProperty({ example: 24, description: 'Enterprises of the sector with a value' }) peers!: number;
}

export class ScoreComponent {
  @ApiProperty({ enum: KPI_KEYS, example: 'currentRatio' }) key!: KpiKey;
  @ApiProperty({ example: 15, description: 'Weight in the score (of 100)' }) weight!: number;
  @ApiProperty({ example: 'higher', enum: ['higher', 'lower'], description: 'Which direction is better' }) better!: 'higher' | 'lower';
  @ApiProperty({ type: Number, nullable: true, example: 62.5, description: 'Percentile oriented so that 100 is best' }) goodness!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 11.36, description: 'Points this component adds to the score (weights of missing components are shared out)' }) contribution!: number | null;
}

export class CompositeScore {
  @ApiProperty({ type: Number, nullable: true, example: 57.3 }) value!: number | null;
  @ApiPropertyOptional({ example: 'fewer than 5 enterprises of the sector have statements for 2024' }) reason?: string;
  @ApiProperty({ type: [ScoreComponent] }) components!: ScoreComponent[];
}

export class AssessmentFlag {
  @ApiProperty({ enum: FLAG_KEYS, example: 'current_ratio_below_1' }) key!: FlagKey;
  @ApiProperty({ type: LocalizedText }) text!: LocalizedText;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { currentRatio: 0.82 } }) figures!: Record<string, unknown>;
}

export class Recommendation {
  @ApiProperty({ example: 'current_ratio_below_1' }) trigger!: string;
  @ApiProperty({ type: LocalizedText }) text!: LocalizedText;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { currentRatio: 0.82 } }) figures!: Record<string, unknown>;
}

export class AssessmentRequest {
  @Edrpou() edrpou!: string;
  @ReportYear() year!: number;
}

export class Assessment {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ enum: SECTOR_KEYS, example: 'water_sewerage' }) sector!: Sector;
  @ApiProperty({ type: [AssessedKpi] }) kpis!: AssessedKpi[];
  @ApiProperty({ type: CompositeScore }) score!: CompositeScore;
  @ApiProperty({ type: [AssessmentFlag] }) flags!: AssessmentFlag[];
  @ApiProperty({ type: [Recommendation] }) recommendations!: Recommendation[];
  @ApiProperty({ type: SupportSummary, nullable: true }) budgetSupport!: SupportSummary | null;
  @ApiProperty({ type: BuyerSummary, nullable: true, description: 'The enterprise as a Prozorro buyer (null when it bought nothing recorded)' })
  procurement!: BuyerSummary | null;
}

export class CommunityOverviewRequest {
  @Katottg() katottg!: string;
  @ReportYear() year!: number;
}

export class OverviewEntry {
  @ApiProperty({ example: '32501397' }) edrpou!: string;
  @ApiProperty({ type: LocalizedText }) name!: LocalizedText;
  @ApiProperty({ enum: SECTOR_KEYS }) sector!: Sector;
  @ApiProperty({ type: Number, nullable: true, example: 57.3 }) score!: number | null;
  @ApiPropertyOptional({ example: 'no statement for 2024' }) scoreReason?: string;
  @ApiProperty({ enum: FLAG_KEYS, isArray: true }) flags!: FlagKey[];
  @ApiProperty({ type: SupportSummary, nullable: true }) budgetSupport!: SupportSummary | null;
  @ApiProperty({ type: BuyerSummary, nullable: true }) procurement!: BuyerSummary | null;
}

export class CommunityOverview {
  @ApiProperty({ example: 'UA07060450000051170' }) katottg!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ type: [OverviewEntry] }) enterprises!: OverviewEntry[];
}

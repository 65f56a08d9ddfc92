import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { LocalizedText } from '../common';
import { Katottg } from '../fields';
import { BREAKDOWN_FIELDS, BreakdownField, CONSULTATION_STATUSES, OneOf, QUESTION_TYPES } from './enums';

export class ResultsRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  id!: string;

  @OneOf(BREAKDOWN_FIELDS, {
    optional: true,
    example: 'status',
    description: 'Break every figure down by this profile field (only fields with a fixed list of values); groups under 5 respondents are suppressed',
  })
  by?: BreakdownField;
}

export class ConfidenceInterval {
  @ApiProperty({ example: 0.2307 }) low!: number;
  @ApiProperty({ example: 0.8824 }) high!: number;
}

export class RankingEntry {
  @ApiProperty({ example: 'water' }) optionId!: string;
  @ApiProperty({ example: 12, description: 'Sum of Borda points: first of N places earns N, the last 1, unranked 0' }) bordaScore!: number;
  @ApiProperty({ example: 0.4 }) firstPreferenceShare!: number;
  @ApiProperty({ type: ConfidenceInterval }) firstPreferenceCi95!: ConfidenceInterval;
}

export class QuestionResult {
  @ApiProperty({ example: 'q1' }) questionId!: string;
  @ApiProperty({ enum: QUESTION_TYPES, example: 'single_choice' }) type!: string;
  @ApiProperty({ example: 5, description: 'Respondents who answered the question' }) answered!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, example: { housing: 3, heating: 2 }, description: 'Per option id (per value for scale)' })
  counts?: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, example: { housing: 0.6, heating: 0.4 }, description: 'Share of those who answered' })
  shares?: Record<string, number>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ConfidenceInterval' },
    example: { housing: { low: 0.2307, high: 0.8824 } },
    description: '95% Wilson intervals of the shares',
  })
  ci95?: Record<string, ConfidenceInterval>;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 3.6 }) mean?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 4 }) median?: number | null;
  @ApiPropertyOptional({ type: [RankingEntry], description: 'ranking: options by Borda score, best first' }) ranking?: RankingEntry[];
}

export const SUPPRESSION_REASONS = ['small_group', 'complementary'] as const;

export class ResultsGroup {
  @ApiProperty({ enum: BREAKDOWN_FIELDS, example: 'status' }) field!: BreakdownField;
  @ApiProperty({ example: 'resident', description: 'One of the values of the field, or `not_stated` for respondents who left it empty; never free text' }) value!: string;
  @ApiProperty({ example: false }) suppressed!: boolean;
  @ApiPropertyOptional({ enum: SUPPRESSION_REASONS, description: 'Why a group is hidden: too few respondents, or it could be worked out from the other groups' })
  suppressionReason?: (typeof SUPPRESSION_REASONS)[number];
  @ApiPropertyOptional({ example: 6 }) respondents?: number;
  @ApiPropertyOptional({ type: [QuestionResult] }) questions?: QuestionResult[];
}

export class ConsultationResults {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) consultationId!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES, example: 'closed' }) status!: string;
  @ApiProperty({ example: 5 }) respondents!: number;
  @ApiProperty({ type: [QuestionResult] }) questions!: QuestionResult[];
  @ApiPropertyOptional({ enum: BREAKDOWN_FIELDS }) by?: BreakdownField;
  @ApiPropertyOptional({ type: [ResultsGroup] }) groups?: ResultsGroup[];
  @ApiProperty({ example: '2026-05-10T12:00:00.000Z' }) computedAt!: string;
}

export class CommunityPrioritiesRequest {
  @Katottg()
  communityCode!: string;
}

export class PriorityCategory {
  @ApiProperty({ example: 'water_sanitation', description: 'Recovery category id (GET /api/v1/reference/recovery-categories)' }) category!: string;
  @ApiProperty({ example: 1 }) rank!: number;
  @ApiProperty({ example: 0.3, description: 'Mean share of support across the questions that carry the category (0..1)' }) score!: number;
  @ApiPropertyOptional({ type: LocalizedText }) label?: LocalizedText;
  @ApiPropertyOptional({ type: [String], example: ['6013'], description: 'TPKVKMB programme codes' }) programCodes?: string[];
  @ApiPropertyOptional({ type: [String], example: ['0620'], description: 'FKVKB functional codes' }) functionalCodes?: string[];
}

export class PriorityListView {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'UA07060450000051170' }) communityCode!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) consultationId!: string;
  @ApiProperty({ example: '2026-05-10T12:00:00.000Z' }) publishedAt!: string;
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b7', description: 'API key id of whoever published the results' }) publishedBy?: string;
  @ApiProperty({ example: 341 }) respondents!: number;
  @ApiProperty({ type: [PriorityCategory], description: 'Best first; each with the budget programme (TPKVKMB) and functional (FKVKB) codes of the category' })
  categories!: PriorityCategory[];
}

export class CommunityPrioritiesView {
  @ApiProperty({ example: 'UA07060450000051170' }) communityCode!: string;
  @ApiProperty({ type: PriorityListView, nullable: true }) latest!: PriorityListView | null;
  @ApiProperty({ type: [PriorityListView], description: 'Every published list, newest first (up to 50)' }) history!: PriorityListView[];
}

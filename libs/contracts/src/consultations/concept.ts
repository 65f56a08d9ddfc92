import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { LocalizedText } from '../common';
import { Kopiykas, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import { CONCEPT_STATUSES, ConceptStatus, FUNDING_SOURCES, FundingSource, OneOf } from './enums';

/** A reporting period: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;

export class ConceptTimeline {
  @ApiProperty({ example: '2026-Q2', pattern: PERIOD_PATTERN.source, description: 'YYYY, YYYY-Qn or YYYY-MM' })
  @Matches(PERIOD_PATTERN, { message: '$property must be a period: YYYY, YYYY-Qn or YYYY-MM' })
  start!: string;

  @ApiProperty({ example: '2027-12', pattern: PERIOD_PATTERN.source, description: 'YYYY, YYYY-Qn or YYYY-MM' })
  @Matches(PERIOD_PATTERN, { message: '$property must be a period: YYYY, YYYY-Qn or YYYY-MM' })
  end!: string;
}

/** A new concept: the title is required. */
export class NewConcept {
  @Nested(() => LocalizedText)
  title!: LocalizedText;

  @Nested(() => LocalizedText, { optional: true })
  summary?: LocalizedText;

  @TextField({
    optional: true,
    each: true,
    maxItems: 20,
    max: 60,
    example: ['water_sanitation'],
    description: 'Recovery category ids (GET /api/v1/reference/recovery-categories; checked by the service)',
  })
  categories?: string[];

  @TextField({ optional: true, max: 64, example: '6650f1c2a9e4b2d1c3f4a5b6', description: 'Priority list the concept answers to (the consultation id of a published list)' })
  priorityListId?: string;

  @Kopiykas({ optional: true, min: 0, example: 1250000000, description: 'Estimated cost in kopiykas (integer)' })
  estimatedCostKopiykas?: number;

  @OneOf(FUNDING_SOURCES, { optional: true, each: true, example: ['local_budget', 'international_donors'] })
  fundingSources?: FundingSource[];

  @TextField({ optional: true, min: 1, max: 300, example: 'Виконавчий комітет Шацької селищної ради' })
  responsibleBody?: string;

  @Nested(() => ConceptTimeline, { optional: true })
  timeline?: ConceptTimeline;
}

/**
 * The editable content of a concept: the fields of a new one, every one optional (a change). Derived
 * from NewConcept because a subclass redeclaring a field would keep the parent's @IsOptional.
 */
export class ConceptFields extends PartialType(NewConcept) {}

export class CreateConceptRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @Nested(() => NewConcept)
  concept!: NewConcept;
}

/** Addresses one concept of a consultation. */
export class ConceptRef {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e0' })
  @IsString() @MaxLength(64)
  id!: string;
}

export class UpdateConceptRequest extends ConceptRef {
  @Nested(() => ConceptFields)
  changes!: ConceptFields;

  @TextField({ optional: true, max: 2000, example: 'updated estimate', description: 'Why it changed (kept in the version history)' })
  reason?: string;
}

export class ConceptTransitionRequest extends ConceptRef {
  @OneOf(CONCEPT_STATUSES, { example: 'under_discussion', description: 'draft → under_discussion → adopted | rejected | withdrawn' })
  status!: ConceptStatus;

  @TextField({ min: 1, max: 2000, example: 'public hearing 12 May', description: 'Why (kept in the version history)' })
  reason!: string;
}

export class ListConceptsRequest extends PageQuery {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @OneOf(CONCEPT_STATUSES, { optional: true })
  status?: ConceptStatus;
}

export class ConceptContent {
  @ApiProperty({ type: LocalizedText }) title!: LocalizedText;
  @ApiProperty({ type: LocalizedText }) summary!: LocalizedText;
  @ApiProperty({ type: [String], example: ['water_sanitation'] }) categories!: string[];
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) priorityListId?: string;
  @ApiPropertyOptional({ example: 1250000000, description: 'Estimated cost in kopiykas (integer)' }) estimatedCostKopiykas?: number;
  @ApiProperty({ enum: FUNDING_SOURCES, isArray: true, example: ['local_budget'] }) fundingSources!: FundingSource[];
  @ApiPropertyOptional({ example: 'Виконавчий комітет Шацької селищної ради' }) responsibleBody?: string;
  @ApiPropertyOptional({ type: ConceptTimeline }) timeline?: ConceptTimeline;
}

export class ConceptVersionView {
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ enum: CONCEPT_STATUSES, example: 'draft' }) status!: ConceptStatus;
  @ApiProperty({ example: '2026-05-12T10:00:00.000Z' }) changedAt!: string;
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b7', description: 'API key id of whoever made the change' }) changedBy?: string;
  @ApiPropertyOptional({ example: 'updated estimate' }) reason?: string;
  @ApiProperty({ type: ConceptContent }) content!: ConceptContent;
}

export class ConceptView extends ConceptContent {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e0' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) consultationId!: string;
  @ApiProperty({ example: 'UA07060450000051170', nullable: true, type: String }) communityCode!: string | null;
  @ApiProperty({ enum: CONCEPT_STATUSES, example: 'draft' }) status!: ConceptStatus;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: '2026-05-12T09:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-05-12T10:00:00.000Z' }) updatedAt!: string;
  @ApiPropertyOptional({ example: 'shatsk-council', description: 'The organisation whose key created it; absent for keys without an organisation and for records written before ownership was recorded' }) owner?: string;
}

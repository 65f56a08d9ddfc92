import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LocalizedText } from '../common';
import { PageQuery } from '../pagination';
import { CONCEPT_STATUSES, ConceptStatus, FUNDING_SOURCES, FundingSource } from './enums';
import { LocalizedView } from './consultation';

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;

export class ConceptTimeline {
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  @Matches(PERIOD_PATTERN)
  start!: string;

  @Matches(PERIOD_PATTERN)
  end!: string;
}

export class ConceptFields {
  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  title?: LocalizedText;

  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  summary?: LocalizedText;

  /** Recovery category ids (checked against @vidnova/reference by the service). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true })
  categories?: string[];

  /** Priority list (from publish-results) the concept answers to. */
  @IsOptional() @IsString() @MaxLength(64)
  priorityListId?: string;

  /** Integer kopiykas. */
  @IsOptional() @IsInt() @Min(0)
  estimatedCostKopiykas?: number;

  @IsOptional() @IsArray() @ArrayMaxSize(FUNDING_SOURCES.length) @IsIn(FUNDING_SOURCES, { each: true })
  fundingSources?: FundingSource[];

  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  responsibleBody?: string;

  @IsOptional() @ValidateNested() @Type(() => ConceptTimeline)
  timeline?: ConceptTimeline;
}

export class CreateConceptRequest {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @ValidateNested() @Type(() => ConceptFields)
  concept!: ConceptFields;
}

export class UpdateConceptRequest {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @IsString() @MaxLength(64)
  id!: string;

  @ValidateNested() @Type(() => ConceptFields)
  changes!: ConceptFields;

  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class ConceptTransitionRequest {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @IsString() @MaxLength(64)
  id!: string;

  @IsIn(CONCEPT_STATUSES)
  status!: ConceptStatus;

  @IsString() @MinLength(1) @MaxLength(2000)
  reason!: string;
}

export class ConceptRef {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @IsString() @MaxLength(64)
  id!: string;
}

export class ListConceptsRequest extends PageQuery {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @IsOptional() @IsIn(CONCEPT_STATUSES)
  status?: ConceptStatus;
}

export interface ConceptContent {
  title: LocalizedView;
  summary: LocalizedView;
  categories: string[];
  priorityListId?: string;
  estimatedCostKopiykas?: number;
  fundingSources: FundingSource[];
  responsibleBody?: string;
  timeline?: { start: string; end: string };
}

export interface ConceptVersionView {
  version: number;
  status: ConceptStatus;
  changedAt: string;
  changedBy?: string;
  reason?: string;
  content: ConceptContent;
}

export interface ConceptView extends ConceptContent {
  id: string;
  consultationId: string;
  communityCode: string | null;
  status: ConceptStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

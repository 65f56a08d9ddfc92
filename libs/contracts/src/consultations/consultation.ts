import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LocalizedText } from '../common';
import { PageQuery } from '../pagination';
import {
  CONSULTATION_AUDIENCES,
  CONSULTATION_CHANNELS,
  CONSULTATION_STATUSES,
  ConsultationAudience,
  ConsultationChannel,
  ConsultationStatus,
  QUESTION_TYPES,
  QuestionType,
} from './enums';

/** Ids of questions and options: stable, chosen by the author, used as CSV column names (no dots). */
export const ANSWER_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
export const KATOTTG_CODE_PATTERN = /^UA\d{17}$/;

export class QuestionOption {
  @Matches(ANSWER_ID_PATTERN)
  id!: string;

  @ValidateNested() @Type(() => LocalizedText)
  label!: LocalizedText;

  /** Recovery category id from the shared taxonomy (@vidnova/reference), checked by the service. */
  @IsOptional() @IsString() @MaxLength(60)
  category?: string;
}

export class Question {
  @Matches(ANSWER_ID_PATTERN)
  id!: string;

  @IsIn(QUESTION_TYPES)
  type!: QuestionType;

  @ValidateNested() @Type(() => LocalizedText)
  prompt!: LocalizedText;

  @IsOptional() @IsBoolean()
  required?: boolean;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QuestionOption)
  options?: QuestionOption[];

  /** multiple_choice: most options a respondent may pick. */
  @IsOptional() @IsInt() @Min(1) @Max(50)
  maxChoices?: number;

  /** scale: integer range. */
  @IsOptional() @IsInt() @Min(-100) @Max(100)
  min?: number;

  @IsOptional() @IsInt() @Min(-100) @Max(100)
  max?: number;

  /** ranking: rank only the top N options (full ranking when absent). */
  @IsOptional() @IsInt() @Min(1) @Max(50)
  topN?: number;

  /** text: longest answer accepted. */
  @IsOptional() @IsInt() @Min(1) @Max(5000)
  maxLength?: number;
}

export class ConsultationFields {
  /** KATOTTG code of the hromada; absent for a cross-community consultation. */
  @IsOptional() @Matches(KATOTTG_CODE_PATTERN)
  communityCode?: string;

  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  title?: LocalizedText;

  @IsOptional() @ValidateNested() @Type(() => LocalizedText)
  description?: LocalizedText;

  @IsOptional() @IsString() @MaxLength(120)
  topic?: string;

  @IsOptional() @IsIn(CONSULTATION_AUDIENCES)
  audience?: ConsultationAudience;

  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONSULTATION_CHANNELS.length) @IsIn(CONSULTATION_CHANNELS, { each: true })
  channels?: ConsultationChannel[];

  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => Question)
  questions?: Question[];
}

export class CreateConsultationRequest {
  @ValidateNested() @Type(() => ConsultationFields)
  consultation!: ConsultationFields;
}

export class UpdateConsultationRequest {
  @IsString() @MaxLength(64)
  id!: string;

  @ValidateNested() @Type(() => ConsultationFields)
  changes!: ConsultationFields;
}

export class ListConsultationsRequest extends PageQuery {
  @IsOptional() @Matches(KATOTTG_CODE_PATTERN)
  communityCode?: string;

  @IsOptional() @IsIn(CONSULTATION_STATUSES)
  status?: ConsultationStatus;
}

export class ConsultationTransitionRequest {
  @IsString() @MaxLength(64)
  id!: string;

  @IsIn(['open', 'close', 'publish-results'])
  action!: 'open' | 'close' | 'publish-results';
}

export interface LocalizedView {
  uk?: string;
  en?: string;
}

export interface QuestionView {
  id: string;
  type: QuestionType;
  prompt: LocalizedView;
  required: boolean;
  options: Array<{ id: string; label: LocalizedView; category?: string }>;
  maxChoices?: number;
  min?: number;
  max?: number;
  topN?: number;
  maxLength?: number;
}

export interface ConsultationView {
  id: string;
  communityCode: string | null;
  title: LocalizedView;
  description: LocalizedView;
  topic?: string;
  audience: ConsultationAudience;
  channels: ConsultationChannel[];
  status: ConsultationStatus;
  questions: QuestionView[];
  statusHistory: Array<{ status: ConsultationStatus; at: string; by?: string }>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LocalizedText } from '../common';
import { IntField, Katottg, Nested, TextField } from '../fields';
import { PageQuery } from '../pagination';
import {
  CONSULTATION_ACTIONS,
  CONSULTATION_AUDIENCES,
  CONSULTATION_CHANNELS,
  CONSULTATION_STATUSES,
  ConsultationAction,
  ConsultationAudience,
  ConsultationChannel,
  ConsultationStatus,
  OneOf,
  QUESTION_TYPES,
  QuestionType,
} from './enums';

/** Ids of questions and options: stable, chosen by the author, used as CSV column names (no dots). */
export const ANSWER_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const ANSWER_ID_MESSAGE = 'ids are 1-40 letters, digits, _ or - (they name CSV columns)';

/** A question or option id. */
export const AnswerId = (opts: { description?: string; example?: string } = {}): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, pattern: ANSWER_ID_PATTERN.source, example: opts.example ?? 'q1', description: opts.description }),
    Matches(ANSWER_ID_PATTERN, { message: ANSWER_ID_MESSAGE }),
  );

export class QuestionOption {
  @AnswerId({ example: 'water', description: 'Stable option id' })
  id!: string;

  @Nested(() => LocalizedText)
  label!: LocalizedText;

  @TextField({ optional: true, max: 60, example: 'water_sanitation', description: 'Recovery category the option stands for: an id of GET /api/v1/reference/recovery-categories (checked by the service)' })
  category?: string;
}

export class Question {
  @AnswerId({ example: 'q1' })
  id!: string;

  @OneOf(QUESTION_TYPES, { example: 'ranking' })
  type!: QuestionType;

  @Nested(() => LocalizedText)
  prompt!: LocalizedText;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  required?: boolean;

  @Nested(() => QuestionOption, { optional: true, each: true, maxItems: 50 })
  options?: QuestionOption[];

  @IntField({ optional: true, min: 1, max: 50, description: 'multiple_choice: most options one may pick' })
  maxChoices?: number;

  @IntField({ optional: true, min: -100, max: 100, description: 'scale: lowest value' })
  min?: number;

  @IntField({ optional: true, min: -100, max: 100, description: 'scale: highest value' })
  max?: number;

  @IntField({ optional: true, min: 1, max: 50, description: 'ranking: rank only the top N (full ranking when absent)' })
  topN?: number;

  @IntField({ optional: true, min: 1, max: 5000, description: 'text: longest answer (default 2000)' })
  maxLength?: number;
}

/** A new consultation: title, audience and channels are required. */
export class NewConsultation {
  @Katottg({ optional: true, description: 'KATOTTG code of the hromada; absent for a cross-community consultation' })
  communityCode?: string;

  @Nested(() => LocalizedText)
  title!: LocalizedText;

  @Nested(() => LocalizedText, { optional: true })
  description?: LocalizedText;

  @TextField({ optional: true, max: 120, example: 'recovery priorities 2026' })
  topic?: string;

  @OneOf(CONSULTATION_AUDIENCES)
  audience!: ConsultationAudience;

  @OneOf(CONSULTATION_CHANNELS, { each: true, minItems: 1, example: ['online', 'paper'] })
  channels!: ConsultationChannel[];

  @Nested(() => Question, { optional: true, each: true, maxItems: 100, description: 'The questionnaire; on a change it replaces the whole questionnaire (draft only)' })
  questions?: Question[];
}

/**
 * What an editor may change on a draft consultation: the fields of a new one, every one optional.
 * Derived from NewConsultation (not the other way round): a subclass that redeclares a field keeps the
 * parent's @IsOptional, so required fields must be declared first and made optional by PartialType.
 */
export class ConsultationChanges extends PartialType(NewConsultation) {}

export class CreateConsultationRequest {
  @Nested(() => NewConsultation)
  consultation!: NewConsultation;
}

export class UpdateConsultationRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  id!: string;

  @Nested(() => ConsultationChanges)
  changes!: ConsultationChanges;
}

export class ListConsultationsRequest extends PageQuery {
  @Katottg({ optional: true })
  communityCode?: string;

  @OneOf(CONSULTATION_STATUSES, { optional: true })
  status?: ConsultationStatus;
}

export class ConsultationTransitionRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  id!: string;

  @OneOf(CONSULTATION_ACTIONS)
  action!: ConsultationAction;
}

export class QuestionOptionView {
  @ApiProperty({ example: 'water' }) id!: string;
  @ApiProperty({ type: LocalizedText }) label!: LocalizedText;
  @ApiPropertyOptional({ example: 'water_sanitation', description: 'Recovery category id' }) category?: string;
}

export class QuestionView {
  @ApiProperty({ example: 'q1' }) id!: string;
  @ApiProperty({ enum: QUESTION_TYPES, example: 'ranking' }) type!: QuestionType;
  @ApiProperty({ type: LocalizedText }) prompt!: LocalizedText;
  @ApiProperty({ example: false }) required!: boolean;
  @ApiProperty({ type: [QuestionOptionView] }) options!: QuestionOptionView[];
  @ApiPropertyOptional({ example: 2, description: 'multiple_choice: most options one may pick' }) maxChoices?: number;
  @ApiPropertyOptional({ example: 1, description: 'scale: lowest value' }) min?: number;
  @ApiPropertyOptional({ example: 5, description: 'scale: highest value' }) max?: number;
  @ApiPropertyOptional({ example: 3, description: 'ranking: only the top N are ranked' }) topN?: number;
  @ApiPropertyOptional({ example: 2000, description: 'text: longest answer' }) maxLength?: number;
}

export class StatusChange {
  @ApiProperty({ enum: CONSULTATION_STATUSES, example: 'open' }) status!: ConsultationStatus;
  @ApiProperty({ example: '2026-05-01T09:00:00.000Z' }) at!: string;
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5b7', description: 'API key id of whoever made the change' }) by?: string;
}

export class ConsultationView {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) id!: string;
  @ApiProperty({ example: 'UA07060450000051170', nullable: true, type: String, description: 'KATOTTG code; null for a cross-community consultation' })
  communityCode!: string | null;
  @ApiProperty({ type: LocalizedText }) title!: LocalizedText;
  @ApiProperty({ type: LocalizedText }) description!: LocalizedText;
  @ApiPropertyOptional({ example: 'recovery priorities 2026' }) topic?: string;
  @ApiProperty({ enum: CONSULTATION_AUDIENCES, example: 'all' }) audience!: ConsultationAudience;
  @ApiProperty({ enum: CONSULTATION_CHANNELS, isArray: true, example: ['online', 'paper'] }) channels!: ConsultationChannel[];
  @ApiProperty({ enum: CONSULTATION_STATUSES, example: 'open' }) status!: ConsultationStatus;
  @ApiProperty({ type: [QuestionView] }) questions!: QuestionView[];
  @ApiProperty({ type: [StatusChange] }) statusHistory!: StatusChange[];
  @ApiProperty({ example: '2026-04-20T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-05-01T09:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiPropertyOptional({ example: 'shatsk-council', description: 'The organisation whose key created it; absent for keys without an organisation and for records written before ownership was recorded' }) owner?: string;
}

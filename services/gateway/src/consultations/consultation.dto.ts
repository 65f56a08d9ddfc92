import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  AGE_BANDS,
  AgeBand,
  CONCEPT_STATUSES,
  ConceptStatus,
  CONSULTATION_AUDIENCES,
  CONSULTATION_CHANNELS,
  CONSULTATION_STATUSES,
  ConsultationAudience,
  ConsultationChannel,
  ConsultationStatus,
  FUNDING_SOURCES,
  FundingSource,
  GENDERS,
  Gender,
  PROFILE_FIELDS,
  ProfileField,
  QUESTION_TYPES,
  QuestionType,
  RESPONDENT_STATUSES,
  RespondentStatus,
} from '@vidnova/contracts';
import { RECOVERY_CATEGORY_IDS } from '@vidnova/reference';
import { PageQueryDto } from '../platform/pagination.dto';

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const ID_MESSAGE = 'ids are 1-40 letters, digits, _ or - (they name CSV columns)';
const KATOTTG = /^UA\d{17}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;

export class LocalizedTextDto {
  @ApiPropertyOptional({ example: 'Відбудова громади' }) @IsOptional() @IsString() @MaxLength(20000) uk?: string;
  @ApiPropertyOptional({ example: 'Community recovery' }) @IsOptional() @IsString() @MaxLength(20000) en?: string;
}

export class QuestionOptionDto {
  @ApiProperty({ example: 'water', description: 'Stable option id' }) @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) label!: LocalizedTextDto;
  @ApiPropertyOptional({ enum: RECOVERY_CATEGORY_IDS, description: 'Recovery category the option stands for' })
  @IsOptional() @IsIn(RECOVERY_CATEGORY_IDS)
  category?: string;
}

export class QuestionDto {
  @ApiProperty({ example: 'q1' }) @Matches(ID, { message: ID_MESSAGE }) id!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) prompt!: LocalizedTextDto;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() required?: boolean;
  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];
  @ApiPropertyOptional({ description: 'multiple_choice: most options one may pick' }) @IsOptional() @IsInt() @Min(1) @Max(50) maxChoices?: number;
  @ApiPropertyOptional({ description: 'scale: lowest value' }) @IsOptional() @IsInt() @Min(-100) @Max(100) min?: number;
  @ApiPropertyOptional({ description: 'scale: highest value' }) @IsOptional() @IsInt() @Min(-100) @Max(100) max?: number;
  @ApiPropertyOptional({ description: 'ranking: rank only the top N (full ranking when absent)' }) @IsOptional() @IsInt() @Min(1) @Max(50) topN?: number;
  @ApiPropertyOptional({ description: 'text: longest answer (default 2000)' }) @IsOptional() @IsInt() @Min(1) @Max(5000) maxLength?: number;
}

export class ConsultationPatchDto {
  @ApiPropertyOptional({ example: 'UA07020130000046221', description: 'KATOTTG code; absent for a cross-community consultation' })
  @IsOptional() @Matches(KATOTTG, { message: 'communityCode must be a KATOTTG code such as UA07020130000046221' })
  communityCode?: string;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) title?: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) description?: LocalizedTextDto;
  @ApiPropertyOptional({ example: 'recovery priorities 2026' }) @IsOptional() @IsString() @MaxLength(120) topic?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_AUDIENCES }) @IsOptional() @IsIn(CONSULTATION_AUDIENCES) audience?: ConsultationAudience;
  @ApiPropertyOptional({ enum: CONSULTATION_CHANNELS, isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONSULTATION_CHANNELS.length) @IsIn(CONSULTATION_CHANNELS, { each: true })
  channels?: ConsultationChannel[];
  @ApiPropertyOptional({ type: [QuestionDto], description: 'Replaces the whole questionnaire (draft only)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => QuestionDto)
  questions?: QuestionDto[];
}

export class CreateConsultationDto extends ConsultationPatchDto {
  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) declare title: LocalizedTextDto;
  @ApiProperty({ enum: CONSULTATION_AUDIENCES }) @IsIn(CONSULTATION_AUDIENCES) declare audience: ConsultationAudience;
  @ApiProperty({ enum: CONSULTATION_CHANNELS, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONSULTATION_CHANNELS.length) @IsIn(CONSULTATION_CHANNELS, { each: true })
  declare channels: ConsultationChannel[];
}

export class ListConsultationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(KATOTTG) communityCode?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_STATUSES }) @IsOptional() @IsIn(CONSULTATION_STATUSES) status?: ConsultationStatus;
}

export class StatusChangeDto {
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ description: 'API key id of whoever made the change' }) by?: string;
}

export class ConsultationDto extends CreateConsultationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty({ type: [StatusChangeDto] }) statusHistory!: StatusChangeDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() version!: number;
}

export class ConsultationPageDto {
  @ApiProperty({ type: [ConsultationDto] }) items!: ConsultationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class RespondentProfileDto {
  @ApiPropertyOptional({ enum: AGE_BANDS }) @IsOptional() @IsIn(AGE_BANDS) ageBand?: AgeBand;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: Gender;
  @ApiPropertyOptional({ enum: RESPONDENT_STATUSES }) @IsOptional() @IsIn(RESPONDENT_STATUSES) status?: RespondentStatus;
  @ApiPropertyOptional({ example: 'Шацьк', description: 'Settlement within the hromada' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) settlement?: string;
}

export class AnswerDto {
  @ApiProperty({ example: 'q1' }) @Matches(ID, { message: ID_MESSAGE }) questionId!: string;
  @ApiPropertyOptional({ type: [String], description: 'single_choice / multiple_choice: chosen option ids' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(40, { each: true })
  optionIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'ranking: option ids, best first' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(40, { each: true })
  ranking?: string[];
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }], description: 'scale: a whole number; text: the answer' })
  @IsOptional()
  value?: number | string;
}

export class SubmissionDto {
  @ApiProperty({ example: 'FORM-000123', description: 'Form number or one-time code; only a keyed hash of it is stored. One submission per token.' })
  @IsString() @MinLength(1) @MaxLength(200)
  respondentToken!: string;
  @ApiPropertyOptional({ type: RespondentProfileDto, description: 'Optional; no names or contact data' })
  @IsOptional() @ValidateNested() @Type(() => RespondentProfileDto)
  profile?: RespondentProfileDto;
  @ApiPropertyOptional({ enum: CONSULTATION_CHANNELS, default: 'online' }) @IsOptional() @IsIn(CONSULTATION_CHANNELS) channel?: ConsultationChannel;
  @ApiProperty({ type: [AnswerDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AnswerDto) answers!: AnswerDto[];
}

export class SubmissionReceiptDto {
  @ApiProperty() id!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty({ enum: CONSULTATION_CHANNELS }) channel!: ConsultationChannel;
  @ApiProperty() receivedAt!: string;
}

export class ImportRejectionDto {
  @ApiProperty({ description: 'Line in the file (the header is line 1)' }) line!: number;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional() questionId?: string;
}

export class ImportReportDto {
  @ApiProperty() consultationId!: string;
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejectedCount!: number;
  @ApiProperty({ type: [ImportRejectionDto], description: 'The first 1000 rejected rows' }) rejected!: ImportRejectionDto[];
}

export class ResultsQueryDto {
  @ApiPropertyOptional({ enum: PROFILE_FIELDS, description: 'Break every figure down by this profile field; groups under 5 respondents are suppressed' })
  @IsOptional() @IsIn(PROFILE_FIELDS)
  by?: ProfileField;
}

export class ConfidenceIntervalDto {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

export class RankingEntryDto {
  @ApiProperty() optionId!: string;
  @ApiProperty({ description: 'Sum of Borda points: first of N places earns N, the last 1, unranked 0' }) bordaScore!: number;
  @ApiProperty() firstPreferenceShare!: number;
  @ApiProperty({ type: ConfidenceIntervalDto }) firstPreferenceCi95!: ConfidenceIntervalDto;
}

export class QuestionResultDto {
  @ApiProperty() questionId!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type!: string;
  @ApiProperty({ description: 'Respondents who answered the question' }) answered!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Per option id (per value for scale)' }) counts?: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Share of those who answered' }) shares?: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ConfidenceIntervalDto' }, description: '95% Wilson intervals of the shares' })
  ci95?: Record<string, ConfidenceIntervalDto>;
  @ApiPropertyOptional({ nullable: true, type: Number }) mean?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) median?: number | null;
  @ApiPropertyOptional({ type: [RankingEntryDto], description: 'ranking: best first' }) ranking?: RankingEntryDto[];
}

export class ResultsGroupDto {
  @ApiProperty({ enum: PROFILE_FIELDS }) field!: ProfileField;
  @ApiProperty({ description: '`not_stated` for respondents who left the field empty' }) value!: string;
  @ApiProperty() suppressed!: boolean;
  @ApiPropertyOptional({ enum: ['small_group', 'complementary'] }) suppressionReason?: string;
  @ApiPropertyOptional() respondents?: number;
  @ApiPropertyOptional({ type: [QuestionResultDto] }) questions?: QuestionResultDto[];
}

export class ConsultationResultsDto {
  @ApiProperty() consultationId!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: string;
  @ApiProperty() respondents!: number;
  @ApiProperty({ type: [QuestionResultDto] }) questions!: QuestionResultDto[];
  @ApiPropertyOptional({ enum: PROFILE_FIELDS }) by?: ProfileField;
  @ApiPropertyOptional({ type: [ResultsGroupDto] }) groups?: ResultsGroupDto[];
  @ApiProperty() computedAt!: string;
}

export class PriorityCategoryDto {
  @ApiProperty({ enum: RECOVERY_CATEGORY_IDS }) category!: string;
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'Mean share of support across the questions that carry the category (0..1)' }) score!: number;
  @ApiPropertyOptional({ type: LocalizedTextDto }) label?: LocalizedTextDto;
  @ApiPropertyOptional({ type: [String], description: 'TPKVKMB programme codes' }) programCodes?: string[];
  @ApiPropertyOptional({ type: [String], description: 'FKVKB functional codes' }) functionalCodes?: string[];
}

export class PriorityListDto {
  @ApiProperty() id!: string;
  @ApiProperty() communityCode!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty() publishedAt!: string;
  @ApiPropertyOptional() publishedBy?: string;
  @ApiProperty() respondents!: number;
  @ApiProperty({ type: [PriorityCategoryDto] }) categories!: PriorityCategoryDto[];
}

export class CommunityPrioritiesDto {
  @ApiProperty() communityCode!: string;
  @ApiProperty({ type: PriorityListDto, nullable: true }) latest!: PriorityListDto | null;
  @ApiProperty({ type: [PriorityListDto], description: 'Every published list, newest first (up to 50)' }) history!: PriorityListDto[];
}

export class TimelineDto {
  @ApiProperty({ example: '2026-Q2', description: 'YYYY, YYYY-Qn or YYYY-MM' }) @Matches(PERIOD) start!: string;
  @ApiProperty({ example: '2027-12' }) @Matches(PERIOD) end!: string;
}

export class ConceptPatchDto {
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) title?: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) summary?: LocalizedTextDto;
  @ApiPropertyOptional({ enum: RECOVERY_CATEGORY_IDS, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(RECOVERY_CATEGORY_IDS, { each: true })
  categories?: string[];
  @ApiPropertyOptional({ description: 'Priority list the concept answers to (the consultation id of a published list)' })
  @IsOptional() @IsString() @MaxLength(64)
  priorityListId?: string;
  @ApiPropertyOptional({ example: 1250000000, description: 'Estimated cost in kopiykas (integer)' }) @IsOptional() @IsInt() @Min(0) estimatedCostKopiykas?: number;
  @ApiPropertyOptional({ enum: FUNDING_SOURCES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(FUNDING_SOURCES.length) @IsIn(FUNDING_SOURCES, { each: true })
  fundingSources?: FundingSource[];
  @ApiPropertyOptional({ example: 'Виконавчий комітет Шацької селищної ради' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(300) responsibleBody?: string;
  @ApiPropertyOptional({ type: TimelineDto }) @IsOptional() @ValidateNested() @Type(() => TimelineDto) timeline?: TimelineDto;
}

export class UpdateConceptDto extends ConceptPatchDto {
  @ApiPropertyOptional({ description: 'Why it changed (kept in the version history)' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class CreateConceptDto extends ConceptPatchDto {
  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) declare title: LocalizedTextDto;
}

export class ConceptTransitionDto {
  @ApiProperty({ enum: CONCEPT_STATUSES, description: 'draft → under_discussion → adopted | rejected | withdrawn' }) @IsIn(CONCEPT_STATUSES) status!: ConceptStatus;
  @ApiProperty({ description: 'Why (kept in the version history)' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class ListConceptsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONCEPT_STATUSES }) @IsOptional() @IsIn(CONCEPT_STATUSES) status?: ConceptStatus;
}

export class ConceptDto extends ConceptPatchDto {
  @ApiProperty() id!: string;
  @ApiProperty() consultationId!: string;
  @ApiProperty({ nullable: true, type: String }) communityCode!: string | null;
  @ApiProperty({ enum: CONCEPT_STATUSES }) status!: ConceptStatus;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ConceptPageDto {
  @ApiProperty({ type: [ConceptDto] }) items!: ConceptDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ConceptVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CONCEPT_STATUSES }) status!: ConceptStatus;
  @ApiProperty() changedAt!: string;
  @ApiPropertyOptional({ description: 'API key id of whoever made the change' }) changedBy?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ type: ConceptPatchDto }) content!: ConceptPatchDto;
}

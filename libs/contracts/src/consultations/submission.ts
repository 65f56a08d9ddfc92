import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { UploadRef } from '../common';
import { AGE_BANDS, AgeBand, CONSULTATION_CHANNELS, ConsultationChannel, GENDERS, Gender, PROFILE_FIELDS, ProfileField, RESPONDENT_STATUSES, RespondentStatus } from './enums';
import { ANSWER_ID_PATTERN } from './consultation';

/** Optional, for inclusive breakdowns only: no names, no contact data. */
export class RespondentProfile {
  @IsOptional() @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  @IsOptional() @IsIn(GENDERS)
  gender?: Gender;

  @IsOptional() @IsIn(RESPONDENT_STATUSES)
  status?: RespondentStatus;

  /** Settlement (village, town) within the hromada. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  settlement?: string;
}

export class Answer {
  @Matches(ANSWER_ID_PATTERN)
  questionId!: string;

  /** single_choice / multiple_choice: the chosen option ids. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(40, { each: true })
  optionIds?: string[];

  /** ranking: option ids, best first. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(40, { each: true })
  ranking?: string[];

  /** scale: a number; text: a string. Checked against the question by the service. */
  @IsOptional()
  value?: number | string;
}

export class SubmissionFields {
  /** Paper form number, one-time code...: only a keyed hash of it is stored. */
  @IsString() @MinLength(1) @MaxLength(200)
  respondentToken!: string;

  @IsOptional() @ValidateNested() @Type(() => RespondentProfile)
  profile?: RespondentProfile;

  @IsOptional() @IsIn(CONSULTATION_CHANNELS)
  channel?: ConsultationChannel;

  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => Answer)
  answers!: Answer[];
}

export class CreateSubmissionRequest {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @ValidateNested() @Type(() => SubmissionFields)
  submission!: SubmissionFields;

  /** Idempotency-Key header: a retry with the same key gets the first reply. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  idempotencyKey?: string;
}

export interface SubmissionReceipt {
  id: string;
  consultationId: string;
  channel: ConsultationChannel;
  receivedAt: string;
}

/** What the service replies to a submission: the HTTP status and body to return (the same on a retry). */
export interface SubmissionReply {
  status: number;
  body: SubmissionReceipt;
  replayed: boolean;
}

export class ImportSubmissionsRequest {
  @IsString() @MaxLength(64)
  consultationId!: string;

  @ValidateNested() @Type(() => UploadRef)
  upload!: UploadRef;
}

export interface PaperImportReport {
  consultationId: string;
  /** Data rows read (the header line is not counted). */
  rows: number;
  accepted: number;
  rejectedCount: number;
  /** Rejected rows with their line in the file (the header is line 1); the first 1000 are listed. */
  rejected: Array<{ line: number; reason: string; questionId?: string }>;
}

export class ResultsRequest {
  @IsString() @MaxLength(64)
  id!: string;

  @IsOptional() @IsIn(PROFILE_FIELDS)
  by?: ProfileField;
}

export interface ConfidenceInterval {
  low: number;
  high: number;
}

export interface QuestionResult {
  questionId: string;
  type: string;
  /** Respondents who answered this question. */
  answered: number;
  counts?: Record<string, number>;
  shares?: Record<string, number>;
  /** 95% Wilson score intervals for the shares. */
  ci95?: Record<string, ConfidenceInterval>;
  mean?: number | null;
  median?: number | null;
  /** ranking: options by Borda score, best first. */
  ranking?: Array<{ optionId: string; bordaScore: number; firstPreferenceShare: number; firstPreferenceCi95: ConfidenceInterval }>;
}

export interface ResultsGroup {
  field: ProfileField;
  value: string;
  suppressed: boolean;
  /** Why a group is hidden: too few respondents, or it could be worked out from the other groups. */
  suppressionReason?: 'small_group' | 'complementary';
  respondents?: number;
  questions?: QuestionResult[];
}

export interface ConsultationResults {
  consultationId: string;
  status: string;
  respondents: number;
  questions: QuestionResult[];
  by?: ProfileField;
  groups?: ResultsGroup[];
  computedAt: string;
}

export class CommunityPrioritiesRequest {
  @IsString() @MaxLength(32)
  communityCode!: string;
}

export interface PriorityListView {
  id: string;
  communityCode: string;
  consultationId: string;
  publishedAt: string;
  publishedBy?: string;
  respondents: number;
  /** Best first; each with the budget programme (TPKVKMB) and functional (FKVKB) codes of the category. */
  categories: Array<{ category: string; rank: number; score: number; label?: { uk: string; en: string }; programCodes?: string[]; functionalCodes?: string[] }>;
}

export interface CommunityPrioritiesView {
  communityCode: string;
  latest: PriorityListView | null;
  history: PriorityListView[];
}

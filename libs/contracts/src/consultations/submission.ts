import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { UploadRef } from '../common';
import { Nested, TextField } from '../fields';
import { ImportReport } from '../imports';
import { AnswerId } from './consultation';
import { AGE_BANDS, AgeBand, CONSULTATION_CHANNELS, ConsultationChannel, GENDERS, Gender, OneOf, RESPONDENT_STATUSES, RespondentStatus } from './enums';

/** Optional, for inclusive breakdowns only: no names, no contact data. */
export class RespondentProfile {
  @OneOf(AGE_BANDS, { optional: true, example: '30-44' })
  ageBand?: AgeBand;

  @OneOf(GENDERS, { optional: true })
  gender?: Gender;

  @OneOf(RESPONDENT_STATUSES, { optional: true })
  status?: RespondentStatus;

  @TextField({ optional: true, min: 1, max: 120, example: 'Шацьк', description: 'Settlement (village, town) within the hromada' })
  settlement?: string;
}

export class Answer {
  @AnswerId({ example: 'q1' })
  questionId!: string;

  @TextField({ optional: true, each: true, maxItems: 50, max: 40, example: ['housing'], description: 'single_choice / multiple_choice: the chosen option ids' })
  optionIds?: string[];

  @TextField({ optional: true, each: true, maxItems: 50, max: 40, example: ['water', 'roads', 'school'], description: 'ranking: option ids, best first' })
  ranking?: string[];

  /** Checked against the question by the service. */
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }], example: 4, description: 'scale: a whole number; text: the answer' })
  @IsOptional()
  value?: number | string;
}

export class SubmissionFields {
  @TextField({ min: 1, max: 200, example: 'FORM-000123', description: 'Online: a one-time token issued by POST /api/v1/consultations/{id}/respondent-tokens (spent by this submission). Paper, meeting, phone (entered by an editor): the form number. Only a keyed hash is stored; one submission per token.' })
  respondentToken!: string;

  @Nested(() => RespondentProfile, { optional: true, description: 'Optional; no names or contact data' })
  profile?: RespondentProfile;

  @OneOf(CONSULTATION_CHANNELS, { optional: true, api: { default: 'online' } })
  channel?: ConsultationChannel;

  @Nested(() => Answer, { each: true, maxItems: 100 })
  answers!: Answer[];
}

export class CreateSubmissionRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @Nested(() => SubmissionFields)
  submission!: SubmissionFields;
}

export class SubmissionReceipt {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5c1' }) id!: string;
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' }) consultationId!: string;
  @ApiProperty({ enum: CONSULTATION_CHANNELS, example: 'online' }) channel!: ConsultationChannel;
  @ApiProperty({ example: '2026-05-02T10:15:00.000Z' }) receivedAt!: string;
}

/** Paper or meeting forms as a CSV in the upload store. */
export class ImportSubmissionsRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @Nested(() => UploadRef)
  upload!: UploadRef;
}

/** Addresses one paper-form import of a consultation. */
export class SubmissionImportRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;

  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5d0' })
  @IsString() @MaxLength(64)
  id!: string;
}

/**
 * A paper-form import: every row is one submission; a rejected row (with its line, reason and, where
 * there is one, `field` = the question id) stores nothing, good rows are kept.
 */
export class SubmissionImportReport extends ImportReport {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  consultationId!: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';

export const CONSULTATION_STATUSES = ['draft', 'open', 'closed', 'results_published'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_AUDIENCES = ['residents', 'internally_displaced', 'abroad', 'all'] as const;
export type ConsultationAudience = (typeof CONSULTATION_AUDIENCES)[number];

export const CONSULTATION_CHANNELS = ['online', 'paper', 'meeting', 'phone'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];

export const QUESTION_TYPES = ['single_choice', 'multiple_choice', 'scale', 'ranking', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const AGE_BANDS = ['under_18', '18-29', '30-44', '45-59', '60-74', '75+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const GENDERS = ['female', 'male', 'other', 'prefer_not_to_say'] as const;
export type Gender = (typeof GENDERS)[number];

export const RESPONDENT_STATUSES = [
  'resident',
  'internally_displaced',
  'returnee',
  'abroad_temporary_protection',
  'veteran_or_family',
  'person_with_disability',
] as const;
export type RespondentStatus = (typeof RESPONDENT_STATUSES)[number];

/** Fields of a respondent profile (what a submission or a paper form may carry). */
export const PROFILE_FIELDS = ['ageBand', 'gender', 'status', 'settlement'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/**
 * Profile fields results can be broken down by (`?by=`): only those with a fixed list of values, so a
 * group label is always one of those values (or `not_stated`) and never free text a respondent typed
 * (a settlement name could single out a person).
 */
export const BREAKDOWN_FIELDS = ['ageBand', 'gender', 'status'] as const;
export type BreakdownField = (typeof BREAKDOWN_FIELDS)[number];

/** The values each breakdown field may take. */
export const BREAKDOWN_VALUES: Record<BreakdownField, readonly string[]> = {
  ageBand: AGE_BANDS,
  gender: GENDERS,
  status: RESPONDENT_STATUSES,
};

/** Most one-time respondent tokens issued by one request. */
export const MAX_RESPONDENT_TOKENS_PER_REQUEST = 10_000;

/** Groups with fewer respondents than this are suppressed in breakdowns. */
export const MIN_GROUP_SIZE = 5;

export const CONCEPT_STATUSES = ['draft', 'under_discussion', 'adopted', 'rejected', 'withdrawn'] as const;
export type ConceptStatus = (typeof CONCEPT_STATUSES)[number];

export const FUNDING_SOURCES = ['local_budget', 'state_budget', 'international_donors', 'diaspora', 'private'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const CONSULTATION_ACTIONS = ['open', 'close', 'publish-results'] as const;
export type ConsultationAction = (typeof CONSULTATION_ACTIONS)[number];

/** Allowed consultation transitions: the action names the target state. */
export const CONSULTATION_TRANSITIONS: Record<ConsultationAction, { from: ConsultationStatus; to: ConsultationStatus }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
  'publish-results': { from: 'closed', to: 'results_published' },
};

export const CONCEPT_TRANSITIONS: Record<ConceptStatus, readonly ConceptStatus[]> = {
  draft: ['under_discussion', 'withdrawn'],
  under_discussion: ['adopted', 'rejected', 'withdrawn', 'draft'],
  adopted: [],
  rejected: [],
  withdrawn: [],
};

/**
 * One of a fixed list of values (or an array of them with `each`), with its OpenAPI enum.
 * The shared field rules (fields.ts) cover codes and numbers; this covers the domain's word lists.
 */
export const OneOf = (
  values: readonly string[],
  opts: { optional?: boolean; each?: boolean; minItems?: number; description?: string; example?: unknown; api?: ApiPropertyOptions } = {},
): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      enum: values,
      required: !opts.optional,
      ...(opts.each ? { isArray: true } : {}),
      ...(opts.description ? { description: opts.description } : {}),
      example: opts.example ?? (opts.each ? [values[0]] : values[0]),
      ...opts.api,
    } as ApiPropertyOptions),
    ...(opts.optional ? [IsOptional()] : []),
    ...(opts.each ? [IsArray(), ArrayMinSize(opts.minItems ?? 0), ArrayMaxSize(values.length)] : []),
    IsIn(values, { each: opts.each }),
  );

/**
 * Field rules used across contracts, each defined once: its validation and its OpenAPI description.
 * A field is written `@Katottg() community!: string`, `@Katottg({ optional: true, each: true })`,
 * `@Kopiykas()`. Every rule takes the same options.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsDefined,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** KATOTTG (КАТОТТГ) code of a community: `UA` and 17 digits, e.g. Shatsk `UA07060450000051170`. */
export const KATOTTG_PATTERN = /^UA\d{17}$/;
/** ISO 3166-1 alpha-2 country code, upper case. */
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** EDRPOU (ЄДРПОУ) code of a Ukrainian legal entity: 8 digits. */
export const EDRPOU_PATTERN = /^\d{8}$/;
/** ISO 639-1 language code, lower case. */
export const LANGUAGE_PATTERN = /^[a-z]{2}$/;
/** Open Budget budget code: 10 digits, or 11 where the portal writes a leading zero. */
export const BUDGET_CODE_PATTERN = /^\d{10,11}$/;

export interface FieldOptions {
  optional?: boolean;
  /** The field is an array of such values. */
  each?: boolean;
  /** Most array items allowed (with `each`). */
  maxItems?: number;
  description?: string;
  example?: unknown;
  /** Extra OpenAPI settings (default, nullable, deprecated…). */
  api?: ApiPropertyOptions;
}

function api(opts: FieldOptions, base: ApiPropertyOptions): PropertyDecorator {
  const merged = {
    ...base,
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.example !== undefined ? { example: opts.example } : {}),
    ...(opts.each ? { isArray: true } : {}),
    required: !opts.optional,
    ...opts.api,
  } as ApiPropertyOptions;
  return ApiProperty(merged);
}

/** Optional-ness and array-ness, shared by every rule. */
function shape(opts: FieldOptions): PropertyDecorator[] {
  return [
    // A required field must be present: a nested object's own validators skip an absent value.
    ...(opts.optional ? [IsOptional()] : [IsDefined()]),
    ...(opts.each ? [IsArray(), ArrayMaxSize(opts.maxItems ?? 200)] : []),
  ];
}

function patternField(pattern: RegExp, message: string, base: ApiPropertyOptions) {
  return (opts: FieldOptions = {}): PropertyDecorator =>
    applyDecorators(
      api(opts, { type: String, pattern: pattern.source, ...base }),
      ...shape(opts),
      Matches(pattern, { each: opts.each, message: opts.each ? `each value in $property ${message}` : `$property ${message}` }),
    );
}

export const Katottg = patternField(KATOTTG_PATTERN, 'must be a KATOTTG code: UA and 17 digits', {
  description: 'KATOTTG code of a community (hromada)',
  example: 'UA07060450000051170',
});

export const CountryCode = patternField(COUNTRY_PATTERN, 'must be an ISO 3166-1 alpha-2 code such as DE', {
  description: 'ISO 3166-1 alpha-2 country code',
  example: 'DE',
});

export const Edrpou = patternField(EDRPOU_PATTERN, 'must be an EDRPOU code: 8 digits', {
  description: 'EDRPOU code of a legal entity',
  example: '32501397',
});

/**
 * The EDRPOU check digit (the 8th digit), as the State Statistics Service computes it: weights 1..7 over the
 * first seven digits (7,1,2,3,4,5,6 for codes from 30000000 to 60000000); when the sum modulo 11 is 10, the
 * weights are raised by 2 and the sum taken again; a second 10 gives 0. The pattern (`@Edrpou`) refuses a
 * malformed code with 400; a well-formed code whose check digit is wrong is refused by the owning service
 * with 422 (`edrpouCheckDigitError`).
 */
export function edrpouCheckDigit(code: string): number {
  const d = code.slice(0, 7).split('').map(Number);
  const n = Number(code);
  const base = n >= 30000000 && n <= 60000000 ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
  const sum = (w: number[]) => d.reduce((acc, x, i) => acc + x * w[i], 0) % 11;
  let r = sum(base);
  if (r === 10) r = sum(base.map((w) => w + 2));
  return r === 10 ? 0 : r;
}

/** Whether an 8-digit EDRPOU code carries the right check digit. */
export function isValidEdrpou(code: string): boolean {
  return EDRPOU_PATTERN.test(code) && edrpouCheckDigit(code) === Number(code[7]);
}

/** Why a well-formed EDRPOU code is refused, or null when its check digit is right. */
export function edrpouCheckDigitError(code: string): string | null {
  if (!EDRPOU_PATTERN.test(code) || isValidEdrpou(code)) return null;
  return `EDRPOU ${code} has a wrong check digit: ${code[7]} where ${edrpouCheckDigit(code)} is expected`;
}

export const LanguageCode = patternField(LANGUAGE_PATTERN, 'must be an ISO 639-1 language code such as uk', {
  description: 'ISO 639-1 language code',
  example: 'uk',
});

export const BudgetCode = patternField(BUDGET_CODE_PATTERN, 'must be an Open Budget budget code: 10 digits', {
  description: 'Budget code as the Open Budget portal writes it (10 digits; 11 with a leading zero)',
  example: '0350700000',
});

/** Money in integer kopiykas (minor units): exact, never a float. */
export const Kopiykas = (opts: FieldOptions & { min?: number } = {}): PropertyDecorator =>
  applyDecorators(
    api(opts, { type: 'integer', description: 'Amount in kopiykas (1/100 UAH), an integer', example: 82780834488 }),
    ...shape(opts),
    IsInt({ each: opts.each, message: '$property must be an integer number of kopiykas' }),
    Min(opts.min ?? Number.MIN_SAFE_INTEGER, { each: opts.each }),
    Max(Number.MAX_SAFE_INTEGER, { each: opts.each }),
  );

/** A whole number within bounds. */
export const IntField = (opts: FieldOptions & { min?: number; max?: number } = {}): PropertyDecorator =>
  applyDecorators(
    api(opts, { type: 'integer', minimum: opts.min, maximum: opts.max }),
    ...shape(opts),
    IsInt({ each: opts.each }),
    ...(opts.min !== undefined ? [Min(opts.min, { each: opts.each })] : []),
    ...(opts.max !== undefined ? [Max(opts.max, { each: opts.each })] : []),
  );

/** Free text with length bounds. */
export const TextField = (opts: FieldOptions & { min?: number; max?: number } = {}): PropertyDecorator =>
  applyDecorators(
    api(opts, { type: String, minLength: opts.min, maxLength: opts.max ?? 2000 }),
    ...shape(opts),
    IsString({ each: opts.each }),
    ...(opts.min !== undefined ? [MinLength(opts.min, { each: opts.each })] : []),
    MaxLength(opts.max ?? 2000, { each: opts.each }),
  );

/** A nested object (or array of them) validated by its own class. */
export const Nested = (type: () => new () => object, opts: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    api(opts, { type: type() }),
    ...shape(opts),
    ValidateNested({ each: opts.each }),
    Type(type),
  );

/** A boolean that may come from a query string (`true`/`false`). */
export const Flag = (opts: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    api({ optional: true, ...opts }, { type: Boolean }),
    ...shape({ optional: true, ...opts }),
    Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { KATOTTG_PATTERN } from '../fields';

/** Open Budget portal datasets the importer understands. */
export const BUDGET_DATASETS = [
  'expenses-economic',
  'expenses-program',
  'expenses-functional',
  'incomes',
] as const;
export type BudgetDataset = (typeof BUDGET_DATASETS)[number];

/** `FUND_TYP`: C general fund, S special fund, T total (= C + S). */
export const BUDGET_FUNDS = ['C', 'S', 'T'] as const;
export type BudgetFund = (typeof BUDGET_FUNDS)[number];

export const EXPENDITURE_CLASSIFICATIONS = ['economic', 'program', 'functional'] as const;
export type ExpenditureClassification = (typeof EXPENDITURE_CLASSIFICATIONS)[number];

/** Where an analysis took its figures from: the portal's monthly files or the annual KSE figures. */
export const BUDGET_SOURCES = ['open-budget', 'kse-annual'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

/**
 * A budget code as people type it (10 or 11 digits, or 9 when a spreadsheet dropped the leading zero)
 * or the KATOTTG code of the community whose budget it is.
 */
export const BUDGET_OR_COMMUNITY_PATTERN = new RegExp(
  `^(\\d{9,11}|${KATOTTG_PATTERN.source.replace(/^\^|\$$/g, '')})$`,
);
export const YEAR_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const BUDGET_OR_COMMUNITY_MESSAGE = 'must be a 10/11-digit budget code or a KATOTTG code (UA + 17 digits)';

/** A budget addressed by its budget code or by its community's KATOTTG code. */
export const BudgetOrCommunity = (
  opts: { each?: boolean; description?: string; example?: unknown } = {},
): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: String,
      pattern: BUDGET_OR_COMMUNITY_PATTERN.source,
      description: opts.description ?? 'Budget code (10 or 11 digits) or KATOTTG code of the community',
      example: opts.example ?? '0355100000',
    }),
    ...(opts.each ? [] : [IsString()]),
    Matches(BUDGET_OR_COMMUNITY_PATTERN, {
      each: opts.each,
      message: opts.each
        ? `each value in $property ${BUDGET_OR_COMMUNITY_MESSAGE}`
        : `$property ${BUDGET_OR_COMMUNITY_MESSAGE}`,
    }),
  );

/** A calendar year of budget data (query strings are converted). */
const Year = (example: number, description = 'Budget year'): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example, description }),
    Type(() => Number),
    IsInt(),
    Min(2000),
    Max(2100),
  );

export class BudgetYearRequest {
  @BudgetOrCommunity()
  budget!: string;

  @Year(2025)
  year!: number;

  @ApiPropertyOptional({
    example: '2025-06',
    pattern: YEAR_MONTH_PATTERN.source,
    description: 'Latest period to consider (YYYY-MM); defaults to the latest available in the year',
  })
  @IsOptional()
  @Matches(YEAR_MONTH_PATTERN, { message: 'period must be YYYY-MM' })
  period?: string;
}

export class BudgetExpendituresRequest extends BudgetYearRequest {
  @ApiProperty({
    enum: EXPENDITURE_CLASSIFICATIONS,
    example: 'economic',
    description: 'Which classification the tree follows',
  })
  @IsIn(EXPENDITURE_CLASSIFICATIONS)
  classification!: ExpenditureClassification;
}

export class BudgetTrendsRequest {
  @BudgetOrCommunity()
  budget!: string;

  @Year(2021, 'First year')
  from!: number;

  @Year(2025, 'Last year (at most 20 years after `from`)')
  to!: number;
}

export class BudgetCompareRequest {
  @ApiProperty({
    type: [String],
    example: ['0350700000', '1954800000', '2555100000'],
    description: 'Budget or KATOTTG codes (up to 20)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(BUDGET_OR_COMMUNITY_PATTERN, {
    each: true,
    message: `each value in budgets ${BUDGET_OR_COMMUNITY_MESSAGE}`,
  })
  budgets!: string[];

  @Year(2022)
  year!: number;
}

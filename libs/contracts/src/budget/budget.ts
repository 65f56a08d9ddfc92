import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { UploadRef } from '../common';

/** Open Budget portal datasets the importer understands. */
export const BUDGET_DATASETS = ['expenses-economic', 'expenses-program', 'expenses-functional', 'incomes'] as const;
export type BudgetDataset = (typeof BUDGET_DATASETS)[number];

/** `FUND_TYP`: C general fund, S special fund, T total (= C + S). */
export const BUDGET_FUNDS = ['C', 'S', 'T'] as const;
export type BudgetFund = (typeof BUDGET_FUNDS)[number];

export const EXPENDITURE_CLASSIFICATIONS = ['economic', 'program', 'functional'] as const;
export type ExpenditureClassification = (typeof EXPENDITURE_CLASSIFICATIONS)[number];

/** A budget code (10 or 11 digits) or a KATOTTG community code. */
export const BUDGET_OR_COMMUNITY_PATTERN = /^(\d{9,11}|UA\d{17})$/;
export const YEAR_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export class StartBudgetImportRequest {
  @ValidateNested() @Type(() => UploadRef)
  upload!: UploadRef;

  @IsOptional() @IsIn(BUDGET_DATASETS)
  dataset?: BudgetDataset;

  /** How long the caller waits for the import before getting `processing` and an id to poll. */
  @IsOptional() @IsInt() @Min(0) @Max(600000)
  waitMs?: number;
}

export class BudgetImportIdRequest {
  @IsString() @MaxLength(64)
  id!: string;
}

export class BudgetYearRequest {
  @IsString() @Matches(BUDGET_OR_COMMUNITY_PATTERN)
  budget!: string;

  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;

  /** Latest period to consider, `YYYY-MM` (defaults to the year's latest available). */
  @IsOptional() @Matches(YEAR_MONTH_PATTERN)
  period?: string;
}

export class BudgetExpendituresRequest extends BudgetYearRequest {
  @IsIn(EXPENDITURE_CLASSIFICATIONS)
  classification!: ExpenditureClassification;
}

export class BudgetTrendsRequest {
  @IsString() @Matches(BUDGET_OR_COMMUNITY_PATTERN)
  budget!: string;

  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  from!: number;

  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  to!: number;
}

export class BudgetCompareRequest {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Matches(BUDGET_OR_COMMUNITY_PATTERN, { each: true })
  budgets!: string[];

  @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;
}

/** One row of an annual figure set (KSE Local Data Hub), already in kopiykas. */
export class AnnualExpenditureRow {
  @IsIn(EXPENDITURE_CLASSIFICATIONS)
  classification!: ExpenditureClassification;

  @IsString() @Matches(/^\d{1,8}$/)
  code!: string;

  @IsInt()
  executed!: number;
}

export class AnnualIncomeFigures {
  @IsInt() total!: number;
  @IsInt() transfers!: number;
  @IsInt() own!: number;
  @IsInt() personalIncomeTax!: number;
  @IsOptional() @IsInt() militaryPersonalIncomeTax?: number;
  @IsOptional() @IsInt() baseSubsidy?: number;
}

/** Loads the annual figures of one budget and year from a published source (replaces that source's earlier load). */
export class LoadAnnualFiguresRequest {
  @IsString() @Matches(/^\d{10,11}$/)
  budgetCode!: string;

  @IsInt() @Min(2000) @Max(2100)
  year!: number;

  @IsString() @MaxLength(200)
  source!: string;

  @IsOptional() @IsString() @Matches(/^UA\d{17}$/)
  katottg?: string;

  @IsArray() @ArrayMaxSize(20000) @ValidateNested({ each: true }) @Type(() => AnnualExpenditureRow)
  expenditures!: AnnualExpenditureRow[];

  @IsOptional() @ValidateNested() @Type(() => AnnualIncomeFigures)
  incomes?: AnnualIncomeFigures;
}

export interface BudgetRowError {
  line: number;
  reason: string;
}

export interface BudgetImportView {
  id: string;
  status: 'processing' | 'completed' | 'failed';
  dataset: BudgetDataset | null;
  encoding: string | null;
  separator: string | null;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** First rejected rows with their line number (header = line 1) and reason. */
  errors: BudgetRowError[];
  /** Rejections counted by reason. */
  rejectedByReason: Record<string, number>;
  budgetCodes: string[];
  periods: string[];
  /** Rows written by this import. */
  inserted: number;
  /** Rows of earlier imports of the same budgets, dataset and periods that this import superseded (deleted). */
  removed: number;
  failure?: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Plan / amended plan / executed, integer kopiykas. */
export interface BudgetAmounts {
  plan: number;
  amendedPlan: number;
  executed: number;
}

export interface LocalizedLabel {
  uk: string;
  en: string;
}

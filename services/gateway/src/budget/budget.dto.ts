import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BUDGET_DATASETS, BudgetDataset, EXPENDITURE_CLASSIFICATIONS, ExpenditureClassification } from '@vidnova/contracts';

const BUDGET_OR_KATOTTG = /^(\d{9,11}|UA\d{17})$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class BudgetImportQueryDto {
  @ApiPropertyOptional({ enum: BUDGET_DATASETS, description: 'Detected from the header when absent; a mismatch is refused with 422' })
  @IsOptional() @IsIn(BUDGET_DATASETS)
  dataset?: BudgetDataset;
}

export class BudgetPathDto {
  @ApiProperty({ example: '0355100000', description: 'Budget code (10 or 11 digits) or KATOTTG code of the community' })
  @Matches(BUDGET_OR_KATOTTG, { message: 'budgetCode must be a 10/11-digit budget code or a KATOTTG code (UA + 17 digits)' })
  budgetCode!: string;
}

export class BudgetYearQueryDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: '2025-06', description: 'Latest period to consider (YYYY-MM); defaults to the latest available in the year' })
  @IsOptional() @Matches(YEAR_MONTH, { message: 'period must be YYYY-MM' })
  period?: string;
}

export class BudgetExpendituresQueryDto extends BudgetYearQueryDto {
  @ApiProperty({ enum: EXPENDITURE_CLASSIFICATIONS }) @IsIn(EXPENDITURE_CLASSIFICATIONS)
  classification!: ExpenditureClassification;
}

export class BudgetTrendsQueryDto {
  @ApiProperty({ example: 2021 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  from!: number;

  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  to!: number;
}

export class BudgetCompareQueryDto {
  @ApiProperty({ example: '0350700000,1954800000,2555100000', description: 'Comma-separated budget or KATOTTG codes (up to 20)', type: String })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(BUDGET_OR_KATOTTG, { each: true })
  budgets!: string[];

  @ApiProperty({ example: 2022 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;
}

export class BudgetRowErrorDto {
  @ApiProperty({ description: 'Line in the file (header = 1)' }) line!: number;
  @ApiProperty() reason!: string;
}

export class BudgetImportDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['processing', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ enum: BUDGET_DATASETS, nullable: true }) dataset!: string | null;
  @ApiProperty({ nullable: true, example: 'win1251' }) encoding!: string | null;
  @ApiProperty({ nullable: true, example: ';' }) separator!: string | null;
  @ApiProperty() rowsRead!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [BudgetRowErrorDto], description: 'First rejected rows (bounded)' }) errors!: BudgetRowErrorDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Rejections by failing field' }) rejectedByReason!: Record<string, number>;
  @ApiProperty({ type: [String] }) budgetCodes!: string[];
  @ApiProperty({ type: [String], example: ['2025-01', '2025-12'] }) periods!: string[];
  @ApiProperty({ description: 'Rows written by this import' }) inserted!: number;
  @ApiProperty({ description: 'Rows of earlier imports of the same budgets, dataset and periods that this import superseded' }) removed!: number;
  @ApiPropertyOptional() failure?: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

/** Analysis replies are documented by their description; amounts are integer kopiykas. */
export class BudgetAnalysisDto {
  @ApiProperty() budgetCode!: string;
  @ApiPropertyOptional() year?: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Latest period used (YYYY-MM); null for annual sources' }) period?: string | null;
  @ApiPropertyOptional({ enum: ['open-budget', 'kse-annual'] }) source?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UploadRef } from '../common';
import { Nested } from '../fields';
import { ImportReport } from '../imports';
import { BUDGET_DATASETS, BudgetDataset } from './budget';

/** Starts importing an Open Budget portal file that the gateway streamed into the upload store. */
export class StartBudgetImportRequest {
  @Nested(() => UploadRef, { description: 'The stored file' })
  upload!: UploadRef;

  @ApiPropertyOptional({
    enum: BUDGET_DATASETS,
    example: 'expenses-economic',
    description: 'Detected from the header when absent; a header of another dataset is refused with 422',
  })
  @IsOptional()
  @IsIn(BUDGET_DATASETS)
  dataset?: BudgetDataset;
}

/** An import of a budget file: the common import report plus what the file covered. */
export class BudgetImportReport extends ImportReport {
  @ApiProperty({ enum: BUDGET_DATASETS, nullable: true, example: 'expenses-economic' })
  dataset!: BudgetDataset | null;

  @ApiProperty({ type: String, nullable: true, example: 'win1251', description: 'utf8, utf8-bom or win1251' })
  encoding!: string | null;

  @ApiProperty({ type: String, nullable: true, example: ';' })
  separator!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { period: 1, FAKT_AMT: 1 },
    description: 'Rejected rows counted by failing field',
  })
  rejectedByReason!: Record<string, number>;

  @ApiProperty({
    type: [String],
    example: ['0355100000'],
    description: 'Budgets the accepted rows belong to (10-digit codes)',
  })
  budgetCodes!: string[];

  @ApiProperty({
    type: [String],
    example: ['2025-01', '2025-12'],
    description: 'Periods the accepted rows cover (YYYY-MM)',
  })
  periods!: string[];

  @ApiProperty({ example: 968, description: 'Rows written by this import' })
  inserted!: number;

  @ApiProperty({
    example: 0,
    description:
      'Rows of earlier imports of the same budgets, dataset and periods that this import superseded',
  })
  removed!: number;
}

import { MongoServiceConfig } from '@vidnova/config';
import { MAX_LISTED_REJECTIONS } from '@vidnova/contracts';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class BudgetConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'budget-analysis';

  /** Rows written per bulk write while importing. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(50000)
  IMPORT_BATCH_SIZE: number = 2000;

  /** How many rejected rows are listed with their line and reason on the import report (all are counted). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_LISTED_REJECTIONS)
  IMPORT_MAX_ERRORS: number = MAX_LISTED_REJECTIONS;

  /** How often (ms) a running import writes its progress to the import record. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  IMPORT_PROGRESS_EVERY_MS: number = 1000;
}

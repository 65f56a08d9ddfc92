import { MongoServiceConfig } from '@vidnova/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class BudgetConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'budget-analysis';

  /** Rows written per bulk write while importing. */
  @Type(() => Number) @IsInt() @Min(100) @Max(50000)
  IMPORT_BATCH_SIZE: number = 2000;

  /** How long an import request waits before replying `processing` (keep below the gateway's bus timeout). */
  @Type(() => Number) @IsInt() @Min(0) @Max(600000)
  IMPORT_SYNC_WAIT_MS: number = 10000;

  /** How many rejected rows are kept with their line and reason on the import record. */
  @Type(() => Number) @IsInt() @Min(0) @Max(10000)
  IMPORT_MAX_ERRORS: number = 200;
}

import { MongoServiceConfig } from '@vidnova/config';
import { IsBoolean, IsString, Matches } from 'class-validator';
import { Transform } from 'class-transformer';

/** Settings of dialogue-events, validated at start. */
export class DialogueEventsConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'dialogue-events';

  /** Redis for the BullMQ queue of the daily overdue job. */
  @IsString() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** When the overdue job runs (cron, Europe/Kyiv): by default five past midnight. */
  @IsString() @Matches(/^(\S+\s+){4}\S+$/, { message: 'OVERDUE_CRON must be a five-field cron expression' })
  OVERDUE_CRON: string = '5 0 * * *';

  /** Whether this instance schedules and works the daily job (every instance may; BullMQ runs each job once). */
  @Transform(({ value }: { value: unknown }) => (value === 'false' || value === '0' ? false : value === 'true' || value === '1' ? true : value))
  @IsBoolean()
  OVERDUE_JOB_ENABLED: boolean = true;
}

import { MongoServiceConfig } from '@vidnova/config';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/**
 * Settings of reporting, validated at start. The same class configures the API process (main.ts,
 * answers over the bus) and the worker process (worker.ts, consumes the BullMQ queue).
 */
export class ReportingConfig extends MongoServiceConfig {
  override SERVICE_NAME = 'reporting';

  @IsString() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Attempts of one run before it ends `failed` with its reason. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  REPORT_ATTEMPTS: number = 3;

  /** First retry delay (ms); doubles with each attempt (exponential backoff). */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000)
  REPORT_BACKOFF_MS: number = 5000;

  /**
   * How long a source service may take to answer one question before its section becomes a data gap.
   * 30 s, not 5: reports are background jobs, where waiting costs nothing but a `partial` report is wrong
   * until someone runs it again. On a saturated machine (an earlier reporting bench, two cores shared
   * with other work at load average 27–40) enterprise-efficiency's community overview took longer than
   * 5 s and reports came out `partial` merely because the machine was busy (at load 15, 5 s still held:
   * docs/reporting.md#benchmark). A service that is down is still noticed at
   * once (no responders, `unavailable`); only a hung one is waited for, at most once per source, while
   * BullMQ keeps renewing the job's lock (REPORT_LOCK_MS), so a long wait never hands the job to another worker.
   */
  @Type(() => Number) @IsInt() @Min(200) @Max(120_000)
  SOURCE_TIMEOUT_MS: number = 30_000;

  /** How long stored content is kept (days, 0 = until deleted); the run records stay, listed with their inputs. */
  @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  REPORT_RETENTION_DAYS: number = 400;

  /**
   * The worker's lock on a running job (ms): a worker that dies (SIGKILL, lost node) leaves the job
   * to another worker once the lock has expired.
   */
  @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  REPORT_LOCK_MS: number = 30000;

  /** Reports one worker process builds at once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(32)
  WORKER_CONCURRENCY: number = 1;

  /**
   * Hosts webhooks may call although they resolve to private, loopback or link-local addresses
   * (comma-separated names or addresses, optionally host:port). Empty: none (OWASP API7).
   */
  @IsString()
  WEBHOOK_ALLOWED_HOSTS: string = '';

  /** Delivery attempts of one webhook event before it is logged `failed`. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  WEBHOOK_ATTEMPTS: number = 5;

  /** First retry delay of a delivery (ms), doubling each time. */
  @Type(() => Number) @IsInt() @Min(50) @Max(3_600_000)
  WEBHOOK_BACKOFF_MS: number = 2000;

  /** How long a receiver may take to answer (ms). */
  @Type(() => Number) @IsInt() @Min(500) @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 10000;

  /** Chromium used to print the PDF (Debian's `chromium` package). */
  @IsString()
  CHROMIUM_PATH: string = '/usr/bin/chromium';
}

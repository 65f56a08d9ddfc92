import { BaseServiceConfig, Secret, ToBoolean } from '@vidnova/config';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class GatewayConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'gateway';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsString() @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGO_URL must be a mongodb:// URL' })
  MONGO_URL: string = 'mongodb://127.0.0.1:27017';

  @IsString() @Matches(/^[A-Za-z0-9_-]+$/)
  MONGO_DB: string = 'vidnova_gateway';

  /** Bootstrap admin key; admins create every other key through /api/v1/api-keys. */
  @IsOptional() @Secret(24)
  VIDNOVA_ADMIN_API_KEY?: string;

  /** Whether GET requests without an API key are allowed (off by default). */
  @ToBoolean() @IsBoolean()
  ALLOW_ANONYMOUS_READS: boolean = false;

  /** Largest JSON body accepted; capped further by the NATS server's max payload. */
  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /**
   * Largest file upload (CSV imports) on an import route without a cap of its own in
   * UPLOAD_ROUTE_LIMITS; streamed to the object store rather than sent on the bus.
   */
  @Type(() => Number) @IsInt() @Min(1024)
  UPLOAD_LIMIT_BYTES: number = 512 * 1024 * 1024;

  /**
   * Upload cap per import route, as `<operation>=<bytes>` pairs separated by commas; the operation is
   * the bus operation of the route without its version, or a prefix of it (`budget` covers every
   * budget import). The longest matching prefix wins; other routes get UPLOAD_LIMIT_BYTES. Paper
   * consultation forms are small, budget files large.
   */
  @IsString() @Matches(/^$|^[a-z0-9.-]+=\d+(,[a-z0-9.-]+=\d+)*$/, { message: 'UPLOAD_ROUTE_LIMITS must look like consultations.submission.import=16777216,budget=536870912' })
  UPLOAD_ROUTE_LIMITS: string = 'consultations.submission.import=16777216';

  /**
   * Total size of the upload bucket in the NATS object store (every upload not yet imported). A put
   * past it is refused with 503 + Retry-After instead of filling the NATS server's disk.
   */
  @Type(() => Number) @IsInt() @Min(1024 * 1024)
  UPLOAD_BUCKET_MAX_BYTES: number = 4 * 1024 * 1024 * 1024;

  /** How long the gateway waits for a service's reply. */
  @Type(() => Number) @IsInt() @Min(100)
  BUS_TIMEOUT_MS: number = 15000;

  /** How long a request keeps retrying while no instance of a service is up (restart, deploy). */
  @Type(() => Number) @IsInt() @Min(0)
  BUS_UNAVAILABLE_RETRY_MS: number = 5000;

  /** Comma-separated services that must answer for /health/ready. */
  @IsString()
  READY_SERVICES: string = 'diaspora-registry,budget-analysis,consultations,enterprise-efficiency,reporting,dialogue-events';

  /** Requests per minute per API key, over a sliding 60 s window (0 disables the limit and Redis). */
  @Type(() => Number) @IsInt() @Min(0)
  RATE_LIMIT_PER_MINUTE: number = 600;

  /** Requests per minute from one client address, counted before authentication (0 = off). */
  @Type(() => Number) @IsInt() @Min(0)
  RATE_LIMIT_PER_IP_PER_MINUTE: number = 1200;

  /** Failed authentications from one address after which it gets 429 until the minute is over (0 = off). */
  @Type(() => Number) @IsInt() @Min(0)
  AUTH_FAILURES_PER_MINUTE: number = 10;

  /**
   * How many reverse proxies in front of the gateway to trust for the client address (X-Forwarded-For).
   * 0: the socket's address; a client's own X-Forwarded-For is never believed beyond these hops.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY_HOPS: number = 0;

  /** Where those proxies may be: comma-separated addresses, CIDRs or loopback/linklocal/uniquelocal. */
  @IsString() @MinLength(1)
  TRUSTED_PROXIES: string = 'loopback,linklocal,uniquelocal';

  /** Redis for the rate limits; while it is down each gateway keeps the limits in its own memory and says so. */
  @IsString() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';
}

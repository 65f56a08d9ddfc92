import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { NatsPasswordShape, Secret } from './secrets';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses "true"/"false"/"1"/"0" as booleans; anything else stays as is so validation can reject it. */
export const ToBoolean = () =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1' || value === true) return true;
    if (value === 'false' || value === '0' || value === false) return false;
    return value;
  });

export * from './secrets';

/** The bus signing secret of local runs and tests (refused unless NODE_ENV=development|test). */
export const DEV_BUS_SIGNING_SECRET = 'dev-only-bus-signing-secret-not-for-production';

const OTLP_URL = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/;

/** Settings every service process has. Services extend this class with their own. */
export class BaseServiceConfig {
  /**
   * `development` or `test` allow development defaults for secrets; anything else, unset included,
   * is treated as production.
   */
  @IsOptional() @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsString() @Matches(/^[a-z][a-z0-9-]+$/)
  SERVICE_NAME!: string;

  @IsString() @Matches(/^(nats|tls):\/\/.+/, { message: 'NATS_URL must look like nats://host:4222 (comma-separate several)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /**
   * The NATS user of this process; its subject permissions come from libs/messaging/src/nats-permissions.ts.
   * Defaults to SERVICE_NAME (each service and the gateway has a user of its name). Used with NATS_PASSWORD.
   */
  @IsOptional() @IsString() @Matches(/^[a-z][a-z0-9-]+$/)
  NATS_USER?: string;

  /**
   * The password of NATS_USER (the server's `NATS_PASSWORD_<USER>`). Required outside NODE_ENV=development|test:
   * production never connects to NATS without a user. Without it (local runs on a NATS without users)
   * the connection carries no credentials.
   */
  @Secret(24) @NatsPasswordShape()
  NATS_PASSWORD?: string;

  /**
   * Shared by the gateway and every service: bus requests are signed with it and unsigned or forged
   * ones refused (libs/messaging/src/signing.ts). The development default works only with
   * NODE_ENV=development or test.
   */
  @Secret(32)
  BUS_SIGNING_SECRET: string = DEV_BUS_SIGNING_SECRET;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @ToBoolean() @IsBoolean()
  LOG_PRETTY: boolean = false;

  /** Port of the small HTTP server that serves /health/live, /health/ready and /metrics. 0 picks a free port. */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  HEALTH_PORT: number = 0;

  @IsString()
  HEALTH_HOST: string = '127.0.0.1';

  /**
   * Replicas of the JetStream streams and object stores this process creates (the event stream, the upload
   * and report buckets): 1 on a single NATS server; 3 on a three-server cluster (deploy/k8s production), so
   * that each survives the loss of a server. At most 5, and no more than the cluster has servers. It applies
   * when a stream is created; an existing one keeps its replicas (docs/operations.md says how to change them).
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(5)
  JETSTREAM_REPLICAS: number = 1;

  /** How long a graceful shutdown may take before the process exits anyway. */
  @Type(() => Number) @IsInt() @Min(100)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  /**
   * OTLP/HTTP collector base URL (e.g. http://otel-collector:4318): traces are posted as JSON to
   * `<url>/v1/traces`. Unset (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT unset): tracing is off (libs/telemetry).
   */
  @IsOptional() @IsString() @Matches(OTLP_URL, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Full OTLP/HTTP traces URL, used as is (wins over OTEL_EXPORTER_OTLP_ENDPOINT). */
  @IsOptional() @IsString() @Matches(OTLP_URL, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

export class MongoServiceConfig extends BaseServiceConfig {
  @IsString() @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGO_URL must be a mongodb:// URL' })
  MONGO_URL: string = 'mongodb://127.0.0.1:27017';

  /** Database this service owns; defaults to vidnova_<service>. */
  @IsOptional() @IsString() @MinLength(1) @Matches(/^[A-Za-z0-9_-]+$/)
  MONGO_DB?: string;
}

/**
 * Builds and validates a config object from `env` (process.env by default).
 * Throws ConfigError naming every bad or missing variable; callers let it end the process.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof T, unknown>> = {},
): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(defaults), ...Object.keys(overrides)]);
  // Decorated properties without defaults are not own keys of the instance; pick up every env var
  // and let class-transformer keep only what the class declares (excludeExtraneousValues is not used
  // because validation below reports unknown shapes anyway).
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') raw[k] = v;
  for (const k of keys) if (raw[k] === undefined && defaults[k] !== undefined) raw[k] = defaults[k];
  Object.assign(raw, overrides);
  const instance = plainToInstance(cls, raw, { enableImplicitConversion: false });
  const errors = validateSync(instance as object, { whitelist: false, forbidUnknownValues: false });
  if (errors.length) {
    const problems = errors.map((e) => {
      const value = (raw as Record<string, unknown>)[e.property];
      const shown = value === undefined ? 'missing' : /KEY|SECRET|PASSWORD|TOKEN/i.test(e.property) ? 'set (hidden)' : JSON.stringify(value);
      return `${e.property} (${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(problems);
  }
  // Keep only the declared keys so the config object does not carry the whole environment.
  const result = new cls() as Record<string, unknown>;
  const declared = new Set([...Object.keys(defaults), ...declaredKeys(cls)]);
  for (const k of declared) result[k] = (instance as Record<string, unknown>)[k];
  return result as T;
}

function declaredKeys(cls: new () => unknown): string[] {
  // class-validator keeps metadata of every decorated property.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getMetadataStorage } = require('class-validator') as typeof import('class-validator');
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls as never, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

/** Loads config or prints the problems and exits with status 78 (EX_CONFIG). */
export function loadConfigOrExit<T extends object>(cls: new () => T): T {
  try {
    return loadConfig(cls);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: e.message, problems: e.problems })}\n`);
      process.exit(78);
    }
    throw e;
  }
}

export const CONFIG = Symbol.for('vidnova.config');

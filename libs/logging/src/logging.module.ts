import { DynamicModule, Module } from '@nestjs/common';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger, LoggerOptions } from 'pino';
import { currentCorrelationId, requestContext } from './correlation';

export interface LoggingOptions {
  service: string;
  level: string;
  pretty?: boolean;
}

/**
 * Field names whose values never reach a log line, at any depth: secrets, personal data and client
 * addresses (compared without case, `-` or `_`). A log line is for operators; what a person is or
 * which key they hold is not theirs to read there.
 */
export const REDACTED_FIELDS = [
  'x-api-key',
  'authorization',
  'cookie',
  'set-cookie',
  'apiKey',
  'key',
  'secret',
  'password',
  'token',
  'respondentToken',
  'contactPerson',
  'email',
  'phone',
  'ip',
  'ips',
  'remoteAddress',
  'x-forwarded-for',
  'x-real-ip',
];
const REDACTED = new Set(REDACTED_FIELDS.map((f) => f.toLowerCase().replace(/[-_]/g, '')));
const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

/** A copy of `value` with every redacted field replaced, however deep it sits (up to MAX_DEPTH levels). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  // Only plain data is walked: requests, responses and errors go to their serializers untouched (the
  // req/res serializers below redact what they produce).
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = REDACTED.has(k.toLowerCase().replace(/[-_]/g, '')) ? CENSOR : redactDeep(v, depth + 1);
  }
  return out;
}

/** pino options shared by Nest and plain scripts (workers, seeders). */
export function pinoOptions(opts: LoggingOptions): LoggerOptions {
  return {
    level: opts.level,
    base: { service: opts.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: unknown) => redactDeep(req),
      res: (res: unknown) => redactDeep(res),
    },
    formatters: {
      level: (label) => ({ level: label }),
      // Every line, whatever logged it (pino-http's req/res included), goes through the same redaction.
      log: (obj) => redactDeep(obj) as Record<string, unknown>,
    },
    // Every line carries the correlation id of the work it belongs to, whatever started it.
    mixin() {
      const store = requestContext.getStore();
      const fields: Record<string, string> = store ? { correlationId: store.correlationId } : {};
      // Inside a traced span (libs/telemetry), the line also names its trace, to find it in the trace store.
      const span = trace.getSpanContext(context.active());
      if (span && isSpanContextValid(span)) {
        fields.trace_id = span.traceId;
        fields.span_id = span.spanId;
      }
      return fields;
    },
    ...(opts.pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

export function createLogger(opts: LoggingOptions): Logger {
  return pino(pinoOptions(opts));
}

@Module({})
export class LoggingModule {
  static forRoot(opts: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...pinoOptions(opts),
            genReqId: (req) => currentCorrelationId() ?? (req.headers['x-correlation-id'] as string) ?? '',
            customProps: () => ({ correlationId: currentCorrelationId() }),
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            quietReqLogger: true,
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

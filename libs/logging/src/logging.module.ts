import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger, LoggerOptions } from 'pino';
import { currentCorrelationId, requestContext } from './correlation';

export interface LoggingOptions {
  service: string;
  level: string;
  pretty?: boolean;
}

export const REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.apiKey',
  '*.respondentToken',
  '*.password',
];

/** pino options shared by Nest and plain scripts (workers, seeders). */
export function pinoOptions(opts: LoggingOptions): LoggerOptions {
  return {
    level: opts.level,
    base: { service: opts.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Every line carries the correlation id of the work it belongs to, whatever started it.
    mixin() {
      const store = requestContext.getStore();
      return store ? { correlationId: store.correlationId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
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

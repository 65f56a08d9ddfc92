import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { ErrorCode, ErrorEnvelope, ERROR_CODES, FieldError } from '@vidnova/contracts';
import { currentCorrelationId } from '@vidnova/logging';
import { BusError, toEnvelope } from '@vidnova/messaging';

/** Stable problem type URIs; `code` repeats the last segment for clients that prefer a short key. */
export const PROBLEM_BASE = 'https://vidnova.org/problems/';

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  malformed_request: 'Malformed request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  duplicate: 'Likely duplicate',
  invalid_state: 'Invalid state transition',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  service_unavailable: 'Service unavailable',
  service_timeout: 'Service timeout',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** RFC 9457 members and ours that a service's `details` may never replace (a detail named `status` once made a 500). */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'correlationId', 'errors']);

export function problemFromEnvelope(e: ErrorEnvelope, instance?: string): ProblemDetails {
  const extensions = Object.fromEntries(Object.entries(e.details ?? {}).filter(([key]) => !RESERVED.has(key)));
  return {
    ...extensions,
    type: `${PROBLEM_BASE}${e.code.replace(/_/g, '-')}`,
    title: TITLES[e.code] ?? 'Error',
    status: e.status ?? ERROR_CODES[e.code] ?? 500,
    detail: e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
    correlationId: currentCorrelationId(),
    ...(e.errors?.length ? { errors: e.errors } : {}),
  };
}

interface FastifyReplyLike {
  status(code: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: unknown): void;
}

/** Every error the gateway returns is RFC 9457 application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReplyLike>();
    const request = ctx.getRequest<{ url?: string }>();
    const envelope = toEnvelope(exception);
    if (envelope.status >= 500 && !(exception instanceof BusError)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const problem = problemFromEnvelope(envelope, request?.url);
    reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
    if (envelope.status === 503 && typeof envelope.details?.retryAfterSeconds !== 'number') {
      // Every 503 tells the client when to come back.
      reply.header('retry-after', '5');
    } else if (typeof envelope.details?.retryAfterSeconds === 'number') {
      reply.header('retry-after', String(envelope.details.retryAfterSeconds));
    }
    reply.send(problem);
  }
}

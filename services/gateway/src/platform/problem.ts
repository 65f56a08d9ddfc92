import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorCode, ErrorEnvelope, ERROR_CODES, FieldError, isErrorEnvelope } from '@vidnova/contracts';
import { DomainError } from '@vidnova/contracts';
import { currentCorrelationId } from '@vidnova/logging';
import { BusError } from '@vidnova/messaging';
import { StoredReply } from './stored-reply';

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

export function problemFromEnvelope(e: ErrorEnvelope, instance?: string): ProblemDetails {
  return {
    type: `${PROBLEM_BASE}${e.code.replace(/_/g, '-')}`,
    title: TITLES[e.code] ?? 'Error',
    status: e.status ?? ERROR_CODES[e.code] ?? 500,
    detail: e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
    correlationId: currentCorrelationId(),
    ...(e.errors?.length ? { errors: e.errors } : {}),
    ...(e.details ?? {}),
  };
}

/** Fastify's own errors (body parsing, limits, content type) carry a code we translate. */
function fromFastifyError(err: { statusCode?: number; code?: string; message: string }): ErrorEnvelope | undefined {
  switch (err.code ?? '') {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', status: 413, message: 'The request body is larger than this endpoint accepts' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', status: 415, message: err.message };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'malformed_request', status: 400, message: 'The request body is not valid JSON' };
    default:
      if (err instanceof SyntaxError || /JSON/.test(err.code ?? '')) {
        return { code: 'malformed_request', status: 400, message: 'The request body is not valid JSON' };
      }
      return undefined;
  }
}

export function toProblemEnvelope(exception: unknown): ErrorEnvelope {
  if (exception instanceof BusError) return exception.envelope;
  if (exception instanceof DomainError) return exception.toEnvelope();
  if (isErrorEnvelope(exception)) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse() as { message?: unknown; errors?: FieldError[] } | string;
    const fastify = fromFastifyError(exception as never);
    if (fastify) return fastify;
    const code = (Object.entries(ERROR_CODES).find(([, s]) => s === status)?.[0] as ErrorCode | undefined) ??
      (status >= 500 ? 'internal' : 'malformed_request');
    const message = typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : String(response.message ?? exception.message);
    return { code, status, message };
  }
  const err = exception as { statusCode?: number; code?: string; message?: string };
  if (err && typeof err === 'object' && typeof err.message === 'string') {
    const fastify = fromFastifyError(err as { message: string });
    if (fastify) return fastify;
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      const code = (Object.entries(ERROR_CODES).find(([, s]) => s === err.statusCode)?.[0] as ErrorCode | undefined) ?? 'malformed_request';
      return { code, status: err.statusCode, message: err.message };
    }
  }
  return { code: 'internal', status: 500, message: 'Internal error' };
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
    if (exception instanceof StoredReply) {
      reply.status(exception.status);
      if (exception.contentType) reply.header('content-type', exception.contentType);
      for (const [name, value] of Object.entries(exception.headers)) reply.header(name, value);
      reply.send(exception.body);
      return;
    }
    const request = ctx.getRequest<{ url?: string }>();
    const envelope = toProblemEnvelope(exception);
    if (envelope.status >= 500 && !(exception instanceof BusError)) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const problem = problemFromEnvelope(envelope, request?.url);
    reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8');
    if (envelope.code === 'rate_limited' && typeof envelope.details?.retryAfterSeconds === 'number') {
      reply.header('retry-after', String(envelope.details.retryAfterSeconds));
    }
    reply.send(problem);
  }
}

import { HttpException } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, ErrorCode, ErrorEnvelope, ERROR_CODES, FieldError, isErrorEnvelope } from '@vidnova/contracts';
import { BusError } from './bus-client';

const STATUS_TO_CODE = new Map<number, ErrorCode>(
  (Object.entries(ERROR_CODES) as Array<[ErrorCode, number]>).reverse().map(([code, status]) => [status, code]),
);
const codeForStatus = (status: number): ErrorCode => STATUS_TO_CODE.get(status) ?? (status >= 500 ? 'internal' : 'malformed_request');

/** MongoDB's duplicate-key error, from a unique index, is a conflict the caller can act on. */
function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

/**
 * The MongoDB driver's errors for a database it cannot reach right now (a restart, a failover, a
 * network cut), by class name so this library does not depend on the driver. The driver's own
 * subclasses are listed (a MongoNetworkTimeoutError is a MongoNetworkError, but `name` is the leaf).
 */
const DATABASE_UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
]);

/**
 * A peer that went away, as Node reports it on a socket. The MongoDB driver lets one of these through
 * unwrapped: a command written to a socket the database has just closed (`This socket has been ended by
 * the other party`, EPIPE, from Connection.writeCommand waiting for `drain`). Seen in the fault test
 * during a database restart, where it answered 500.
 */
const PEER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ENOTCONN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function isDatabaseUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return DATABASE_UNREACHABLE.has(err.name) || (typeof code === 'string' && PEER_GONE.has(code));
}

/** Fastify's own errors (body parsing, limits, content type) carry a code we translate. */
function fromFastifyError(err: { code?: string; message: string }): ErrorEnvelope | undefined {
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

/**
 * The one mapping from anything thrown to the typed error envelope: used by services before an error
 * crosses NATS and by the gateway before it becomes RFC 9457 problem+json. Unexpected errors become
 * `internal` with no detail (the caller never sees internals; the stack is logged where it happened).
 */
export function toEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof BusError) return err.envelope;
  if (err instanceof DomainError) return err.toEnvelope();
  if (isErrorEnvelope(err)) return err;
  if (err instanceof RpcException) {
    const inner = err.getError();
    if (isErrorEnvelope(inner)) return inner;
    return { code: 'internal', status: 500, message: 'Internal error' };
  }
  if (err instanceof HttpException) {
    const fastify = fromFastifyError(err as never);
    if (fastify) return fastify;
    const status = err.getStatus();
    const response = err.getResponse() as { message?: unknown; errors?: FieldError[] } | string;
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray(response.message)
          ? response.message.join('; ')
          : String(response.message ?? err.message);
    return { code: codeForStatus(status), status, message: status >= 500 ? 'Internal error' : message };
  }
  // Temporary, not a bug: the caller may retry later. Not flagged `retryable` for the gateway's own
  // retry, because a write that lost its connection may still have been applied.
  if (isDatabaseUnreachable(err)) {
    return {
      code: 'service_unavailable',
      status: 503,
      message: 'The service behind this route is not available right now; retry later',
      details: { retryAfterSeconds: 5 },
    };
  }
  // A document the database schema refuses (a required field missing): the caller's input, not our fault.
  const mv = err as { name?: string; errors?: Record<string, { path?: string; message?: string }> };
  if (mv && typeof mv === 'object' && mv.name === 'ValidationError' && mv.errors && typeof mv.errors === 'object') {
    const errors = Object.entries(mv.errors).map(([field, e]) => ({ field, message: `${e.path ?? field} is required or invalid` }));
    return { code: 'validation_failed', status: 400, message: 'The request failed validation', errors };
  }
  if (isDuplicateKey(err)) return { code: 'conflict', status: 409, message: 'A record with the same key already exists' };
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e && typeof e === 'object' && typeof e.message === 'string') {
    const fastify = fromFastifyError(e as { message: string });
    if (fastify) return fastify;
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return { code: codeForStatus(e.statusCode), status: e.statusCode, message: e.message };
    }
  }
  return { code: 'internal', status: 500, message: 'Internal error' };
}

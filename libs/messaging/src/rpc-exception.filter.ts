import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, ErrorCode, ErrorEnvelope, ERROR_CODES, isErrorEnvelope } from '@vidnova/contracts';
import { Observable, throwError } from 'rxjs';

const STATUS_TO_CODE = new Map<number, ErrorCode>(
  (Object.entries(ERROR_CODES) as Array<[ErrorCode, number]>).reverse().map(([code, status]) => [status, code]),
);

/** MongoDB's duplicate-key error, from a unique index, is a conflict the caller can act on. */
function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

export function toEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof DomainError) return err.toEnvelope();
  if (isErrorEnvelope(err)) return err;
  if (err instanceof RpcException) {
    const inner = err.getError();
    if (isErrorEnvelope(inner)) return inner;
    return { code: 'internal', status: 500, message: typeof inner === 'string' ? inner : 'Internal error' };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = STATUS_TO_CODE.get(status) ?? (status >= 500 ? 'internal' : 'malformed_request');
    return { code, status, message: err.message };
  }
  if (isDuplicateKey(err)) return { code: 'conflict', status: 409, message: 'A record with the same key already exists' };
  return { code: 'internal', status: 500, message: 'Internal error' };
}

/**
 * Every error leaving a NATS handler becomes a typed ErrorEnvelope. Unexpected errors are logged with
 * their stack here, and the caller sees only `internal`.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    const envelope = toEnvelope(exception);
    if (envelope.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (host.getType() === 'rpc') return throwError(() => envelope);
    throw exception;
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { toEnvelope } from './errors';

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

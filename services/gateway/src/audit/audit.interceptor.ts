import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { currentCorrelationId } from '@vidnova/logging';
import { Observable } from 'rxjs';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const AUDIT_MARK = Symbol('vidnova.audit');

export interface AuditMark {
  apiKeyId: string;
  role: string;
  correlationId: string;
}

/**
 * Marks every write that reaches a controller (past authentication and the rate limit) for the audit
 * log. The entry itself is written when the reply has gone out (gateway.ts, onResponse), so it holds
 * the status the caller actually received, errors and idempotent replays included.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ method: string; principal?: { keyId: string; role: string }; [AUDIT_MARK]?: AuditMark }>();
    if (!READS.has(req.method)) {
      req[AUDIT_MARK] = {
        apiKeyId: req.principal?.keyId ?? 'anonymous',
        role: req.principal?.role ?? 'none',
        correlationId: currentCorrelationId() ?? '',
      };
    }
    return next.handle();
  }
}

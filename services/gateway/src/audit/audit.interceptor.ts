import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { currentCorrelationId } from '@vidnova/logging';
import { Observable } from 'rxjs';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const AUDIT_MARK = Symbol('vidnova.audit');

export interface AuditMark {
  apiKeyId: string;
  role: string;
  correlationId: string;
  kind: 'write' | 'read';
}

const AUDIT_READS_KEY = 'vidnova:audit-reads';
/** Reads of this route are audited too: it can return personal data (a contact person, registrants). */
export const AuditReads = () => SetMetadata(AUDIT_READS_KEY, true);

/**
 * Marks every write that reaches a controller (past authentication and the rate limit), and every read
 * of a route marked @AuditReads, for the audit log. Refusals (401, 403, 429) are recorded by the
 * recorder itself. The entry itself is written when the reply has gone out (gateway.ts, onResponse), so it holds
 * the status the caller actually received, errors and idempotent replays included.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ method: string; principal?: { keyId: string; role: string }; [AUDIT_MARK]?: AuditMark }>();
    const read = READS.has(req.method);
    if (!read || this.reflector.getAllAndOverride<boolean>(AUDIT_READS_KEY, [context.getHandler(), context.getClass()])) {
      req[AUDIT_MARK] = {
        apiKeyId: req.principal?.keyId ?? 'anonymous',
        role: req.principal?.role ?? 'none',
        correlationId: currentCorrelationId() ?? '',
        kind: read ? 'read' : 'write',
      };
    }
    return next.handle();
  }
}

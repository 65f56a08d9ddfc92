import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@vidnova/contracts';
import { Observable, from, mergeMap } from 'rxjs';
import { PUBLIC_KEY } from '../auth/roles';
import { RateLimiter, rateLimitHeaders } from './rate-limit';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

interface Req {
  ip?: string;
  principal?: { keyId: string };
}
interface Reply {
  header(name: string, value: string): unknown;
}

/**
 * Requests per minute per API key (anonymous reads: per client address). Runs after authentication,
 * before anything else, so a refused request never reaches the handler (nor the audit log).
 * Public routes (health) are not limited.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.limiter || context.getType() !== 'http') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Req>();
    const reply = http.getResponse<Reply>();
    const subject = req.principal ? `key:${req.principal.keyId}` : `ip:${req.ip ?? 'unknown'}`;
    return from(this.limiter.hit(subject)).pipe(
      mergeMap((decision) => {
        if (decision) for (const [name, value] of Object.entries(rateLimitHeaders(decision))) reply.header(name, value);
        if (decision && !decision.allowed) {
          throw new DomainError('rate_limited', `More than ${decision.limit} requests in a minute for this API key`, {
            limit: decision.limit,
            retryAfterSeconds: Math.max(1, decision.resetSeconds),
          });
        }
        return next.handle();
      }),
    );
  }
}

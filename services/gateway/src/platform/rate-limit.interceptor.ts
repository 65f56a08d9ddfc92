import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@vidnova/contracts';
import { Observable, from, mergeMap } from 'rxjs';
import { PUBLIC_KEY } from '../auth/roles';
import { RateLimiter, rateLimitHeaders } from './rate-limit';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

interface Req {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: { keyId: string };
}

/** Bytes of an upload that cost one request slot: a 512 MiB file costs 513 requests, not one. */
export const UPLOAD_BYTES_PER_SLOT = 1024 * 1024;

/** What a request costs against its key's allowance: one slot, plus one per MiB of declared body. */
export function requestCost(contentLength: unknown): number {
  const bytes = Number(contentLength ?? 0);
  return 1 + (Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes / UPLOAD_BYTES_PER_SLOT) : 0);
}

/** The subject a request is counted under: its API key, or its client address when it has none. */
export function limitSubject(req: { ip?: string; principal?: { keyId: string } }): string {
  return req.principal ? `key:${req.principal.keyId}` : `ip:${req.ip ?? 'unknown'}`;
}
interface Reply {
  header(name: string, value: string): unknown;
}

/**
 * Requests per minute per API key (anonymous reads: per client address). Runs after authentication,
 * before anything else, so a refused request never reaches the handler. A body counts by its size
 * (`requestCost`); an upload sent without Content-Length is charged once it has arrived.
 * Public routes (health) are not limited. The per-address limit before authentication is in limits.ts.
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
    const subject = limitSubject(req);
    return from(this.limiter.hit(subject, requestCost(req.headers['content-length']))).pipe(
      mergeMap((decision) => {
        for (const [name, value] of Object.entries(rateLimitHeaders(decision))) reply.header(name, value);
        if (!decision.allowed) {
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

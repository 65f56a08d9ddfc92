import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DomainError } from '@vidnova/contracts';
import { Observable } from 'rxjs';
import { Readable } from 'node:stream';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** True when the handler takes a parsed `@Body()` (a JSON route) rather than the raw upload stream. */
export function takesJsonBody(controller: object, methodName: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((k) => k.split(':')[0] === String(RouteParamtypes.BODY));
}

/**
 * The gateway also parses text/csv, text/plain and application/octet-stream (as raw streams, for
 * uploads). A JSON route sent one of those gets 415 here, before validation ever sees a stream.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; body?: unknown }>();
    const type = req.headers['content-type'];
    if (type && !JSON_TYPE.test(type) && takesJsonBody(context.getClass(), context.getHandler().name)) {
      // Let the unread upload go so that the connection can carry the reply.
      if (req.body instanceof Readable) req.body.resume();
      throw new DomainError('unsupported_media_type', `This endpoint accepts application/json, not ${type.split(';')[0]}`, {
        accepted: ['application/json'],
      });
    }
    return next.handle();
  }
}

import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, SetMetadata, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@vidnova/contracts';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { Readable } from 'node:stream';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './bus.module';
import { requestFingerprint } from './fingerprint';
import { IdempotencyStore, IdempotencyScope } from './idempotency.store';
import { toEnvelope } from '@vidnova/messaging';
import { problemFromEnvelope } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const METHODS = new Set(['POST', 'PATCH', 'DELETE']);
const PRINTABLE = /^[\x20-\x7e]+$/;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

const REPLY_NOT_STORED_KEY = 'vidnova:reply-not-stored';
/**
 * The route's reply holds a secret or personal data (a new API key, a contact person): an
 * Idempotency-Key still guards against doing the work twice, but only the status and the record's id
 * are kept, and a replay says that the body was not stored.
 */
export const ReplyNotStored = (reason: string, when: (reply: unknown) => boolean = () => true) =>
  SetMetadata(REPLY_NOT_STORED_KEY, { reason, when } satisfies NotStoredRule);

interface NotStoredRule {
  reason: string;
  /** Whether this particular reply holds what must not be kept (e.g. it has a contact person). */
  when: (reply: unknown) => boolean;
}

/** What a replay of such a route answers in place of the original body. */
export function notStoredBody(reason: string, original: unknown): Record<string, unknown> {
  const id = typeof original === 'object' && original !== null ? (original as { id?: unknown }).id : undefined;
  return {
    replayed: true,
    bodyStored: false,
    detail: `The first request with this Idempotency-Key succeeded; its reply is not stored because it held ${reason}.`,
    ...(typeof id === 'string' ? { id } : {}),
  };
}

interface Req {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  principal?: { keyId: string };
}
interface Reply {
  statusCode: number;
  getHeader(name: string): unknown;
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/** Checks the header and returns the key, undefined when absent; throws 400 when malformed. */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : '') : raw;
  if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !PRINTABLE.test(key)) {
    throw new DomainError('validation_failed', 'The Idempotency-Key header is not valid', undefined, [
      { field: 'Idempotency-Key', message: `must be one value of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters` },
    ]);
  }
  return key;
}

/**
 * Idempotency-Key for POST, PATCH and DELETE. The first request claims the key by inserting a pending
 * record (unique index on key owner, key, method and path: the one atomic step); its status and body
 * are stored when it ends. A retry with the same key and body gets the same status and body with
 * `Idempotent-Replayed: true`; the same key with another body gets 422; a retry while the first is
 * still running gets 409. Client errors (4xx) are stored and replayed like successes; server-side
 * failures (5xx: service down, timeout) release the key so that a retry runs the request again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('IdempotencyInterceptor');
  private readonly staleAfterMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly reflector: Reflector,
  ) {
    // Longest a live request can take (retry window plus a timeout) with a wide margin.
    this.staleAfterMs = 2 * config.BUS_TIMEOUT_MS + config.BUS_UNAVAILABLE_RETRY_MS + 60_000;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Req>();
    if (!METHODS.has(req.method)) return next.handle();
    const key = parseIdempotencyKey(req.headers[IDEMPOTENCY_HEADER]);
    if (key === undefined) return next.handle();
    if (req.body instanceof Readable) {
      req.body.resume();
      throw new DomainError('validation_failed', 'Idempotency-Key is not supported on file uploads', undefined, [
        { field: 'Idempotency-Key', message: 'not supported with a streamed upload body' },
      ]);
    }
    const reply = http.getResponse<Reply>();
    const queryAt = req.url.indexOf('?');
    const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : req.url.slice(queryAt + 1);
    const scope: IdempotencyScope = { apiKeyId: req.principal?.keyId ?? 'anonymous', key, method: req.method, path };
    const fingerprint = requestFingerprint(query, req.body);
    const notStored = this.reflector.getAllAndOverride<NotStoredRule | undefined>(REPLY_NOT_STORED_KEY, [context.getHandler(), context.getClass()]);

    return from(this.store.claim(scope, fingerprint, this.staleAfterMs)).pipe(
      mergeMap((claim) => {
        if (claim.outcome === 'existing') {
          const r = claim.record;
          if (r.fingerprint !== fingerprint) {
            throw new DomainError('unprocessable', 'This Idempotency-Key was already used for a different request', { idempotencyKey: key });
          }
          if (r.state === 'pending') {
            throw new DomainError('conflict', 'A request with this Idempotency-Key is still in progress; retry once it has finished', {
              idempotencyKey: key,
            });
          }
          // The replay is the answer: Nest set the route's status before interceptors ran and does not set it
          // again for what an interceptor returns, so the recorded status, type and body go out as they were.
          reply.status(r.status ?? 200);
          reply.header(REPLAYED_HEADER, 'true');
          if (r.contentType) reply.header('content-type', r.contentType);
          return of(r.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            try {
              if (body instanceof StreamableFile || body instanceof Readable || Buffer.isBuffer(body)) {
                // Not replayable: forget the claim rather than replay something else later.
                await this.store.release(claim.id);
              } else {
                const kept = notStored?.when(body) ? notStoredBody(notStored.reason, body) : body;
                await this.store.complete(claim.id, reply.statusCode, JSON_CONTENT_TYPE, kept === undefined ? undefined : JSON.stringify(kept));
              }
            } catch (e) {
              // The write itself succeeded: answer it. The record stays pending (409 to retries) until it goes stale.
              this.logger.error(`could not store the idempotent reply: ${(e as Error).message}`);
            }
            return body;
          }),
          catchError((err: unknown) =>
            from(this.settleFailure(claim.id, err, req.url)).pipe(mergeMap(() => throwError(() => err))),
          ),
        );
      }),
    );
  }

  private async settleFailure(id: Parameters<IdempotencyStore['release']>[0], err: unknown, url: string): Promise<void> {
    try {
      const envelope = toEnvelope(err);
      if (envelope.status >= 500) await this.store.release(id);
      else await this.store.complete(id, envelope.status, 'application/problem+json; charset=utf-8', JSON.stringify(problemFromEnvelope(envelope, url)));
    } catch (e) {
      this.logger.error(`could not settle idempotency record: ${(e as Error).message}`);
    }
  }
}

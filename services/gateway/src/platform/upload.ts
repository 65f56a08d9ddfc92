import { applyDecorators, HttpCode, Inject, Injectable, Optional, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { DomainError, Operation, UploadRef } from '@vidnova/contracts';
import { BusClient, BusError, UploadStore, UploadTooLargeError } from '@vidnova/messaging';
import { Role, Roles } from '../auth/roles';
import { GatewayConfig } from '../config';
import { ApiProblems } from './api-docs';
import { GATEWAY_CONFIG, UPLOAD_STORE } from './bus.module';
import { RateLimiter } from './rate-limit';
import { limitSubject, RATE_LIMITER, requestCost } from './rate-limit.interceptor';

/** Content types whose bodies the gateway streams raw (see the parser registered in gateway.ts). */
export const RAW_UPLOAD_TYPES: ReadonlySet<string> = new Set(['text/csv', 'text/plain', 'application/octet-stream']);

interface UploadRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  principal?: { keyId: string };
}

function tooLarge(limit: number): DomainError {
  return new DomainError('payload_too_large', `The file is larger than the ${limit} bytes an import accepts`, { limitBytes: limit });
}

/**
 * Streams a file upload into the object store and returns its reference: 415 for a content type the
 * route does not take, 413 past `limit` (from Content-Length up front, or while streaming).
 */
export async function receiveUpload(
  req: UploadRequest,
  store: UploadStore,
  opts: { limit: number; types: ReadonlySet<string>; hint: string },
): Promise<UploadRef & { size: number }> {
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!opts.types.has(contentType) || req.body === undefined || typeof (req.body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new DomainError('unsupported_media_type', opts.hint);
  }
  if (Number(req.headers['content-length'] ?? 0) > opts.limit) throw tooLarge(opts.limit);
  try {
    const ref = await store.put(req.body as AsyncIterable<Uint8Array>, opts.limit, contentType);
    return { bucket: ref.bucket, name: ref.name, size: ref.size };
  } catch (e) {
    if (e instanceof UploadTooLargeError) throw tooLarge(opts.limit);
    throw e;
  }
}

/** CSV only: the type every import route takes (plus text/plain and octet-stream that some tools send). */
export const CSV_UPLOAD_TYPES = RAW_UPLOAD_TYPES;

export interface UploadRouteOptions {
  roles: Role[];
  summary: string;
  description: string;
  /** The import's reply class (an ImportReport). */
  reply: Type<unknown>;
}

/**
 * The one shape of an import route: roles, the OpenAPI of a CSV body, `202 Accepted` with `Location`
 * of the import record, and the problems an upload can meet (413, 415, 422).
 */
export function UploadRoute(opts: UploadRouteOptions): MethodDecorator {
  return applyDecorators(
    Roles(...opts.roles),
    HttpCode(202),
    ApiOperation({
      summary: opts.summary,
      description:
        `${opts.description}\n\nSend the file as the request body with \`Content-Type: text/csv\` (at most UPLOAD_LIMIT_BYTES). ` +
        'The answer is `202 Accepted` with the import record and its `Location`; `GET` that location for status and progress until ' +
        '`status` is `completed` or `failed`.',
    }),
    ApiConsumes('text/csv'),
    ApiBody({ schema: { type: 'string', format: 'binary' }, examples: { csv: { value: 'header1;header2\nvalue1;value2\n' } } }),
    ApiResponse({
      status: 202,
      description: 'Accepted: the file is being imported',
      type: opts.reply,
      headers: { Location: { description: 'The import record to poll', schema: { type: 'string' } } },
    }),
    ApiProblems(413, 415, 422),
  );
}

interface ReplyWithHeaders {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/**
 * Streams an upload into the object store and hands its reference to the owning service. The stored
 * file is removed here whenever the service did not take it (any error answer); once taken, the service
 * removes it when the import ends. A timeout leaves it to the bucket's one-day expiry, because the
 * service may still be reading it.
 */
@Injectable()
export class UploadForwarder {
  constructor(
    private readonly bus: BusClient,
    @Inject(UPLOAD_STORE) private readonly store: UploadStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null,
  ) {}

  async forward<Req, Res extends { id: string }>(
    req: UploadRequest,
    res: ReplyWithHeaders,
    operation: Operation<Req, Res>,
    payload: (upload: UploadRef) => Req,
    location: (reply: Res) => string,
  ): Promise<Res> {
    const { size, ...ref } = await receiveUpload(req, this.store, {
      limit: this.config.UPLOAD_LIMIT_BYTES,
      types: CSV_UPLOAD_TYPES,
      hint: 'Send the CSV file as the request body with Content-Type: text/csv',
    });
    // A body sent without Content-Length was not counted by its size before it was read: charge it now.
    if (this.limiter && req.headers['content-length'] === undefined) {
      await this.limiter.charge(limitSubject(req), requestCost(size) - 1);
    }
    try {
      const reply = await this.bus.send(operation, payload(ref));
      res.status(202);
      res.header('location', location(reply));
      return reply;
    } catch (e) {
      if (!(e instanceof BusError && e.envelope.code === 'service_timeout')) await this.store.remove(ref);
      throw e;
    }
  }
}

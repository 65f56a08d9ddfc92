import { applyDecorators, HttpCode, Inject, Injectable, Optional, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { PassThrough, Readable } from 'node:stream';
import { DomainError, Operation, UploadRef } from '@vidnova/contracts';
import { BusClient, BusError, UploadStore, UploadStoreFullError, UploadTooLargeError } from '@vidnova/messaging';
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
  return new DomainError('payload_too_large', `The file is larger than the ${limit} bytes this import accepts`, { limitBytes: limit });
}

/** Parses UPLOAD_ROUTE_LIMITS (`<operation prefix>=<bytes>,...`). */
export function parseRouteLimits(spec: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pair of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, bytes] = pair.split('=');
    out.set(key.trim(), Number(bytes));
  }
  return out;
}

/**
 * The upload cap of the route whose bus operation has `subject` (e.g. consultations.submission.import, version 1):
 * the longest prefix of its name (without the version) listed in `limits`, else `fallback`.
 */
export function uploadLimitFor(subject: string, limits: ReadonlyMap<string, number>, fallback: number): number {
  const name = subject.replace(/\.v\d+$/, '');
  let best: { length: number; bytes: number } | null = null;
  for (const [prefix, bytes] of limits) {
    const matches = name === prefix || name.startsWith(`${prefix}.`);
    if (matches && (!best || prefix.length > best.length)) best = { length: prefix.length, bytes };
  }
  return best?.bytes ?? fallback;
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
  const { input, discardRest } = detachable(req.body as AsyncIterable<Uint8Array>);
  try {
    const ref = await store.put(input, opts.limit, contentType);
    return { bucket: ref.bucket, name: ref.name, size: ref.size };
  } catch (e) {
    // The client may still be sending: let the rest of the body drain so that it reads the answer.
    discardRest();
    if (e instanceof UploadTooLargeError) throw tooLarge(opts.limit);
    if (e instanceof UploadStoreFullError) {
      throw new DomainError('service_unavailable', 'The upload store is full; try again once the imports in progress have finished', { retryAfterSeconds: 60 });
    }
    throw e;
  }
}

/**
 * The request body as the store reads it, through a pipe that can be cut: when the store stops early
 * (too large, store full), the rest of the body is read and dropped rather than left unread, which
 * would leave a client that is still sending waiting forever for its answer.
 */
function detachable(body: AsyncIterable<Uint8Array>): { input: AsyncIterable<Uint8Array>; discardRest: () => void } {
  if (!(body instanceof Readable)) return { input: body, discardRest: () => undefined };
  const input = new PassThrough();
  body.on('error', (e) => input.destroy(e));
  body.pipe(input);
  return {
    input,
    discardRest: () => {
      body.unpipe(input);
      input.destroy();
      if (!body.readableEnded) body.resume();
    },
  };
}

/** CSV only: the type every import route takes (plus text/plain and octet-stream that some tools send). */
export const CSV_UPLOAD_TYPES = RAW_UPLOAD_TYPES;

export interface UploadRouteOptions {
  roles: Role[];
  summary: string;
  description: string;
  /** The import's reply class (an ImportReport). */
  reply: Type<unknown>;
  /** What the body is, when not CSV (e.g. a JSON package sent raw): its media type and an example. */
  body?: { mediaType: string; example: string; how: string };
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
        `${opts.description}\n\n${opts.body?.how ?? 'Send the file as the request body with `Content-Type: text/csv`'} (at most the route's cap: UPLOAD_ROUTE_LIMITS, else UPLOAD_LIMIT_BYTES; 413 past it). ` +
        'The answer is `202 Accepted` with the import record and its `Location`; `GET` that location for status and progress until ' +
        '`status` is `completed` or `failed`.',
    }),
    ApiConsumes(opts.body?.mediaType ?? 'text/csv'),
    ApiBody({
      schema: { type: 'string', format: 'binary' },
      examples: opts.body ? { file: { value: opts.body.example } } : { csv: { value: 'header1;header2\nvalue1;value2\n' } },
    }),
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
  private readonly routeLimits: ReadonlyMap<string, number>;

  constructor(
    private readonly bus: BusClient,
    @Inject(UPLOAD_STORE) private readonly store: UploadStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null,
  ) {
    this.routeLimits = parseRouteLimits(config.UPLOAD_ROUTE_LIMITS);
  }

  /** The upload cap of the import route that sends `operation`. */
  limitFor(operation: Operation<unknown, unknown>): number {
    return uploadLimitFor(operation.subject, this.routeLimits, this.config.UPLOAD_LIMIT_BYTES);
  }

  async forward<Req, Res extends { id: string }>(
    req: UploadRequest,
    res: ReplyWithHeaders,
    operation: Operation<Req, Res>,
    payload: (upload: UploadRef) => Req,
    location: (reply: Res) => string,
    accept: { types: ReadonlySet<string>; hint: string } = { types: CSV_UPLOAD_TYPES, hint: 'Send the CSV file as the request body with Content-Type: text/csv' },
  ): Promise<Res> {
    const { size, ...ref } = await receiveUpload(req, this.store, {
      limit: this.limitFor(operation as Operation<unknown, unknown>),
      types: accept.types,
      hint: accept.hint,
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

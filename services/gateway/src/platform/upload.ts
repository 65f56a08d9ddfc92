import { DomainError, UploadRef } from '@vidnova/contracts';
import { UploadStore, UploadTooLargeError } from '@vidnova/messaging';

/** Content types whose bodies the gateway streams raw (see the parser registered in gateway.ts). */
export const RAW_UPLOAD_TYPES: ReadonlySet<string> = new Set(['text/csv', 'text/plain', 'application/octet-stream']);

interface UploadRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
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
): Promise<UploadRef> {
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!opts.types.has(contentType) || req.body === undefined || typeof (req.body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new DomainError('unsupported_media_type', opts.hint);
  }
  if (Number(req.headers['content-length'] ?? 0) > opts.limit) throw tooLarge(opts.limit);
  try {
    const ref = await store.put(req.body as AsyncIterable<Uint8Array>, opts.limit, contentType);
    return { bucket: ref.bucket, name: ref.name };
  } catch (e) {
    if (e instanceof UploadTooLargeError) throw tooLarge(opts.limit);
    throw e;
  }
}

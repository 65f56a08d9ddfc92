import { jetstreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/transport-node';
import { ObjectStore, Objm } from '@nats-io/obj';
import { UPLOAD_BUCKET, UploadRef } from '@vidnova/contracts';
import { randomUUID } from 'node:crypto';
import { busName } from './namespace';
import { Readable } from 'node:stream';

export interface UploadStoreOptions {
  /**
   * Total size of the bucket (every stored upload together). The JetStream stream refuses a chunk past
   * it (discard policy `new`), so a put fails with UploadStoreFullError instead of filling the disk.
   * Given by the writer (the gateway), which sets it on an existing bucket too; readers leave it alone.
   */
  maxBytes?: number;
}

/**
 * Large request bodies (CSV imports) travel through the NATS JetStream object store, never inside a
 * message: the gateway streams the body in and sends only the reference; the owning service streams
 * it out. Objects expire after a day in case a service never picks one up.
 */
export class UploadStore {
  private constructor(private readonly store: ObjectStore) {}

  static async open(nc: NatsConnection, opts: UploadStoreOptions = {}): Promise<UploadStore> {
    const objm = new Objm(nc);
    const bucket = busName(UPLOAD_BUCKET);
    const store = await objm.create(bucket, { ttl: 24 * 60 * 60 * 1_000_000_000, ...(opts.maxBytes ? { max_bytes: opts.maxBytes } : {}) });
    if (opts.maxBytes) {
      // create() leaves an existing bucket as it was: apply the cap to it as well.
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(`OBJ_${bucket}`);
      if (info.config.max_bytes !== opts.maxBytes) await jsm.streams.update(info.config.name, { ...info.config, max_bytes: opts.maxBytes });
    }
    return new UploadStore(store);
  }

  /** Streams `body` into the store; rejects with `TooLarge` past `maxBytes`. */
  async put(body: AsyncIterable<Uint8Array | string>, maxBytes: number, contentType?: string): Promise<UploadRef & { size: number }> {
    const name = `${new Date().toISOString().slice(0, 10)}/${randomUUID()}`;
    let size = 0;
    const source = body[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await source.next();
        if (done) return controller.close();
        const chunk = typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value);
        size += chunk.length;
        if (size > maxBytes) {
          controller.error(new UploadTooLargeError(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    });
    try {
      await this.store.put({ name, description: contentType }, stream);
    } catch (e) {
      // The store purges the chunks of a failed put; a full bucket is a condition, not a crash.
      if (isStoreFull(e)) throw new UploadStoreFullError();
      throw e;
    }
    return { bucket: busName(UPLOAD_BUCKET), name, size };
  }

  /** A Node stream of the stored object's bytes. */
  async open(ref: UploadRef): Promise<Readable | null> {
    const result = await this.store.get(ref.name);
    if (!result) return null;
    return Readable.fromWeb(result.data as never);
  }

  async remove(ref: UploadRef): Promise<void> {
    await this.store.delete(ref.name).catch(() => undefined);
  }
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The upload exceeds ${limitBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

/** The upload bucket holds as much as its cap allows: try again once imports in flight have finished. */
export class UploadStoreFullError extends Error {
  constructor() {
    super('The upload store is full');
    this.name = 'UploadStoreFullError';
  }
}

/** JetStream's answer to a publish past the stream's max_bytes (or a server out of storage). */
function isStoreFull(e: unknown): boolean {
  const err = e as { message?: string; api_error?: { err_code?: number }; code?: number | string } | null;
  const text = String(err?.message ?? '');
  return /maximum bytes exceeded|insufficient resources|storage resources/i.test(text) || err?.api_error?.err_code === 10047;
}

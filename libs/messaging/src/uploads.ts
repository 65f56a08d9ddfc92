import { NatsConnection } from '@nats-io/transport-node';
import { ObjectStore, Objm } from '@nats-io/obj';
import { UPLOAD_BUCKET, UploadRef } from '@vidnova/contracts';
import { randomUUID } from 'node:crypto';
import { busName } from './namespace';
import { Readable } from 'node:stream';

/**
 * Large request bodies (CSV imports) travel through the NATS JetStream object store, never inside a
 * message: the gateway streams the body in and sends only the reference; the owning service streams
 * it out. Objects expire after a day in case a service never picks one up.
 */
export class UploadStore {
  private constructor(private readonly store: ObjectStore) {}

  static async open(nc: NatsConnection): Promise<UploadStore> {
    const objm = new Objm(nc);
    const store = await objm.create(busName(UPLOAD_BUCKET), { ttl: 24 * 60 * 60 * 1_000_000_000 });
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
    await this.store.put({ name, description: contentType }, stream);
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

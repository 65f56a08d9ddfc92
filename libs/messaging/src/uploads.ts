import { jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/transport-node';
import { ObjectInfo, ObjectStore, Objm, setSha256Backend } from '@nats-io/obj';
import { UPLOAD_BUCKET, UploadRef } from '@vidnova/contracts';
import { Metrics, UploadMeter } from '@vidnova/metrics';
import { createHash, randomUUID } from 'node:crypto';
import { busName } from './namespace';
import { Readable } from 'node:stream';

export interface UploadStoreOptions {
  /**
   * Total size of the bucket (every stored upload together). The JetStream stream refuses a chunk past
   * it (discard policy `new`), so a put fails with UploadStoreFullError instead of filling the disk.
   * Given by the writer (the gateway), which sets it on an existing bucket too; readers leave it alone.
   */
  maxBytes?: number;
  /** Another bucket than the upload bucket (e.g. REPORT_BUCKET); namespaced like every bus name. */
  bucket?: string;
  /** How long objects are kept (ms); default one day, 0 = until deleted. */
  ttlMs?: number;
  /** Replicas of the bucket's stream when this call creates it (JETSTREAM_REPLICAS); default 1. */
  replicas?: number;
  /** The process's metrics: bytes stored and read, uploads by outcome (libs/metrics imports.ts). */
  metrics?: Metrics;
}

// The object store checks every object's SHA-256 as it is written and as it is read. Its default is a
// pure-JS hash (browser-safe) at about 45 MB/s here: a 17 MB OCDS package spent ~0.4 s hashing on each
// side of an import. Node's own (OpenSSL) hashes it in ~15 ms. Process-wide, set before any store is used.
setSha256Backend('native');

/**
 * Bytes per stored chunk of an upload. The object store publishes its chunks one at a time and waits for
 * each acknowledgement, and a reader fetches them one at a time: at the library's default of 128 KiB a
 * 17 MB OCDS package was 136 round trips each way (about 3.5 s of a 8 s import on this machine). 512 KiB
 * stays well under NATS's default 1 MiB message limit with room for headers.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/**
 * Large request bodies (CSV imports) travel through the NATS JetStream object store, never inside a
 * message: the gateway streams the body in and sends only the reference; the owning service streams
 * it out. Objects expire after a day in case a service never picks one up.
 */
export class UploadStore {
  private constructor(
    private readonly store: ObjectStore,
    private readonly jsm: JetStreamManager,
    private readonly bucket: string,
    private readonly meter?: UploadMeter,
  ) {}

  static async open(nc: NatsConnection, opts: UploadStoreOptions = {}): Promise<UploadStore> {
    const objm = new Objm(nc);
    const bucket = busName(opts.bucket ?? UPLOAD_BUCKET);
    const ttlNanos = (opts.ttlMs ?? 24 * 60 * 60 * 1000) * 1_000_000;
    const store = await objm.create(bucket, { ttl: ttlNanos, replicas: opts.replicas ?? 1, ...(opts.maxBytes ? { max_bytes: opts.maxBytes } : {}) });
    const jsm = await jetstreamManager(nc);
    if (opts.maxBytes) {
      // create() leaves an existing bucket as it was: apply the cap to it as well.
      const info = await jsm.streams.info(`OBJ_${bucket}`);
      if (info.config.max_bytes !== opts.maxBytes) await jsm.streams.update(info.config.name, { ...info.config, max_bytes: opts.maxBytes });
    }
    return new UploadStore(store, jsm, bucket, opts.metrics && new UploadMeter(opts.metrics, opts.bucket ?? UPLOAD_BUCKET));
  }

  /**
   * A bucket that exists already, by its name on the wire (no namespace added), or null: for the backup
   * tool, which must never create one with the wrong settings.
   */
  static async existing(nc: NatsConnection, wireBucket: string): Promise<UploadStore | null> {
    const jsm = await jetstreamManager(nc);
    const exists = await jsm.streams.info(`OBJ_${wireBucket}`).then(
      () => true,
      (e: unknown) => {
        if (/stream not found/i.test(String((e as Error)?.message))) return false;
        throw e;
      },
    );
    if (!exists) return null;
    return new UploadStore(await new Objm(nc).open(wireBucket), jsm, wireBucket);
  }

  /** Every object stored now (deleted ones left out), and the bucket's settings. */
  async list(): Promise<ObjectInfo[]> {
    return (await this.store.list()).filter((o) => !o.deleted);
  }

  /** The bucket's retention (ns, 0 = none) and size cap (bytes, -1 = none). */
  async settings(): Promise<{ ttlNanos: number; maxBytes: number }> {
    const info = await this.jsm.streams.info(`OBJ_${this.bucket}`);
    return { ttlNanos: Number(info.config.max_age), maxBytes: Number(info.config.max_bytes) };
  }

  /** Stores a stream under `meta.name` (a restore); resolves with what the store recorded (digest, size). */
  async putStream(meta: { name: string; description?: string; metadata?: Record<string, string> }, body: Readable): Promise<ObjectInfo> {
    return this.store.put(meta, Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>);
  }

  /** The bucket's name on the wire (namespaced). */
  get bucketName(): string {
    return this.bucket;
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
      await this.store.put({ name, description: contentType, options: { max_chunk_size: UPLOAD_CHUNK_BYTES } }, stream);
    } catch (e) {
      // The store purges the chunks of a failed put; a full bucket is a condition, not a crash.
      const full = isStoreFull(e);
      this.meter?.stored(full ? 'store_full' : e instanceof UploadTooLargeError || size > maxBytes ? 'too_large' : 'failed', 0);
      if (full) throw new UploadStoreFullError();
      throw e;
    }
    this.meter?.stored('stored', size);
    return { bucket: busName(UPLOAD_BUCKET), name, size };
  }

  /**
   * A Node stream of the stored object's bytes, read one chunk per demand: each `read()` the consumer
   * makes fetches the next stored chunk (a direct stream-message get), so a slow reader holds one chunk
   * in memory, never the file. (The object store's own `get()` pushes every chunk into an unbounded
   * queue, so a large upload would pile up in the process while the import writes its batches.) The
   * SHA-256 digest recorded with the object is checked at the end; a mismatch, a missing chunk or a
   * wrong size fails the stream.
   */
  async open(ref: UploadRef): Promise<Readable | null> {
    const info = await this.store.info(ref.name);
    if (!info || info.deleted) return null;
    if (info.options?.link) throw new Error(`The upload ${ref.name} is a link; uploads are never stored as links`);
    return chunkReader(this.jsm, `OBJ_${this.bucket}`, `$O.${this.bucket}.C.${info.nuid}`, info, this.meter);
  }

  /**
   * Stores `data` under a name the caller chooses: a second put with the same name replaces the first
   * (the store purges the older chunks), so a job that is run again leaves one object, not two.
   */
  async putNamed(name: string, data: Uint8Array, contentType?: string): Promise<UploadRef & { size: number }> {
    try {
      await this.store.putBlob({ name, description: contentType }, data);
    } catch (e) {
      this.meter?.stored(isStoreFull(e) ? 'store_full' : 'failed', 0);
      if (isStoreFull(e)) throw new UploadStoreFullError();
      throw e;
    }
    this.meter?.stored('stored', data.length);
    return { bucket: this.bucket, name, size: data.length };
  }

  /** The whole object (for small ones such as reports), or null when there is none. */
  async read(ref: UploadRef): Promise<Buffer | null> {
    const stream = await this.open(ref);
    if (!stream) return null;
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }

  async remove(ref: UploadRef): Promise<void> {
    await this.store.delete(ref.name).catch(() => undefined);
  }
}

const DIGEST_PREFIX = 'SHA-256=';

/** The digest the object store records (`SHA-256=` + base64url, padded; older writers used hex or base64). */
function expectedDigest(digest: string): Buffer {
  if (!digest.startsWith(DIGEST_PREFIX)) throw new Error(`unknown digest type: ${digest}`);
  const text = digest.slice(DIGEST_PREFIX.length);
  const bytes = /^([0-9a-f]{64}|[0-9A-F]{64})$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length !== 32) throw new Error(`unable to parse digest: ${digest}`);
  return bytes;
}

/**
 * Pulls the chunks of one object in stream order, one direct get (the object store's streams allow
 * direct access) per `read()`; see UploadStore.open.
 */
function chunkReader(jsm: JetStreamManager, stream: string, subject: string, info: ObjectInfo, meter?: UploadMeter): Readable {
  const expected = expectedDigest(info.digest);
  const sha = createHash('sha256');
  let seq = 0;
  let size = 0;
  /** The next non-empty chunk, or null once every stored byte was read and the digest matched. */
  const next = async (): Promise<Buffer | null> => {
    while (size < info.size) {
      const msg = await jsm.direct.getMessage(stream, { seq: seq + 1, next_by_subj: subject });
      if (!msg) break;
      seq = msg.seq;
      const data = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
      if (data.length === 0) continue;
      sha.update(data);
      size += data.length;
      meter?.read(data.length);
      if (size <= info.size) return data;
    }
    if (size !== info.size) throw new Error(`received ${size} bytes of the upload ${info.name}; ${info.size} were stored`);
    const computed = sha.digest();
    if (!computed.equals(expected)) {
      throw new Error(`received a corrupt object, digests do not match\n  expected: ${info.digest}\n  computed: SHA-256 ${computed.toString('hex')}`);
    }
    return null;
  };
  return new Readable({
    // Nothing is fetched ahead: _read runs again only once the consumer has taken the last chunk.
    highWaterMark: 1,
    read() {
      next().then(
        (chunk) => {
          if (!this.destroyed) this.push(chunk);
        },
        (e: unknown) => this.destroy(e as Error),
      );
    },
  });
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

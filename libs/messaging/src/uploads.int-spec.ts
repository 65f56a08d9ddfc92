import { jetstream } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { connect, headers, NatsConnection } from '@nats-io/transport-node';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { UPLOAD_CHUNK_BYTES, UploadStore } from './uploads';
import { natsConnectOptions } from './messaging.module';
import { GATEWAY_NATS_USER, natsUserFromEnv } from './nats-permissions';

async function* once(data: Uint8Array): AsyncIterable<Uint8Array> {
  yield data;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** The upload store against a real NATS server: what goes in comes out, chunk by chunk, checked. */
describe('UploadStore', () => {
  let nc: NatsConnection;
  let store: UploadStore;

  beforeAll(async () => {
    // As the gateway, the user that writes uploads, when the tests' NATS has users.
    nc = await connect(natsConnectOptions(process.env.NATS_URL!, 'uploads-test', natsUserFromEnv(GATEWAY_NATS_USER)));
    store = await UploadStore.open(nc);
  });
  afterAll(async () => {
    await nc?.drain();
  });

  it.each([0, 5, 128 * 1024, 3 * 128 * 1024 + 7])('reads back an object of %i bytes as stored, then removes it', async (n) => {
    const data = randomBytes(n);
    const ref = await store.put(once(data), 10 * 1024 * 1024, 'text/csv');
    expect(ref.size).toBe(n);
    const stream = await store.open(ref);
    expect(await readAll(stream!)).toEqual(data);
    await store.remove(ref);
    expect(await store.open(ref)).toBeNull();
  });

  it('fetches one chunk per demand: a paused reader holds at most one chunk', async () => {
    const ref = await store.put(once(randomBytes(20 * UPLOAD_CHUNK_BYTES)), 40 * 1024 * 1024);
    const stream = (await store.open(ref))!;
    const first = await new Promise<Buffer>((done) => stream.once('data', (c: Buffer) => (stream.pause(), done(c))));
    expect(first.length).toBe(UPLOAD_CHUNK_BYTES);
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.readableLength).toBeLessThanOrEqual(UPLOAD_CHUNK_BYTES);
    stream.destroy();
    await store.remove(ref);
  });

  it('fails the stream when the bytes do not match the recorded digest', async () => {
    const ref = await store.put(once(randomBytes(300_000)), 10 * 1024 * 1024);
    // Rewrite the object's metadata with another digest, as a corrupted chunk would look.
    const os = await new Objm(nc).open(ref.bucket);
    const info = await os.info(ref.name);
    const encoded = Buffer.from(ref.name).toString('base64url');
    const subject = `$O.${ref.bucket}.M.${encoded}${'='.repeat((4 - (encoded.length % 4)) % 4)}`;
    const h = headers();
    h.set('Nats-Rollup', 'sub');
    const meta = { ...(info as unknown as { info: object }).info, digest: `SHA-256=${createHash('sha256').update('other').digest('base64url')}=` };
    await jetstream(nc).publish(subject, JSON.stringify(meta), { headers: h });
    const stream = (await store.open(ref))!;
    await expect(readAll(stream)).rejects.toThrow(/digests do not match/);
    await store.remove(ref);
  });
});

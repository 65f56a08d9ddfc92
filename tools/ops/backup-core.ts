/**
 * What `npm run backup` and `npm run restore` do (tools/ops/backup.ts, restore.ts): every service's
 * database and the object-store buckets that must survive, to and from one directory with a manifest.
 *
 * Layout of a backup directory:
 *   manifest.json                         versions, databases, collections (options, indexes, counts), objects, SHA-256 of every file
 *   db/<database>/<collection>.ejson      one document per line, canonical Extended JSON (ObjectId, Date, Long, Decimal128, Binary survive)
 *   objects/<bucket>/<n>.bin              the bytes of each stored object
 *
 * Written with the MongoDB Node driver (mongodump is not part of the platform), collection by collection,
 * with plain finds and inserts only: no $out, no transactions, so it runs against FerretDB v1 and MongoDB 7
 * alike. A backup is consistent per document, not across collections (neither database gives a snapshot
 * read on FerretDB): take it while the platform is quiet, or stop the gateway first (docs/operations.md).
 */
import { Objm } from '@nats-io/obj';
import { NatsConnection } from '@nats-io/transport-node';
import { MIGRATIONS_LOCK_COLLECTION } from '@vidnova/mongo';
import { UploadStore } from '@vidnova/messaging';
import mongoose from 'mongoose';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

const { EJSON } = mongoose.mongo.BSON;
type MongoClient = mongoose.mongo.MongoClient;
type Db = mongoose.mongo.Db;
type Doc = mongoose.mongo.Document;

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'vidnova-backup';
export const BACKUP_FORMAT_VERSION = 1;
const INSERT_BATCH = 500;

export interface CollectionEntry {
  name: string;
  /** listCollections options (canonical EJSON). */
  options: Doc;
  /** listIndexes definitions without `_id_` (canonical EJSON). */
  indexes: Doc[];
  count: number;
  file: string;
  bytes: number;
  sha256: string;
}

export interface DatabaseEntry {
  service: string;
  name: string;
  /** The highest migration recorded in `_migrations` (0: none). */
  migrationVersion: number;
  collections: CollectionEntry[];
}

export interface ObjectEntry {
  name: string;
  description?: string;
  metadata?: Record<string, string>;
  size: number;
  /** The object store's own digest (`SHA-256=…`), checked again on restore. */
  digest: string;
  mtime: string;
  file: string;
  sha256: string;
}

export interface BucketEntry {
  /** Name on the wire (with the bus namespace, if any). */
  bucket: string;
  /** Name without the namespace (vidnova-uploads, vidnova-reports). */
  logical: string;
  exists: boolean;
  ttlNanos: number;
  maxBytes: number;
  objects: ObjectEntry[];
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  vidnova: string;
  node: string;
  namespace: string;
  mongo: { version: string; ferretdb?: string };
  nats?: { version: string };
  databases: DatabaseEntry[];
  buckets: BucketEntry[];
}

export type Log = (msg: string) => void;

export interface BackupOptions {
  mongoUrl: string;
  dir: string;
  databases: Array<{ service: string; name: string }>;
  /** Buckets to save: the name on the wire and without the namespace. */
  buckets: Array<{ bucket: string; logical: string }>;
  /** Needed when `buckets` is not empty. */
  nc?: NatsConnection;
  namespace: string;
  log: Log;
}

const fileName = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E').replace(/^%2E/, '.');
const canonical = (d: Doc): Doc => EJSON.serialize(d, { relaxed: false }) as Doc;

function vidnovaVersion(): string {
  return (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
}

async function serverVersion(client: MongoClient): Promise<Manifest['mongo']> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return { version: String(info.version), ...(info.ferretdbVersion ? { ferretdb: String(info.ferretdbVersion) } : {}) };
}

export async function databaseNames(client: MongoClient): Promise<Set<string>> {
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  return new Set(databases.map((d) => d.name));
}

/** Writes `lines` (strings) to `file`, returning its size and SHA-256. */
async function writeLines(file: string, lines: AsyncIterable<string>): Promise<{ bytes: number; sha256: string; count: number }> {
  const out = createWriteStream(file);
  const sha = createHash('sha256');
  let bytes = 0;
  let count = 0;
  for await (const line of lines) {
    const buf = Buffer.from(`${line}\n`, 'utf8');
    sha.update(buf);
    bytes += buf.length;
    count++;
    if (!out.write(buf)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return { bytes, sha256: sha.digest('hex'), count };
}

async function dumpDatabase(db: Db, service: string, dir: string, log: Log): Promise<DatabaseEntry> {
  const entry: DatabaseEntry = { service, name: db.databaseName, migrationVersion: 0, collections: [] };
  const folder = join(dir, 'db', fileName(db.databaseName));
  mkdirSync(folder, { recursive: true });
  const infos = (await db.listCollections({}, { nameOnly: false }).toArray()) as Array<{ name: string; type?: string; options?: Doc }>;
  for (const info of infos.sort((a, b) => a.name.localeCompare(b.name))) {
    // Views are definitions, not data; system collections belong to the server; the migration lock is transient.
    if (info.type === 'view' || info.name.startsWith('system.') || info.name === MIGRATIONS_LOCK_COLLECTION) continue;
    const coll = db.collection(info.name);
    const indexes = (await coll.listIndexes().toArray()).filter((i) => i.name !== '_id_').map((i) => canonical(i));
    const file = join('db', fileName(db.databaseName), `${fileName(info.name)}.ejson`);
    async function* docs() {
      for await (const d of coll.find({}).sort({ _id: 1 })) yield EJSON.stringify(d, { relaxed: false });
    }
    const written = await writeLines(join(dir, file), docs());
    entry.collections.push({ name: info.name, options: canonical(info.options ?? {}), indexes, count: written.count, file, bytes: written.bytes, sha256: written.sha256 });
    if (info.name === '_migrations') {
      const last = await coll.find({}).sort({ _id: -1 }).limit(1).next();
      entry.migrationVersion = Number(last?._id ?? 0);
    }
  }
  const docs = entry.collections.reduce((n, c) => n + c.count, 0);
  log(`${service}: ${db.databaseName}, ${entry.collections.length} collections, ${docs} documents (migration ${entry.migrationVersion})`);
  return entry;
}

async function dumpBucket(nc: NatsConnection, b: { bucket: string; logical: string }, dir: string, log: Log): Promise<BucketEntry> {
  const store = await UploadStore.existing(nc, b.bucket);
  if (!store) {
    log(`bucket ${b.bucket}: none (nothing stored yet)`);
    return { ...b, exists: false, ttlNanos: 0, maxBytes: -1, objects: [] };
  }
  const { ttlNanos, maxBytes } = await store.settings();
  const folder = join('objects', fileName(b.bucket));
  mkdirSync(join(dir, folder), { recursive: true });
  const objects: ObjectEntry[] = [];
  const list = (await store.list()).sort((x, y) => x.name.localeCompare(y.name));
  for (const [i, info] of list.entries()) {
    const file = join(folder, `${i}.bin`);
    // Streamed chunk by chunk; the reader checks the size and the store's digest at the end.
    const stream = await store.open({ bucket: b.bucket, name: info.name });
    if (!stream) continue; // removed since the listing (an import finished)
    const sha = createHash('sha256');
    await pipeline(
      stream,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          sha.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(join(dir, file)),
    );
    objects.push({
      name: info.name,
      ...(info.description ? { description: info.description } : {}),
      ...(info.metadata && Object.keys(info.metadata).length ? { metadata: info.metadata } : {}),
      size: info.size,
      digest: info.digest,
      mtime: info.mtime,
      file,
      sha256: sha.digest('hex'),
    });
  }
  log(`bucket ${b.bucket}: ${objects.length} objects, ${objects.reduce((n, o) => n + o.size, 0)} bytes`);
  return { ...b, exists: true, ttlNanos, maxBytes, objects };
}

/** Writes a backup into `opts.dir` (created; must be empty) and returns its manifest. */
export async function backup(opts: BackupOptions): Promise<Manifest> {
  if (existsSync(opts.dir) && readdirSync(opts.dir).length) throw new BackupError(`${opts.dir} is not empty; give a new directory`);
  mkdirSync(opts.dir, { recursive: true });
  const client = await new mongoose.mongo.MongoClient(opts.mongoUrl, { serverSelectionTimeoutMS: 5000 }).connect();
  try {
    const existing = await databaseNames(client);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      vidnova: vidnovaVersion(),
      node: process.version,
      namespace: opts.namespace,
      mongo: await serverVersion(client),
      ...(opts.nc ? { nats: { version: opts.nc.info?.version ?? 'unknown' } } : {}),
      databases: [],
      buckets: [],
    };
    for (const d of opts.databases) {
      if (!existing.has(d.name)) opts.log(`${d.service}: database ${d.name} does not exist (the service has stored nothing yet); recorded as empty`);
      manifest.databases.push(await dumpDatabase(client.db(d.name), d.service, opts.dir, opts.log));
    }
    for (const b of opts.buckets) {
      if (!opts.nc) throw new BackupError('object-store buckets need a NATS connection');
      manifest.buckets.push(await dumpBucket(opts.nc, b, opts.dir, opts.log));
    }
    writeFileSync(join(opts.dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await client.close();
  }
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface RestoreOptions {
  mongoUrl: string;
  dir: string;
  /** Restore these services' databases only (default: every one in the backup). */
  only?: string[];
  /** Target database per service (default: the name in the manifest). */
  databases?: Record<string, string>;
  /** Target bucket per logical bucket name (default: the name in the manifest). */
  buckets?: Record<string, string>;
  /** Restore the databases only. */
  skipObjects?: boolean;
  /** Drop each target database and empty each target bucket first, instead of refusing non-empty ones. */
  drop: boolean;
  nc?: NatsConnection;
  log: Log;
}

export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupError(`${file} not found: not a backup directory`);
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Vidnova backup manifest`);
  if (m.formatVersion > BACKUP_FORMAT_VERSION) throw new BackupError(`backup format ${m.formatVersion} is newer than this tool reads (${BACKUP_FORMAT_VERSION}); restore with the release that wrote it`);
  return m;
}

async function fileSha256(file: string): Promise<string> {
  const sha = createHash('sha256');
  for await (const chunk of createReadStream(file)) sha.update(chunk as Buffer);
  return sha.digest('hex');
}

/** Every file the manifest names is present with its recorded checksum; throws otherwise. */
export async function verifyBackup(dir: string, m: Manifest): Promise<number> {
  const files = [...m.databases.flatMap((d) => d.collections), ...m.buckets.flatMap((b) => b.objects)];
  const bad: string[] = [];
  for (const f of files) {
    const path = join(dir, f.file);
    if (!existsSync(path)) bad.push(`${f.file}: missing`);
    else if ((await fileSha256(path)) !== f.sha256) bad.push(`${f.file}: checksum differs from the manifest`);
  }
  if (bad.length) throw new BackupError(`the backup in ${dir} is damaged:\n  ${bad.join('\n  ')}`);
  return files.length;
}

/** Collections of `db` that hold at least one document. */
async function nonEmptyCollections(db: Db): Promise<string[]> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith('system.'));
  const full: string[] = [];
  for (const n of names) if (await db.collection(n).findOne({}, { projection: { _id: 1 } })) full.push(n);
  return full;
}

async function restoreDatabase(dir: string, db: Db, d: DatabaseEntry, log: Log): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const c of d.collections) {
    const options = EJSON.deserialize(c.options) as Doc;
    if (!existing.has(c.name)) await db.createCollection(c.name, options);
    const coll = db.collection(c.name);
    let batch: Doc[] = [];
    let inserted = 0;
    const flush = async () => {
      if (!batch.length) return;
      await coll.insertMany(batch, { ordered: true });
      inserted += batch.length;
      batch = [];
    };
    const lines = createInterface({ input: createReadStream(join(dir, c.file), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(EJSON.parse(line, { relaxed: false }) as Doc);
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();
    // Indexes after the data: quicker, and a unique index the data breaks fails here, loudly.
    const indexes = c.indexes.map((i) => {
      const { v: _v, ns: _ns, background: _bg, ...spec } = EJSON.deserialize(i) as Doc;
      return spec as mongoose.mongo.IndexDescription;
    });
    if (indexes.length) await coll.createIndexes(indexes);
    const count = await coll.countDocuments({});
    if (count !== c.count || inserted !== c.count) throw new BackupError(`${db.databaseName}.${c.name}: ${count} documents after the restore, the backup has ${c.count}`);
  }
  log(`${d.service}: restored ${d.collections.reduce((n, c) => n + c.count, 0)} documents in ${d.collections.length} collections into ${db.databaseName} (migration ${d.migrationVersion})`);
}

async function restoreBucket(dir: string, nc: NatsConnection, b: BucketEntry, target: string, drop: boolean, log: Log): Promise<void> {
  const existing = await UploadStore.existing(nc, target);
  if (existing) {
    const stored = await existing.list();
    if (stored.length && !drop) throw new BackupError(`bucket ${target} holds ${stored.length} objects; restore into an empty bucket, or pass --drop to replace them`);
    for (const o of stored) await existing.remove({ bucket: target, name: o.name });
  }
  if (!b.objects.length && !existing) return log(`bucket ${target}: nothing to restore`);
  // A bucket that does not exist yet is made with the settings it had (retention, size cap).
  if (!existing) await new Objm(nc).create(target, { ttl: b.ttlNanos, ...(b.maxBytes > 0 ? { max_bytes: b.maxBytes } : {}) });
  const store = (await UploadStore.existing(nc, target))!;
  for (const o of b.objects) {
    const info = await store.putStream({ name: o.name, ...(o.description ? { description: o.description } : {}), ...(o.metadata ? { metadata: o.metadata } : {}) }, createReadStream(join(dir, o.file)));
    if (info.size !== o.size || info.digest !== o.digest) throw new BackupError(`bucket ${target}, object ${o.name}: stored ${info.size} bytes (${info.digest}), the backup has ${o.size} (${o.digest})`);
  }
  log(`bucket ${target}: restored ${b.objects.length} objects, ${b.objects.reduce((n, o) => n + o.size, 0)} bytes`);
}

/**
 * Restores a backup directory. Checks every file against the manifest and every target for emptiness
 * before writing anything; refuses non-empty targets unless `drop`.
 */
export async function restore(opts: RestoreOptions): Promise<Manifest> {
  const m = readManifest(opts.dir);
  const files = await verifyBackup(opts.dir, m);
  opts.log(`backup of ${m.createdAt} (Vidnova ${m.vidnova}, ${m.mongo.ferretdb ? `FerretDB ${m.mongo.ferretdb}` : `MongoDB ${m.mongo.version}`}): ${files} files match the manifest`);
  const client = await new mongoose.mongo.MongoClient(opts.mongoUrl, { serverSelectionTimeoutMS: 5000 }).connect();
  try {
    const targets = m.databases.filter((d) => !opts.only || opts.only.includes(d.service)).map((d) => ({ d, db: client.db(opts.databases?.[d.service] ?? d.name) }));
    const names = targets.map((t) => t.db.databaseName);
    if (new Set(names).size !== names.length) throw new BackupError(`two services would be restored into one database: ${names.join(', ')}`);
    const busy: string[] = [];
    for (const t of targets) {
      const full = await nonEmptyCollections(t.db);
      if (full.length) busy.push(`${t.db.databaseName} (${full.slice(0, 5).join(', ')}${full.length > 5 ? ', …' : ''})`);
    }
    if (busy.length && !opts.drop) throw new BackupError(`not empty: ${busy.join('; ')}. Restore into empty databases (stop the services, give other names with --db), or pass --drop to replace them`);
    const buckets = opts.skipObjects ? [] : m.buckets.map((b) => ({ b, target: opts.buckets?.[b.logical] ?? b.bucket }));
    if (buckets.length && !opts.nc) throw new BackupError('restoring object-store buckets needs a NATS connection');
    for (const { target } of buckets) {
      const store = await UploadStore.existing(opts.nc!, target);
      const n = store ? (await store.list()).length : 0;
      if (n && !opts.drop) throw new BackupError(`bucket ${target} holds ${n} objects; restore into an empty bucket, or pass --drop to replace them`);
    }
    for (const t of targets) {
      if (opts.drop) await t.db.dropDatabase();
      await restoreDatabase(opts.dir, t.db, t.d, opts.log);
    }
    for (const { b, target } of buckets) await restoreBucket(opts.dir, opts.nc!, b, target, opts.drop, opts.log);
    return m;
  } finally {
    await client.close();
  }
}

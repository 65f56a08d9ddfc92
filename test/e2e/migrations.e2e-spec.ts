import { GATEWAY_MIGRATIONS } from '@vidnova/gateway';
import { migrateDatabase, Migration, MigrationError, migrationChecksum, MIGRATIONS_COLLECTION, MIGRATIONS_LOCK_COLLECTION, runMigrations } from '@vidnova/mongo';
import { dropDatabases, infraEnv, testDbName } from '@vidnova/testing';
import mongoose from 'mongoose';
import { startPlatform } from './platform';

/**
 * The migration runner (libs/mongo migrations.ts) on the tests' database (FerretDB v1 in CI): a database
 * written in today's shapes is migrated, a second run changes nothing, instances starting together run
 * each migration once, and a changed or unknown migration stops the start.
 */
describe('database migrations at start', () => {
  let client: mongoose.mongo.MongoClient;
  const dbs: string[] = [];
  const freshDb = () => {
    const name = testDbName('migrations');
    dbs.push(name);
    return client.db(name);
  };

  beforeAll(async () => {
    client = await new mongoose.mongo.MongoClient(infraEnv().MONGO_URL).connect();
  });
  afterAll(async () => {
    await client?.close();
    await dropDatabases(infraEnv().MONGO_URL, dbs);
  });

  /** Audit entries as the gateway writes them today, and as it wrote them before kinds were recorded. */
  const legacyAudit = (n: number) => Array.from({ length: n }, (_, i) => ({ apiKeyId: `k${i % 3}`, role: 'editor', method: 'POST', path: `/api/v1/consultations/${i}`, status: 201, correlationId: `c${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, i)) }));
  const todaysAudit = [
    { apiKeyId: 'k1', role: 'reader', method: 'GET', path: '/api/v1/diaspora/organizations/x', status: 200, correlationId: 'r1', at: new Date(Date.UTC(2026, 5, 1)), kind: 'read' },
    { apiKeyId: 'unauthenticated', role: 'none', method: 'POST', path: '/api/v1/api-keys', status: 401, correlationId: 'r2', at: new Date(Date.UTC(2026, 5, 2)), kind: 'refusal', ip: '203.0.113.9' },
    { apiKeyId: 'k2', role: 'editor', method: 'PATCH', path: '/api/v1/consultations/y', status: 200, correlationId: 'r3', at: new Date(Date.UTC(2026, 5, 3)), kind: 'write' },
  ];

  it('backfills the audit kind of entries written before kinds existed, records it, and changes nothing on a second run', async () => {
    const db = freshDb();
    await db.collection('audit_log').insertMany([...legacyAudit(25), ...todaysAudit]);
    const result = await runMigrations(db, GATEWAY_MIGRATIONS);
    expect(result).toMatchObject({ version: 1, applied: [{ version: 1, name: 'audit-kind-backfill' }] });

    const byKind = async () => Object.fromEntries((await db.collection('audit_log').aggregate([{ $group: { _id: '$kind', n: { $sum: 1 } } }]).toArray()).map((g) => [String(g._id), g.n]));
    expect(await byKind()).toEqual({ write: 26, read: 1, refusal: 1 });
    // Everything else of every entry is as it was.
    const read = await db.collection('audit_log').findOne({ correlationId: 'r2' });
    expect(read).toMatchObject({ kind: 'refusal', ip: '203.0.113.9', status: 401 });

    const records = await db.collection(MIGRATIONS_COLLECTION).find({}).toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ _id: 1, name: 'audit-kind-backfill', checksum: migrationChecksum(GATEWAY_MIGRATIONS[0]), durationMs: expect.any(Number) });
    expect(records[0].appliedAt).toBeInstanceOf(Date);
    expect(await db.collection(MIGRATIONS_LOCK_COLLECTION).countDocuments({})).toBe(0);

    const before = await db.collection('audit_log').find({}).sort({ _id: 1 }).toArray();
    const again = await runMigrations(db, GATEWAY_MIGRATIONS);
    expect(again).toEqual({ version: 1, applied: [] });
    expect(await db.collection('audit_log').find({}).sort({ _id: 1 }).toArray()).toEqual(before);
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments({})).toBe(1);
  });

  it('starts the gateway on a database written before kinds existed: the old entries are listed as writes', async () => {
    const db = freshDb();
    await db.collection('audit_log').insertMany([...legacyAudit(4), ...todaysAudit]);
    const p = await startPlatform([], {}, {}, { gateway: db.databaseName });
    try {
      const writes = await p.admin.get('/api/v1/audit-log?kind=write&keyId=k1&limit=100');
      expect(writes.status).toBe(200);
      // legacyAudit(4) gives k1 one entry (i = 1); today's k1 entry is a read.
      expect(writes.body.items.map((e: { correlationId: string; kind: string }) => [e.correlationId, e.kind])).toEqual([['c1', 'write']]);
      const reads = await p.admin.get('/api/v1/audit-log?kind=read&keyId=k1');
      expect(reads.body.items.map((e: { correlationId: string }) => e.correlationId)).toEqual(['r1']);
      expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments({ _id: 1 as never })).toBe(1);
    } finally {
      await p.stop();
    }
  });

  it('runs each migration once when instances start together; the others wait and then find nothing to do', async () => {
    const db = freshDb();
    let runs = 0;
    const slow: Migration = {
      version: 1,
      name: 'slow-backfill',
      async up(d) {
        runs++;
        await new Promise((r) => setTimeout(r, 400));
        await d.collection('marks').insertOne({ at: new Date() });
      },
    };
    const second: Migration = { version: 2, name: 'second', up: async (d) => void (await d.collection('marks').insertOne({ second: true })) };
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => runMigrations(db, [slow, second], { owner: `instance-${i}`, pollMs: 50 })));
    expect(runs).toBe(1);
    expect(results.filter((r) => r.applied.length === 2)).toHaveLength(1);
    expect(results.filter((r) => r.applied.length === 0)).toHaveLength(4);
    expect(results.every((r) => r.version === 2)).toBe(true);
    expect(await db.collection('marks').countDocuments({})).toBe(2);
    expect((await db.collection(MIGRATIONS_COLLECTION).find({}).sort({ _id: 1 }).toArray()).map((r) => r.name)).toEqual(['slow-backfill', 'second']);
  });

  it('migrates once when two gateways start at the same moment on one database', async () => {
    const db = freshDb();
    await db.collection('audit_log').insertMany(legacyAudit(10));
    // migrateDatabase is what MongoModule runs at start, with a client of its own, as two processes would.
    await Promise.all([migrateDatabase(infraEnv().MONGO_URL, db.databaseName, GATEWAY_MIGRATIONS), migrateDatabase(infraEnv().MONGO_URL, db.databaseName, GATEWAY_MIGRATIONS)]);
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments({})).toBe(1);
    expect(await db.collection('audit_log').countDocuments({ kind: 'write' })).toBe(10);
  });

  it('takes over the lock of an instance that died while holding it, once its lease has passed', async () => {
    const db = freshDb();
    await db.collection(MIGRATIONS_LOCK_COLLECTION).insertOne({ _id: 'migrations' as never, owner: 'dead-instance', expiresAt: new Date(Date.now() - 1000), since: new Date(Date.now() - 60_000) });
    const logs: string[] = [];
    const res = await runMigrations(db, GATEWAY_MIGRATIONS, { log: (m) => logs.push(m) });
    expect(res.applied).toHaveLength(1);
    expect(logs.some((l) => /dead-instance expired/.test(l))).toBe(true);
  });

  it('waits for a live holder instead of running alongside it', async () => {
    const db = freshDb();
    await db.collection(MIGRATIONS_LOCK_COLLECTION).insertOne({ _id: 'migrations' as never, owner: 'busy-instance', expiresAt: new Date(Date.now() + 60_000), since: new Date() });
    await expect(runMigrations(db, GATEWAY_MIGRATIONS, { waitMs: 600, pollMs: 50 })).rejects.toThrow(/still held by busy-instance/);
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments({})).toBe(0);
  });

  it('refuses to start when an applied migration changed, or when the database is newer than the code', async () => {
    const db = freshDb();
    const v1: Migration = { version: 1, name: 'add-flag', up: async (d) => void (await d.collection('x').updateMany({}, { $set: { flag: true } })) };
    await runMigrations(db, [v1]);
    const edited: Migration = { ...v1, up: async (d) => void (await d.collection('x').updateMany({}, { $set: { flag: false } })) };
    await expect(runMigrations(db, [edited])).rejects.toThrow(MigrationError);
    await expect(runMigrations(db, [edited])).rejects.toThrow(/add-flag.*has changed since/);
    await expect(runMigrations(db, [])).rejects.toThrow(/does not know: it was written by a newer release/);
    // The recorded one still stands; the edited code ran nowhere.
    expect(await db.collection(MIGRATIONS_COLLECTION).find({}).toArray()).toEqual([expect.objectContaining({ _id: 1, checksum: migrationChecksum(v1) })]);
  });

  it('records nothing for a migration that fails, releases the lock, and runs it at the next start', async () => {
    const db = freshDb();
    let fail = true;
    const flaky: Migration = {
      version: 1,
      name: 'flaky',
      async up(d) {
        if (fail) throw new Error('disk full');
        await d.collection('y').insertOne({ ok: true });
      },
    };
    await expect(runMigrations(db, [flaky])).rejects.toThrow(/migration 1 \(flaky\).*failed: disk full/);
    expect(await db.collection(MIGRATIONS_COLLECTION).countDocuments({})).toBe(0);
    expect(await db.collection(MIGRATIONS_LOCK_COLLECTION).countDocuments({})).toBe(0);
    fail = false;
    expect((await runMigrations(db, [flaky])).applied).toHaveLength(1);
  });
});

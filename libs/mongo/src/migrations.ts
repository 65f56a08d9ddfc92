import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { mongo } from 'mongoose';

type Db = mongo.Db;

/**
 * Versioned migrations of a service's database, run at start before anything else touches it.
 *
 * Each service keeps its migrations in `src/migrations/` (one file per migration, listed in order in
 * `src/migrations/index.ts`) and hands the list to `MongoModule.forRoot({ migrations })`. At start the
 * runner takes the database's migration lock, checks what is recorded in `_migrations`, runs the pending
 * migrations in version order, records each (version, name, checksum, applied at, duration) and releases
 * the lock. Another instance starting at the same moment waits for the lock and then finds nothing to do,
 * so no instance serves requests on a database that is half migrated.
 *
 * The lock is one document in `_migrations_lock`, taken by inserting it with a fixed `_id` (a unique
 * index refuses the second insert — the one concurrency primitive that holds on FerretDB v1 as on
 * MongoDB 7, docs/decisions/0005), with a lease the holder renews while it works; the lease of a holder
 * that died lapses and the next instance takes the lock over. No transactions (FerretDB v1 has none): a
 * migration that fails half way is not recorded and runs again at the next start, so each one must be
 * safe to run twice (filter on what it changes: `{ field: { $exists: false } }`, `createIndex`).
 *
 * A recorded migration whose code changed (its checksum differs) or that this release does not know (a
 * database written by a newer release) stops the start with MigrationError: change a migration that has
 * shipped by adding a new one.
 */
export interface Migration {
  /** 1, 2, 3 … in the order they must run; never reused. */
  version: number;
  /** Short kebab-case name, e.g. `audit-kind-backfill`. */
  name: string;
  /** Does the change. Gets the service's database (driver `Db`) and a logger. */
  up(db: Db, log: (msg: string) => void): Promise<void>;
}

export interface MigrationRecord {
  _id: number;
  name: string;
  checksum: string;
  appliedAt: Date;
  durationMs: number;
}

export interface RunMigrationsOptions {
  /** Lease of the lock; renewed every third of it while migrations run (default 30 s). */
  leaseMs?: number;
  /** How often a waiting instance looks at the lock (default 250 ms). */
  pollMs?: number;
  /** Give up waiting for another instance's lock after this long (default 10 min). */
  waitMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Who holds the lock (default host, pid and a random id). */
  owner?: string;
}

export interface MigrationsResult {
  /** Migrations this call ran (empty when another instance ran them or nothing was pending). */
  applied: Array<{ version: number; name: string; durationMs: number }>;
  /** The highest version recorded after the run. */
  version: number;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export const MIGRATIONS_COLLECTION = '_migrations';
export const MIGRATIONS_LOCK_COLLECTION = '_migrations_lock';
const LOCK_ID = 'migrations';

/**
 * The checksum of a migration: its version, name and the text of its `up` function (as compiled; runs of
 * white space collapsed, so re-indenting is not a change).
 */
export function migrationChecksum(m: Migration): string {
  const body = m.up.toString().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${m.version}\n${m.name}\n${body}`).digest('hex');
}

/** Refuses a list that has duplicate or non-positive versions or unnamed entries. */
function checkList(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const [i, m] of sorted.entries()) {
    if (!Number.isInteger(m.version) || m.version < 1) throw new MigrationError(`migration "${m.name}": version must be a positive integer`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(m.name)) throw new MigrationError(`migration ${m.version}: name "${m.name}" must be kebab-case`);
    if (i > 0 && sorted[i - 1].version === m.version) throw new MigrationError(`two migrations have version ${m.version}`);
  }
  return sorted;
}

const isDuplicateKey = (e: unknown): boolean => (e as { code?: number })?.code === 11000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Compares what the database recorded with the code; returns the migrations still to run. */
async function pendingOf(db: Db, list: Migration[]): Promise<Migration[]> {
  const records = await db.collection<MigrationRecord>(MIGRATIONS_COLLECTION).find({}).sort({ _id: 1 }).toArray();
  const known = new Map(list.map((m) => [m.version, m]));
  for (const r of records) {
    const m = known.get(r._id);
    if (!m) {
      throw new MigrationError(
        `database ${db.databaseName} has migration ${r._id} (${r.name}) applied, which this release does not know: it was written by a newer release; run that release (or restore a backup taken before the upgrade)`,
      );
    }
    const sum = migrationChecksum(m);
    if (sum !== r.checksum) {
      throw new MigrationError(
        `migration ${r._id} (${r.name}) applied to ${db.databaseName} on ${r.appliedAt.toISOString()} has changed since (checksum ${r.checksum.slice(0, 12)}… recorded, ${sum.slice(0, 12)}… in the code); a shipped migration must not change: add a new one`,
      );
    }
  }
  const done = new Set(records.map((r) => r._id));
  return list.filter((m) => !done.has(m.version));
}

/**
 * Runs the pending migrations of `db` under the database's migration lock; see the comment at the top.
 * Resolves once the database is at the latest version (by this call or another instance).
 */
export async function runMigrations(db: Db, migrations: readonly Migration[], opts: RunMigrationsOptions = {}): Promise<MigrationsResult> {
  const list = checkList(migrations);
  const log = opts.log ?? (() => undefined);
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollMs ?? 250;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const latest = list.at(-1)?.version ?? 0;

  // Checked before the lock as well: a changed migration stops the start without waiting for anyone.
  if (!(await pendingOf(db, list)).length) return { applied: [], version: latest };

  const locks = db.collection<{ _id: string; owner: string; expiresAt: Date; since: Date }>(MIGRATIONS_LOCK_COLLECTION);
  const deadline = Date.now() + (opts.waitMs ?? 600_000);
  let waitingLogged = false;
  for (;;) {
    try {
      await locks.insertOne({ _id: LOCK_ID, owner, expiresAt: new Date(Date.now() + leaseMs), since: new Date() });
      break;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const held = await locks.findOne({ _id: LOCK_ID });
    if (held && held.expiresAt.getTime() < Date.now()) {
      // Its holder stopped renewing (it died): remove exactly that lease, then race for the lock again.
      log(`migration lock of ${held.owner} expired at ${held.expiresAt.toISOString()}; taking it over`);
      await locks.deleteOne({ _id: LOCK_ID, owner: held.owner, expiresAt: held.expiresAt });
      continue;
    }
    if (!waitingLogged && held) {
      log(`waiting for the migrations ${held.owner} is running on ${db.databaseName}`);
      waitingLogged = true;
    }
    if (Date.now() > deadline) throw new MigrationError(`the migration lock of ${db.databaseName} is still held by ${held?.owner ?? 'another instance'}; gave up waiting`);
    await sleep(pollMs);
  }

  // Only the holder writes the lock document from here on (one writer: safe on FerretDB v1 too).
  let lost = false;
  const renew = setInterval(() => {
    void locks
      .updateOne({ _id: LOCK_ID, owner }, { $set: { expiresAt: new Date(Date.now() + leaseMs) } })
      .then((r) => {
        if (r.matchedCount === 0) lost = true;
      })
      .catch(() => undefined);
  }, Math.max(10, Math.floor(leaseMs / 3)));
  renew.unref();
  const applied: MigrationsResult['applied'] = [];
  try {
    // Read again under the lock: another instance may have run them while this one waited.
    const pending = await pendingOf(db, list);
    if (pending.length) log(`migrating ${db.databaseName}: ${pending.length} pending (${pending.map((m) => `${m.version} ${m.name}`).join(', ')})`);
    for (const m of pending) {
      if (lost) throw new MigrationError(`lost the migration lock of ${db.databaseName} (lease ${leaseMs} ms not renewed in time); stopping before migration ${m.version}`);
      const t0 = Date.now();
      log(`migration ${m.version} ${m.name}: running`);
      try {
        await m.up(db, (msg) => log(`migration ${m.version} ${m.name}: ${msg}`));
      } catch (e) {
        throw new MigrationError(`migration ${m.version} (${m.name}) on ${db.databaseName} failed: ${(e as Error).message}; nothing recorded, it runs again at the next start`);
      }
      const durationMs = Date.now() - t0;
      await db.collection<MigrationRecord>(MIGRATIONS_COLLECTION).insertOne({ _id: m.version, name: m.name, checksum: migrationChecksum(m), appliedAt: new Date(), durationMs });
      applied.push({ version: m.version, name: m.name, durationMs });
      log(`migration ${m.version} ${m.name}: applied in ${durationMs} ms`);
    }
  } finally {
    clearInterval(renew);
    await locks.deleteOne({ _id: LOCK_ID, owner }).catch(() => undefined);
  }
  return { applied, version: latest };
}

/**
 * What `npm run backup` and `npm run restore` share: the services and their databases, the buckets, the
 * arguments, the connections (tools/ops/connect.ts).
 */
import { REPORT_BUCKET, SERVICE_NAMES, UPLOAD_BUCKET } from '@vidnova/contracts';
import { BACKUP_NATS_USER, busName, busNamespace } from '@vidnova/messaging';
import { defaultDbName } from '@vidnova/mongo';
import { NatsConnection } from '@nats-io/transport-node';
import { connectTool } from './connect';

/** Every process that owns a database: the services in the contracts and the gateway. */
export const DATABASE_OWNERS: readonly string[] = [...SERVICE_NAMES, 'gateway'];

/**
 * The buckets whose objects must survive: reports (kept until deleted or REPORT_RETENTION_DAYS) and
 * uploads (an upload stays in the bucket only until the import that references it has read it, so the
 * objects there at backup time belong to imports still pending).
 */
export const BACKED_UP_BUCKETS: readonly string[] = [REPORT_BUCKET, UPLOAD_BUCKET];

export interface CommonArgs {
  /** service → database (`--db service=name`, else MONGO_DB_<SERVICE>, else vidnova_<service>). */
  databases: Record<string, string>;
  services: string[];
  noObjects: boolean;
  positional: string[];
  flags: Set<string>;
  values: Record<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], env: Record<string, string | undefined> = process.env, valued: string[] = []): CommonArgs {
  const databases: Record<string, string> = {};
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const positional: string[] = [];
  let only: string[] | undefined;
  for (const s of DATABASE_OWNERS) {
    const fromEnv = env[`MONGO_DB_${s.toUpperCase().replace(/-/g, '_')}`];
    databases[s] = fromEnv || defaultDbName(s);
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--db') {
      const [service, name] = value().split('=');
      if (!DATABASE_OWNERS.includes(service) || !name || !/^[A-Za-z0-9_-]+$/.test(name)) throw new UsageError(`--db expects <service>=<database> with a service of ${DATABASE_OWNERS.join(', ')}`);
      databases[service] = name;
    } else if (a === '--only') {
      only = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = only.filter((s) => !DATABASE_OWNERS.includes(s));
      if (unknown.length) throw new UsageError(`--only names unknown services: ${unknown.join(', ')}`);
    } else if (valued.includes(a)) values[a] = value();
    else if (a.startsWith('--')) flags.add(a);
    else positional.push(a);
  }
  return { databases, services: only ?? [...DATABASE_OWNERS], noObjects: flags.has('--no-objects'), positional, flags, values };
}

/** The buckets on the wire, with this platform's bus namespace (VIDNOVA_BUS_NAMESPACE; empty in production). */
export const bucketsOnWire = () => BACKED_UP_BUCKETS.map((logical) => ({ logical, bucket: busName(logical) }));

export const mongoUrl = (env: Record<string, string | undefined> = process.env) => env.MONGO_URL || 'mongodb://127.0.0.1:27017';

export const connectBackupUser = (name: string): Promise<NatsConnection> => connectTool(name, BACKUP_NATS_USER);

export { busNamespace };

/** Runs a tool's main: prints a usage or backup error as one line and exits 1 (2 for usage). */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      const err = e as Error;
      const known = err instanceof UsageError || err?.name === 'BackupError' || err?.name === 'MigrationError';
      console.error(known ? `error: ${err.message}` : err);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}

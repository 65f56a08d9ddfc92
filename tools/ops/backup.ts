/**
 * `npm run backup [-- <dir>] [--db <service>=<database> …] [--only a,b] [--no-objects]`
 *
 * Saves every service's database (vidnova_<service>, or MONGO_DB_<SERVICE>, or --db) and the report and
 * upload buckets (as the NATS user `backup`) into <dir> (default backups/vidnova-<time>), with a
 * manifest of versions, counts and SHA-256 checksums. MONGO_URL and NATS_URL as for `npm start`;
 * VIDNOVA_BUS_NAMESPACE when the platform runs with one. See docs/operations.md and backup-core.ts.
 */
import { resolve } from 'node:path';
import { backup } from './backup-core';
import { bucketsOnWire, busNamespace, connectBackupUser, mongoUrl, parseArgs, runMain, UsageError } from './cli';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.flags.has('--help')) {
    console.log('usage: npm run backup -- [<dir>] [--db <service>=<database> …] [--only <service>,…] [--no-objects]');
    return;
  }
  if (args.positional.length > 1) throw new UsageError('one directory at most');
  const dir = resolve(args.positional[0] ?? `backups/vidnova-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const nc = args.noObjects ? undefined : await connectBackupUser('backup');
  const t0 = Date.now();
  try {
    const m = await backup({
      mongoUrl: mongoUrl(),
      dir,
      databases: args.services.map((service) => ({ service, name: args.databases[service] })),
      buckets: args.noObjects ? [] : bucketsOnWire(),
      nc,
      namespace: busNamespace(),
      log: (msg) => console.log(`[backup] ${msg}`),
    });
    const docs = m.databases.reduce((n, d) => n + d.collections.reduce((k, c) => k + c.count, 0), 0);
    const objects = m.buckets.reduce((n, b) => n + b.objects.length, 0);
    console.log(`[backup] done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${m.databases.length} databases, ${docs} documents, ${objects} objects → ${dir}`);
  } finally {
    await nc?.close();
  }
});

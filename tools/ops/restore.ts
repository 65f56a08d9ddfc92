/**
 * `npm run restore -- <dir> [--db <service>=<database> …] [--only a,b] [--no-objects] [--drop]`
 *
 * Restores a backup written by `npm run backup` into empty databases (each service's as named in the
 * backup, or MONGO_DB_<SERVICE>, or --db) and empty buckets, after checking every file against the
 * manifest. A non-empty target is refused unless --drop (alias --force): then each target database is
 * dropped and each target bucket emptied first. Run it with the services stopped; start them afterwards
 * (they run any migration newer than the backup at start). See docs/operations.md.
 */
import { resolve } from 'node:path';
import { readManifest, restore } from './backup-core';
import { bucketsOnWire, connectBackupUser, DATABASE_OWNERS, mongoUrl, parseArgs, runMain, UsageError } from './cli';

runMain(async () => {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  if (args.flags.has('--help') || args.positional.length !== 1) {
    console.log('usage: npm run restore -- <dir> [--db <service>=<database> …] [--only <service>,…] [--no-objects] [--drop|--force]');
    if (!args.flags.has('--help')) throw new UsageError('name the backup directory');
    return;
  }
  const unknown = [...args.flags].filter((f) => !['--drop', '--force', '--no-objects'].includes(f));
  if (unknown.length) throw new UsageError(`unknown options: ${unknown.join(', ')}`);
  const dir = resolve(args.positional[0]);
  const manifest = readManifest(dir);
  // Target names: --db or MONGO_DB_<SERVICE> when given, else the name in the backup.
  const explicit = new Set<string>();
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--db') explicit.add(argv[i + 1].split('=')[0]);
  for (const s of DATABASE_OWNERS) if (process.env[`MONGO_DB_${s.toUpperCase().replace(/-/g, '_')}`]) explicit.add(s);
  const databases = Object.fromEntries(manifest.databases.filter((d) => explicit.has(d.service)).map((d) => [d.service, args.databases[d.service]]));
  const nc = args.noObjects ? undefined : await connectBackupUser('restore');
  const t0 = Date.now();
  try {
    await restore({
      mongoUrl: mongoUrl(),
      dir,
      only: args.services,
      databases,
      // The buckets of the platform restored into (its VIDNOVA_BUS_NAMESPACE), whatever the backup's was.
      buckets: Object.fromEntries(bucketsOnWire().map((b) => [b.logical, b.bucket])),
      skipObjects: args.noObjects,
      drop: args.flags.has('--drop') || args.flags.has('--force'),
      nc,
      log: (msg) => console.log(`[restore] ${msg}`),
    });
    console.log(`[restore] done in ${((Date.now() - t0) / 1000).toFixed(1)} s from ${dir}; start the services now`);
  } finally {
    await nc?.close();
  }
});

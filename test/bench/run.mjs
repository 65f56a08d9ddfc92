#!/usr/bin/env node
// `npm run bench -- <name>` runs test/bench/<name>.bench.ts with the workspace's TypeScript loader.
// Benchmarks print figures; they are never part of `npm test`. They run on the storage `npm start` uses.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { ferretStorage } from '../../tools/platform/setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const file = name && join(here, `${name}.bench.ts`);
if (!file || !existsSync(file)) {
  const known = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
  console.error(`usage: npm run bench -- <name>   (one of: ${known.join(', ') || 'none yet'})`);
  process.exit(2);
}
const root = join(here, '../..');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings=ExperimentalWarning`.trim() };
// A bus namespace of the run's own, set before the benchmark loads anything: the namespace is read once, and
// importing a service (its handlers) reads it. Chosen later, the benchmark's own bus requests went without it
// and a platform started with `npm start` on the same NATS answered them ("Consultation … was not found").
if (!env.VIDNOVA_BUS_NAMESPACE && !process.argv.some((a) => a.startsWith('--bus-namespace'))) env.VIDNOVA_BUS_NAMESPACE = `bench-${randomBytes(4).toString('hex')}`;
// The storage `npm start` would use: a temporary FerretDB on PostgreSQL when one answers (a database of
// the benchmarks' own), else on SQLite; FERRETDB_HANDLER=sqlite|postgresql chooses, MONGO_URL replaces it.
if (!env.MONGO_URL && !env.TEST_FERRETDB_POSTGRESQL_URL) {
  const storage = await ferretStorage('vidnova_bench_infra', { ownDatabase: true });
  if (storage.handler === 'postgresql') env.TEST_FERRETDB_POSTGRESQL_URL = storage.url;
  console.log(`storage: a temporary FerretDB on ${storage.handler === 'postgresql' ? storage.label : `SQLite (${storage.reason})`}; FERRETDB_HANDLER=sqlite|postgresql chooses, MONGO_URL names a server`);
}
const res = spawnSync(process.execPath, ['--expose-gc', '-r', './tools/ts-register.cjs', file, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
process.exit(res.status ?? 1);

// GIN indexes for FerretDB v1 on PostgreSQL (docs/decisions/0006): pg-gin-indexes.sql, run with psql.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SQL = join(dirname(fileURLToPath(import.meta.url)), 'pg-gin-indexes.sql');
const COUNT = "select count(*) from pg_indexes where indexname like '%\\_vgin' escape '\\'";

function psql(url, args) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout.trim());
      const why = (stderr || stdout || error.message).trim().split('\n').slice(-3).join(' ');
      reject(new Error(`psql failed: ${why}`));
    });
  });
}

/**
 * Makes the GIN index of every indexed field of every FerretDB collection in the PostgreSQL database at
 * `url` that has none yet (each built CONCURRENTLY, so writers go on). Resolves how many it made, how many
 * there are and the time it took; rejects with psql's reason when it cannot.
 */
export async function ensurePgGinIndexes(url) {
  const t0 = Date.now();
  const before = Number(await psql(url, ['-c', COUNT]));
  await psql(url, ['-f', SQL]);
  const after = Number(await psql(url, ['-c', COUNT]));
  return { created: after - before, total: after, seconds: (Date.now() - t0) / 1000 };
}

import { dropDatabases, infraEnv, testDbName } from '@vidnova/testing';
import mongoose, { Types } from 'mongoose';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
// tools/platform is plain Node that `npm start` runs before any build (no package to import it by); its helper by path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensurePgGinIndexes } from '../../tools/platform/pg-indexes.mjs';

const run = promisify(execFile);

/**
 * The GIN indexes `npm start` makes under FerretDB v1 on PostgreSQL (tools/platform/pg-gin-indexes.sql,
 * docs/decisions/0006): one per indexed field of every collection, on the very expression FerretDB's pushed-
 * down equality uses, so PostgreSQL can answer `{ field: value }` from an index; answers stay the same.
 */
describe('GIN indexes for FerretDB on PostgreSQL', () => {
  const pg = process.env.TEST_FERRETDB_POSTGRESQL_URL;
  const db = testDbName('pg_gin');
  let client: mongoose.mongo.MongoClient;

  beforeAll(async () => {
    if (!pg) throw new Error('this test needs the tests\' FerretDB on PostgreSQL: run it through tools/platform/test.mjs with a PostgreSQL server at POSTGRES_URL');
    client = await new mongoose.mongo.MongoClient(infraEnv().MONGO_URL).connect();
  });
  afterAll(async () => {
    await client?.close();
    await dropDatabases(infraEnv().MONGO_URL, [db]);
  });

  const psql = async (sql: string) => (await run('psql', [pg!, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql])).stdout.trim();

  it('makes one per indexed field (compound keys too), once, and every equality answers the same', async () => {
    const things = client.db(db).collection('things');
    await things.createIndex({ country: 1, cityKey: 1 });
    await things.createIndex({ communities: 1 });
    await things.createIndex({ 'nested.code': 1 });
    const ids = Array.from({ length: 300 }, () => new Types.ObjectId());
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + (i % 30)));
    await things.insertMany(
      ids.map((_id, i) => ({
        _id,
        country: ['DE', 'PL', 'CZ'][i % 3],
        cityKey: `city-${i % 7}`,
        communities: i % 5 ? [`UA${i % 4}`, `UA${(i + 1) % 4}`] : [],
        nested: { code: `n${i % 2}` },
        n: i % 10,
        at: day(i),
        flag: i % 2 === 0,
        ...(i % 11 ? {} : { cityKey: null }),
      })),
    );
    const queries: Array<Record<string, unknown>> = [
      { _id: ids[17] },
      { _id: ids[299] },
      { country: 'DE' },
      { country: 'PL', cityKey: 'city-3' },
      { cityKey: null },
      { communities: 'UA2' },
      { 'nested.code': 'n1' },
      { n: 4 },
      { at: day(5) },
      { flag: false },
      { country: 'XX' },
    ];
    const answer = async () => Promise.all(queries.map(async (q) => (await things.find(q).sort({ _id: 1 }).project({ _id: 1 }).toArray()).map((d) => String(d._id))));
    const before = await answer();
    // The oracle for the answers themselves: the same filters applied in TypeScript to what was inserted.
    expect(before[2]).toHaveLength(100);
    expect(before[5]).toHaveLength(ids.filter((_, i) => i % 5 && (i % 4 === 2 || (i + 1) % 4 === 2)).length);

    const first = await ensurePgGinIndexes(pg!);
    const table = await psql(`select _jsonb->>'table' from "${db}"._ferretdb_database_metadata where _jsonb->>'_id' = 'things'`);
    const defs = (await psql(`select indexdef from pg_indexes where schemaname = '${db}' and tablename = '${table}' and indexname like '%\\_vgin' escape '\\'`)).split('\n').sort();
    // _id, country, cityKey, communities: dotted fields are left out (FerretDB v1 does not push them down).
    expect(defs.map((d) => /_jsonb -> '([^']+)'/.exec(d)?.[1]).sort()).toEqual(['_id', 'cityKey', 'communities', 'country']);
    for (const d of defs) expect(d).toMatch(/USING gin \(\(\(_jsonb -> '[^']+'::text\)\) jsonb_path_ops\)/);
    expect(first.created).toBeGreaterThanOrEqual(4);
    expect((await ensurePgGinIndexes(pg!)).created).toBe(0);

    // PostgreSQL can answer FerretDB's pushed-down form with them (scans off, so a tiny table still shows it).
    const plan = await psql(`set enable_seqscan = off; explain select _jsonb from "${db}"."${table}" where _jsonb -> 'country' @> '"DE"'`);
    expect(plan).toMatch(/Bitmap Index Scan on \S+_vgin/);

    expect(await answer()).toEqual(before);
    // And writes after them are found through them.
    await things.insertOne({ _id: new Types.ObjectId(), country: 'XX', cityKey: 'city-1', communities: ['UA9'] });
    expect(await things.countDocuments({ country: 'XX' })).toBe(1);
    expect(await things.countDocuments({ communities: 'UA9' })).toBe(1);
  });
});

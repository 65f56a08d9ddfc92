import { ENTERPRISE_EFFICIENCY_MIGRATIONS } from '@vidnova/enterprise-efficiency';
import { runMigrations } from '@vidnova/mongo';
import { dropDatabases, infraEnv, testDbName } from '@vidnova/testing';
import mongoose from 'mongoose';

/**
 * enterprise-efficiency's migrations on a database in the shapes written before them: enterprises keyed by an
 * ObjectId (migration 1 re-keys them by EDRPOU), releases without buyers' documents (migration 2 builds them) and
 * budget support without its enterprise-year documents (migration 3).
 * A second run changes nothing.
 */
describe('enterprise-efficiency migrations', () => {
  let client: mongoose.mongo.MongoClient;
  const name = testDbName('enterprise_migrations');

  beforeAll(async () => {
    client = await new mongoose.mongo.MongoClient(infraEnv().MONGO_URL).connect();
  });
  afterAll(async () => {
    await client?.close();
    await dropDatabases(infraEnv().MONGO_URL, [name]);
  });

  it('re-keys enterprises by EDRPOU and builds each buyer’s latest release per ocid, once', async () => {
    const db = client.db(name);
    const at = new Date(Date.UTC(2026, 0, 1));
    const enterprises = ['00000001', '00000002', '00000003'].map((edrpou, i) => ({
      _id: new mongoose.Types.ObjectId(),
      edrpou,
      name: { uk: `КП ${i}` },
      legalForm: 'communal_enterprise',
      sector: 'heat_supply',
      community: 'UA07060390000010040',
      staff: [{ year: 2024, count: 10 + i }],
      communities: ['UA07060390000010040'],
      searchText: edrpou,
      createdAt: at,
      updatedAt: at,
    }));
    await db.collection('enterprises').insertMany(enterprises);
    await db.collection('enterprises').createIndex({ edrpou: 1 }, { unique: true });
    const release = (ocid: string, id: string, date: string, buyer: string | null, method: string) => ({
      _id: `${ocid}#${id}`, ocid, releaseId: id, date, buyerEdrpou: buyer, buyerName: null, tenderDate: date, tenderYear: Number(date.slice(0, 4)),
      method, expectedAmount: 100, expectedCurrency: 'UAH', tenderers: null, cpv: '45', contracts: [], importedAt: at,
    });
    await db.collection('ocds_releases').insertMany([
      release('o1', 'r1', '2024-01-01', '00000001', 'open'),
      release('o1', 'r2', '2024-02-01', '00000001', 'direct'),
      release('o2', 'r1', '2023-05-01', '00000001', 'open'),
      release('o3', 'r1', '2024-03-01', '00000002', 'limited'),
      release('o4', 'r1', '2024-03-01', null, 'open'),
    ] as never[]);

    const support = [
      { _id: new mongoose.Types.ObjectId(), edrpou: '00000001', year: 2024, kind: 'operating_subsidy', amount: 500, date: '2024-03-01', origin: 'entered', createdAt: at },
      { _id: new mongoose.Types.ObjectId(), edrpou: '00000001', year: 2024, kind: 'capital_transfer', amount: 700, date: '2024-01-15', origin: 'entered', createdAt: at },
      { _id: new mongoose.Types.ObjectId(), edrpou: '00000001', year: 2023, kind: 'capital_transfer', amount: 100, origin: 'entered', createdAt: at },
    ];
    await db.collection('budget_support').insertMany(support);

    expect(await runMigrations(db, ENTERPRISE_EFFICIENCY_MIGRATIONS)).toMatchObject({ version: 3, applied: [{ version: 1 }, { version: 2 }, { version: 3 }] });
    const rekeyed = await db.collection('enterprises').find({}).sort({ _id: 1 }).toArray();
    expect(rekeyed).toEqual(enterprises.map(({ _id, ...rest }) => ({ _id: rest.edrpou, ...rest })));
    const buyers = await db.collection<{ _id: string; procedures: { _id: string }[] }>('buyer_procurement').find({}).sort({ _id: 1 }).toArray();
    expect(buyers.map((b) => [b._id, b.procedures.map((p) => p._id).sort()])).toEqual([
      ['00000001', ['o1#r2', 'o2#r1']],
      ['00000002', ['o3#r1']],
    ]);

    const years = await db.collection<{ _id: string; entries: { amount: number }[] }>('budget_support_years').find({}).sort({ _id: 1 }).toArray();
    expect(years.map((y) => [y._id, y.entries.map((e) => e.amount)])).toEqual([
      ['00000001:2023', [100]],
      ['00000001:2024', [700, 500]],
    ]);

    expect(await runMigrations(db, ENTERPRISE_EFFICIENCY_MIGRATIONS)).toEqual({ version: 3, applied: [] });
    expect(await db.collection('enterprises').find({}).sort({ _id: 1 }).toArray()).toEqual(rekeyed);
  });
});

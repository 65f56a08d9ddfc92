import type { Migration } from '@vidnova/mongo';

/**
 * Enterprises keyed by EDRPOU: each document with an ObjectId `_id` is copied under `_id` = its `edrpou` and the
 * old one deleted, so that every request naming an enterprise reads it by `_id` (FerretDB v1 on SQLite scans the
 * collection for any other filter). The unique index on `edrpou` is dropped first (the copy and the original
 * carry the same EDRPOU for a moment; `_id` is the unique key from now on). Safe to run twice: a copy already
 * there (duplicate key) is kept and the original deleted; only ObjectId-keyed documents are touched.
 */
export const enterpriseIdEdrpou: Migration = {
  version: 1,
  name: 'enterprise-id-edrpou',
  async up(db, log) {
    const enterprises = db.collection('enterprises');
    const indexes = await enterprises.indexes().catch(() => [] as { name?: string }[]);
    if (indexes.some((i) => i.name === 'edrpou_1')) await enterprises.dropIndex('edrpou_1');
    let moved = 0;
    // `$type: 'objectId'`: FerretDB v1 and MongoDB 7 both answer it (a scan on FerretDB, once).
    const old = await enterprises.find({ _id: { $type: 'objectId' } }).toArray();
    for (const doc of old) {
      const { _id: oldId, ...rest } = doc;
      try {
        await enterprises.insertOne({ ...rest, _id: String(rest.edrpou) as never });
      } catch (e) {
        if ((e as { code?: number }).code !== 11000) throw e;
      }
      await enterprises.deleteOne({ _id: oldId });
      moved++;
    }
    log(`${moved} enterprises re-keyed by EDRPOU`);
  },
};

import type { Migration } from '@vidnova/mongo';
import { searchPrefixes } from '../organizations/normalize';

/**
 * Organisations stored before issue 12 have no `searchPrefixes` (nor `searchPrefixes2`), which a `q` search now looks words up
 * by (organizations/normalize.ts): they are derived here from the stored `searchText`, one update by
 * `_id` per organisation (FerretDB v1 has no update pipelines).
 */
export const searchPrefixesBackfill: Migration = {
  version: 1,
  name: 'search-prefixes',
  async up(db, log) {
    const orgs = db.collection<{ _id: unknown; searchText?: string; searchPrefixes?: string[]; searchPrefixes2?: string[] }>('organizations');
    let n = 0;
    for await (const d of orgs.find({ searchPrefixes: { $exists: false } }, { projection: { searchText: 1 } })) {
      const prefixes = searchPrefixes((d.searchText ?? '').trim());
      await orgs.updateOne({ _id: d._id }, { $set: { searchPrefixes: prefixes, searchPrefixes2: prefixes } });
      n++;
    }
    log(`${n} organisations given search prefixes`);
  },
};

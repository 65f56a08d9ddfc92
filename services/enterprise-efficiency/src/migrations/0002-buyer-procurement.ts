import type { Migration } from '@vidnova/mongo';
import { randomUUID } from 'node:crypto';

/**
 * Builds `buyer_procurement` (one document per buyer EDRPOU: the latest of its releases per ocid, what the buyer
 * summary reads by `_id`) from the releases already imported, in one pass over `ocds_releases` (FerretDB v1 scans
 * it for `{ buyerEdrpou }` on every request otherwise). The ordering rule is the one of `mergeLatest`
 * (procurement/release.schema.ts): release date, then release id. Safe to run twice: each buyer's document is
 * replaced with what the releases say.
 */
export const buyerProcurement: Migration = {
  version: 2,
  name: 'buyer-procurement',
  async up(db, log) {
    type Release = { _id: string; ocid: string; releaseId: string; date: string | null; buyerEdrpou: string | null; importedAt?: Date };
    const order = (r: Release) => `${r.date ?? ''}|${r.releaseId}`;
    const byBuyer = new Map<string, Map<string, Release>>();
    for await (const doc of db.collection<Release>('ocds_releases').find({})) {
      if (!doc.buyerEdrpou) continue;
      const { importedAt: _importedAt, ...r } = doc;
      void _importedAt;
      const latest = byBuyer.get(r.buyerEdrpou!) ?? new Map<string, Release>();
      const seen = latest.get(r.ocid);
      if (!seen || order(r) > order(seen)) latest.set(r.ocid, r);
      byBuyer.set(r.buyerEdrpou!, latest);
    }
    const buyers = db.collection<{ _id: string }>('buyer_procurement');
    for (const [edrpou, latest] of byBuyer) {
      await buyers.replaceOne({ _id: edrpou }, { procedures: [...latest.values()], rev: randomUUID(), updatedAt: new Date() }, { upsert: true });
    }
    log(`${byBuyer.size} buyers' procedures built from the imported releases`);
  },
};

import type { Migration } from '@vidnova/mongo';
import { randomUUID } from 'node:crypto';

/**
 * Builds `budget_support_years` (one document per enterprise and year with its support entries, read by `_id`) from
 * `budget_support`, in one pass (FerretDB v1 scans `budget_support` for `{ edrpou, year }` on every request
 * otherwise). Entries by date, then id, as the summary lists them. Safe to run twice: each document is replaced
 * with what `budget_support` holds.
 */
export const budgetSupportYears: Migration = {
  version: 3,
  name: 'budget-support-years',
  async up(db, log) {
    type Entry = { _id: unknown; edrpou: string; year: number; date?: string };
    const byKey = new Map<string, Entry[]>();
    for await (const doc of db.collection<Entry>('budget_support').find({})) {
      const key = `${doc.edrpou}:${doc.year}`;
      byKey.set(key, [...(byKey.get(key) ?? []), doc]);
    }
    const years = db.collection<{ _id: string }>('budget_support_years');
    for (const [key, entries] of byKey) {
      entries.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || String(a._id).localeCompare(String(b._id)));
      await years.replaceOne({ _id: key }, { entries, rev: randomUUID(), updatedAt: new Date() }, { upsert: true });
    }
    log(`${byKey.size} enterprise-years of budget support gathered`);
  },
};

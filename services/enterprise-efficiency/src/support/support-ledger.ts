import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { SUPPORT_YEAR_MODEL, SupportDoc, SupportYearDoc } from './support.schema';

const MERGE_CONCURRENCY = 8;

/**
 * The budget support of each enterprise-year in one document (`budget_support_years`), beside the entries of
 * `budget_support` (which stay the record, and the treasury import's idempotency). Every write to `budget_support`
 * merges what it stored here before it answers; reads take the enterprise-year's document by `_id`.
 *
 * A merge replaces the document only if its `rev` is still the one it read (else reads again); FerretDB v1 does not
 * make that check atomic (docs/decisions/0005), so the KPI reconciliation (kpis/kpi-store.ts) also compares these
 * documents with `budget_support` and rewrites any that differ.
 */
@Injectable()
export class SupportLedger {
  constructor(@InjectModel(SUPPORT_YEAR_MODEL) private readonly years: Model<SupportYearDoc>) {}

  /** The entries of an enterprise-year (none: an empty list). */
  async entries(edrpou: string, year: number): Promise<SupportDoc[]> {
    const doc = (await this.years.findById(`${edrpou}:${year}`, { entries: 1 }).lean().exec()) as Pick<SupportYearDoc, 'entries'> | null;
    return doc?.entries ?? [];
  }

  /** Adds stored entries to their enterprise-years' documents (an entry already there, by `_id`, is left). */
  async merge(docs: SupportDoc[]): Promise<void> {
    const groups = [...groupByKey(docs)];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const [key, fresh] = groups[next++];
        await this.mergeOne(key, fresh);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MERGE_CONCURRENCY, groups.length) }, worker));
  }

  /** Replaces an enterprise-year's document with exactly `entries` (the reconciliation's repair). */
  async replace(key: string, entries: SupportDoc[]): Promise<void> {
    await this.years.collection.replaceOne({ _id: key } as never, { entries: sorted(entries), rev: randomUUID(), updatedAt: new Date() }, { upsert: true });
  }

  /** Every enterprise-year's entry ids (for the reconciliation). */
  async allIds(): Promise<Map<string, string[]>> {
    const docs = (await this.years.find({}, { 'entries._id': 1 }).lean().exec()) as { _id: string; entries?: { _id: unknown }[] }[];
    return new Map(docs.map((d) => [d._id, (d.entries ?? []).map((e) => String(e._id))]));
  }

  private async mergeOne(key: string, fresh: SupportDoc[]): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = (await this.years.findById(key).lean().exec()) as SupportYearDoc | null;
      const have = new Set((current?.entries ?? []).map((e) => String(e._id)));
      const add = fresh.filter((e) => !have.has(String(e._id)));
      if (current && !add.length) return;
      const doc = { entries: sorted([...(current?.entries ?? []), ...add]), rev: randomUUID(), updatedAt: new Date() };
      if (!current) {
        try {
          await this.years.collection.insertOne({ _id: key, ...doc } as never);
          return;
        } catch (e) {
          if ((e as { code?: number }).code === 11000) continue;
          throw e;
        }
      }
      const r = await this.years.collection.replaceOne({ _id: key, rev: current.rev } as never, doc);
      if (r.matchedCount) return;
    }
    throw new Error(`the budget support of ${key} kept changing while it was merged`);
  }
}

export const supportKey = (d: Pick<SupportDoc, 'edrpou' | 'year'>): string => `${d.edrpou}:${d.year}`;

export function groupByKey(docs: SupportDoc[]): Map<string, SupportDoc[]> {
  const out = new Map<string, SupportDoc[]>();
  for (const d of docs) {
    const k = supportKey(d);
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

/** By date, then id: the order the summary lists them in. */
function sorted(entries: SupportDoc[]): SupportDoc[] {
  return [...entries].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || String(a._id).localeCompare(String(b._id)));
}

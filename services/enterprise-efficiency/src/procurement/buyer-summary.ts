import type { BuyerSummary } from '@vidnova/contracts';
import { releaseOrder, type ReleaseFacts } from './release.schema';

const COMPETITIVE = new Set(['open', 'selective']);
const NON_COMPETITIVE = new Set(['limited', 'direct']);
const COUNTED_CONTRACTS = new Set(['active', 'terminated']);

/**
 * The buyer summary (rules in docs/enterprise-methodology.md, "Procurement"): each procedure counts once per
 * `ocid`, in the state of its latest release (by release date, then id); the year is the tender's date; only UAH
 * amounts are summed. Computed in TypeScript over the buyer's releases (FerretDB v1 lacks the grouping needed).
 */
export function buyerSummary(edrpou: string, year: number, releases: ReleaseFacts[]): BuyerSummary {
  const latest = new Map<string, ReleaseFacts>();
  for (const r of releases) {
    const seen = latest.get(r.ocid);
    if (!seen || releaseOrder(r) > releaseOrder(seen)) latest.set(r.ocid, r);
  }
  const procs = [...latest.values()].filter((r) => r.tenderYear === year && r.buyerEdrpou === edrpou);
  let competitive = 0;
  let nonCompetitive = 0;
  let expectedValue = 0;
  let contractedValue = 0;
  let savings = 0;
  const tenderers: number[] = [];
  const suppliers = new Map<string, { id: string; name: string | null; contractedValue: number; contracts: number }>();
  const cpv = new Map<string, { cpv: string; procedures: number; expectedValue: number; contractedValue: number }>();
  for (const p of procs) {
    const method = p.method ?? '';
    if (COMPETITIVE.has(method)) competitive++;
    else if (NON_COMPETITIVE.has(method)) nonCompetitive++;
    const expected = p.expectedCurrency === 'UAH' || p.expectedCurrency === null ? p.expectedAmount : null;
    if (expected !== null) expectedValue += expected;
    const counted = p.contracts.filter((c) => COUNTED_CONTRACTS.has(c.status ?? '') && c.amount !== null && (c.currency ?? 'UAH') === 'UAH');
    const contracted = counted.reduce((a, c) => a + c.amount!, 0);
    contractedValue += contracted;
    if (expected !== null && counted.length) savings += expected - contracted;
    if (COMPETITIVE.has(method) && p.tenderers !== null) tenderers.push(p.tenderers);
    for (const c of counted) {
      const share = c.suppliers.length ? c.amount! / c.suppliers.length : 0;
      for (const s of c.suppliers) {
        const f = suppliers.get(s.id) ?? { id: s.id, name: s.name, contractedValue: 0, contracts: 0 };
        f.contractedValue += Math.round(share);
        f.contracts++;
        suppliers.set(s.id, f);
      }
    }
    const key = p.cpv ?? 'unknown';
    const g = cpv.get(key) ?? { cpv: key, procedures: 0, expectedValue: 0, contractedValue: 0 };
    g.procedures++;
    g.expectedValue += expected ?? 0;
    g.contractedValue += contracted;
    cpv.set(key, g);
  }
  const classified = competitive + nonCompetitive;
  return {
    edrpou,
    year,
    procedures: procs.length,
    competitive,
    nonCompetitive,
    nonCompetitiveShare: classified ? Math.round((nonCompetitive / classified) * 10000) / 10000 : null,
    expectedValue,
    contractedValue,
    savings,
    averageTenderers: tenderers.length ? Math.round((tenderers.reduce((a, b) => a + b, 0) / tenderers.length) * 100) / 100 : null,
    topSuppliers: [...suppliers.values()].sort((a, b) => b.contractedValue - a.contractedValue || a.id.localeCompare(b.id)).slice(0, 10),
    byCpv: [...cpv.values()].sort((a, b) => a.cpv.localeCompare(b.cpv)),
    currency: 'UAH',
  };
}

import { toKopiykas } from '../statements/decimal';
import type { ContractFacts, ReleaseDoc } from './release.schema';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);

/** EDRPOU of an OCDS organisation reference: its `identifier.id` (scheme UA-EDR), or the `UA-EDR-<code>` party id. */
function edrpouOf(ref: Json | null, parties: Json[]): { id: string | null; name: string | null } {
  if (!ref) return { id: null, name: null };
  const party = parties.find((p) => p.id === ref.id) ?? null;
  const identifier = obj(ref.identifier) ?? obj(party?.identifier);
  const fromId = /^UA-EDR-(\d{8,10})$/.exec(String(ref.id ?? ''))?.[1] ?? null;
  const id = str(identifier?.id) ?? fromId ?? str(ref.id);
  return { id, name: str(ref.name) ?? str(party?.name) ?? str(identifier?.legalName) };
}

/** Money of OCDS (`{ amount, currency }`) in kopiykas; an amount finer than a kopiyka is rounded half up at the third decimal's text. */
function money(v: unknown): { amount: number | null; currency: string | null } {
  const m = obj(v);
  if (!m || m.amount === undefined || m.amount === null) return { amount: null, currency: null };
  let amount = toKopiykas(m.amount, 'UAH');
  if (amount === null && (typeof m.amount === 'number' || typeof m.amount === 'string')) {
    const fixed = Number(m.amount).toFixed(2);
    amount = toKopiykas(fixed, 'UAH');
  }
  return { amount, currency: str(m.currency) };
}

export type ParsedRelease = { ok: true; doc: Omit<ReleaseDoc, 'importedAt'> } | { ok: false; ocid?: string; reason: string };

/**
 * The facts of one release (a full OCDS release as Prozorro publishes it; for a record, its compiled release).
 * Tender date: `tender.datePublished`, else `tender.tenderPeriod.startDate`, else the release `date`.
 */
export function parseRelease(value: unknown): ParsedRelease {
  const r = obj(value);
  if (!r) return { ok: false, reason: 'not an object' };
  const ocid = str(r.ocid);
  if (!ocid) return { ok: false, reason: 'no ocid' };
  const releaseId = str(r.id);
  if (!releaseId) return { ok: false, ocid, reason: 'no release id' };
  const parties = arr(r.parties).map(obj).filter((p): p is Json => !!p);
  const tender = obj(r.tender) ?? {};
  const buyerRef = obj(r.buyer) ?? obj(tender.procuringEntity);
  const buyer = edrpouOf(buyerRef, parties);
  const tenderDate = str(tender.datePublished) ?? str(obj(tender.tenderPeriod)?.startDate) ?? str(r.date);
  const tenderYear = tenderDate && /^\d{4}/.test(tenderDate) ? Number(tenderDate.slice(0, 4)) : null;
  const expected = money(tender.value);
  const bids = obj(r.bids);
  const tenderers =
    typeof tender.numberOfTenderers === 'number'
      ? tender.numberOfTenderers
      : bids && Array.isArray(bids.details)
        ? bids.details.length
        : Array.isArray(tender.tenderers)
          ? tender.tenderers.length
          : null;
  const firstItem = obj(arr(tender.items)[0]);
  const cpvId = str(obj(firstItem?.classification)?.id);
  const awards = new Map(arr(r.awards).map(obj).filter((a): a is Json => !!a).map((a) => [String(a.id), a]));
  const contracts: ContractFacts[] = [];
  for (const c of arr(r.contracts).map(obj)) {
    if (!c) continue;
    const m = money(c.value);
    const award = awards.get(String(c.awardID));
    const suppliers = arr(award?.suppliers ?? c.suppliers)
      .map(obj)
      .filter((s): s is Json => !!s)
      .map((s) => edrpouOf(s, parties))
      .filter((s): s is { id: string; name: string | null } => !!s.id);
    contracts.push({ id: String(c.id ?? ''), status: str(c.status), amount: m.amount, currency: m.currency, suppliers });
  }
  return {
    ok: true,
    doc: {
      _id: `${ocid}#${releaseId}`,
      ocid,
      releaseId,
      date: str(r.date),
      buyerEdrpou: buyer.id,
      buyerName: buyer.name,
      tenderDate,
      tenderYear,
      method: str(tender.procurementMethod),
      expectedAmount: expected.amount,
      expectedCurrency: expected.currency,
      tenderers,
      cpv: cpvId ? cpvId.slice(0, 2) : null,
      contracts,
    },
  };
}

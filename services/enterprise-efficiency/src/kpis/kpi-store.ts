import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KpiKey, Sector, SECTOR_KEYS } from '@vidnova/contracts';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { EnterpriseEfficiencyConfig } from '../config';
import { EnterpriseDoc } from '../enterprises/enterprise.schema';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { STATEMENT_MODEL, StatementDoc } from '../statements/statement.schema';
import { groupByKey, SupportLedger } from '../support/support-ledger';
import { SUPPORT_MODEL, SupportDoc } from '../support/support.schema';
import { computeKpis, KPI_METHODOLOGY } from './kpis';
import { KPI_GENERATION_MODEL, KPI_MODEL, KPI_PEERS_MODEL, KpiGenerationDoc, KpiPeersDoc, KpiValuesDoc } from './kpi-store.schema';

/** One peer of a sector and year: what benchmarks and percentiles read. */
export interface PeerKpis {
  edrpou: string;
  oblast: string | null;
  values: Record<KpiKey, number | null>;
}

type Stamp = Pick<KpiValuesDoc, 'methodology' | 'statementVersion' | 'subsidies' | 'staff' | 'sector' | 'oblast'>;
type EnterpriseStamp = Pick<EnterpriseDoc, 'edrpou' | 'sector' | 'oblast' | 'staff'>;

const WRITE_BATCH = 500;
const NO_TOKEN = 'none';
/** Sector-years whose peers are kept in memory (12 sectors × a decade fits). */
const CACHE_ENTRIES = 240;

/** Operating subsidies + capital transfers (what subsidy dependence counts; charter capital does not). */
export function subsidiesOf(docs: Pick<SupportDoc, 'kind' | 'amount'>[] | undefined): number {
  return (docs ?? []).filter((d) => d.kind === 'operating_subsidy' || d.kind === 'capital_transfer').reduce((a, d) => a + d.amount, 0);
}

export function staffOf(e: Pick<EnterpriseDoc, 'staff'>, year: number): number | null {
  return e.staff?.find((s) => s.year === year)?.count ?? null;
}

const sameStamp = (a: Stamp, b: Stamp) =>
  a.methodology === b.methodology && a.statementVersion === b.statementVersion && a.subsidies === b.subsidies && (a.staff ?? null) === (b.staff ?? null) && a.sector === b.sector && (a.oblast ?? null) === (b.oblast ?? null);

/**
 * Precomputed KPI values per enterprise-year (the `kpis` collection) and, in memory, the peers of each sector-year.
 *
 * - **Write side.** Whatever changes an enterprise-year's KPIs — its statement, its budget support, the registry
 *   entry (sector, community, staff), its deletion — calls `refresh(edrpou, years)` once stored: the values are
 *   computed once with `computeKpis` (the very function of the KPI route) and replaced, and then the sector-year's
 *   generation token is replaced. Procurement does not enter any KPI (only the assessment's flags, read per
 *   enterprise), so it does not refresh anything. Refreshes of one enterprise run one after the other in a process.
 * - **Read side.** `peers(sector, year)` reads the generation token by `_id`; when it differs from the cached one,
 *   the sector-year's stored snapshot (`kpi_peers`, `_id` = `<sector>:<year>`: every peer's values, tagged with
 *   the token they reflect) by `_id`; only when that is missing or older than the token, the year's documents are
 *   read (one scan for all its sectors) and every sector's snapshot of the year rewritten. So a request reads two
 *   small documents by `_id` after any restart, in any instance; a scan happens once per year after a change.
 *   Write the values, then the token; read the token, then the values: a reader that missed a write has cached
 *   (or stored in a snapshot) a token that the write then replaced.
 * - **Safety net.** FerretDB v1 updates are not atomic and two instances may race (docs/decisions/0005), a process
 *   may die between storing a statement and refreshing its KPIs, and documents may predate this store or its
 *   methodology (KPI_METHODOLOGY). So all years are reconciled together, in the background, when the service starts
 *   (or on the first use of the peers, if that one failed) and then every KPI_RECONCILE_MS: every stored document's stamp (methodology, statement
 *   version, subsidies, staff, sector, oblast) is compared with its sources and what differs is recomputed, what
 *   has no source any more deleted. One pass over each collection for every year (a pass per year scanned the
 *   statements once per year: FerretDB v1 on SQLite scans for any filter but `_id`). Until it has run, answers
 *   may miss what was stored outside these paths.
 *
 * Quartiles and percentiles are then computed in TypeScript from the peers (FerretDB v1 has no `$percentile`).
 */
@Injectable()
export class KpiStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(KpiStore.name);
  private readonly cache = new Map<string, { token: string; peers: PeerKpis[] }>();
  private readonly loading = new Map<number, Promise<void>>();
  private scanning: ReturnType<KpiStore['scanValues']> | null = null;
  private reconciledAt: number | undefined;
  private reconciling: Promise<void> | null = null;
  /** Enterprises refreshed while the reconciliation ran (their years, or 'all'): refreshed again after it. */
  private touchedDuring: Map<string, Set<number> | 'all'> | null = null;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    @InjectModel(KPI_MODEL) private readonly kpis: Model<KpiValuesDoc>,
    @InjectModel(KPI_GENERATION_MODEL) private readonly generations: Model<KpiGenerationDoc>,
    @InjectModel(KPI_PEERS_MODEL) private readonly snapshots: Model<KpiPeersDoc>,
    // Read-only here (StatementsService and SupportService own their writes and call refresh after them).
    @InjectModel(STATEMENT_MODEL) private readonly statements: Model<StatementDoc>,
    @InjectModel(SUPPORT_MODEL) private readonly support: Model<SupportDoc>,
    private readonly enterprises: EnterprisesRepository,
    private readonly ledger: SupportLedger,
    private readonly config: EnterpriseEfficiencyConfig,
  ) {}

  /**
   * The first reconciliation starts with the service (in the background), so that it runs before requests come
   * rather than beside the first ones; the first use of the peers starts it too if it has not run.
   */
  onApplicationBootstrap(): void {
    this.ensureReconciled();
  }

  /**
   * Recomputes the stored KPIs of an enterprise for `years` (all its statements when omitted), with its registry
   * entry as just read or written by the caller (null: deleted; omitted: read here). Never throws: the
   * change it follows is already stored; on failure the years are left to the reconciliation of their next read.
   */
  async refresh(edrpou: string, years?: number[], enterprise?: EnterpriseStamp | null): Promise<void> {
    if (this.touchedDuring) {
      const had = this.touchedDuring.get(edrpou);
      if (!years || had === 'all') this.touchedDuring.set(edrpou, 'all');
      else this.touchedDuring.set(edrpou, new Set([...(had ?? []), ...years]));
    }
    const previous = this.chains.get(edrpou) ?? Promise.resolve();
    const next = previous.then(() => this.recompute(edrpou, years, enterprise)).catch((e: unknown) => {
      this.logger.warn({ msg: 'KPI refresh failed; left to the reconciliation', edrpou, years, error: (e as Error).message });
      this.reconciledAt = undefined;
    });
    this.chains.set(edrpou, next);
    await next;
    if (this.chains.get(edrpou) === next) this.chains.delete(edrpou);
  }

  /** The peers of a sector and year (every registered enterprise of the sector with a statement for the year). */
  async peers(sector: Sector, year: number): Promise<PeerKpis[]> {
    this.ensureReconciled();
    const key = `${sector}:${year}`;
    const token = ((await this.generations.findById(key).lean().exec()) as KpiGenerationDoc | null)?.token ?? NO_TOKEN;
    const hit = this.cache.get(key);
    if (hit && hit.token === token) return hit.peers;
    const snapshot = (await this.snapshots.findById(key).lean().exec()) as KpiPeersDoc | null;
    if (snapshot && snapshot.token === token) {
      const peers = snapshot.peers.map((p) => ({ edrpou: p.e, oblast: p.o ?? null, values: p.v }));
      this.remember(key, token, peers);
      return peers;
    }
    await this.loadYear(year);
    const loaded = this.cache.get(key);
    // A change between the token read above and the load: the values are at least as new as that token.
    return loaded?.peers ?? [];
  }

  private remember(key: string, token: string, peers: PeerKpis[]): void {
    this.cache.delete(key);
    this.cache.set(key, { token, peers });
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * Every sector's peers of a year, stored as each sector's snapshot with the token read before the values.
   * FerretDB v1 (SQLite) uses no secondary index for a filter: `{ year }` scans the whole collection, so one scan of
   * every year's values serves all the years asked for while it runs (the first reads of several years after a
   * start share it); each asker then stores its own year's snapshots.
   */
  private async loadYear(year: number): Promise<void> {
    let load = this.loading.get(year);
    if (!load) {
      load = (async () => {
        const { tokens, byYear } = await this.scanValues();
        const bySector = groupBy(byYear.get(year) ?? [], (d) => d.sector);
        const snapshots: KpiPeersDoc[] = [];
        for (const sector of SECTOR_KEYS) {
          const key = `${sector}:${year}`;
          const list = bySector.get(sector) ?? [];
          const token = tokens.get(key) ?? NO_TOKEN;
          this.remember(key, token, list.map((d) => ({ edrpou: d.edrpou, oblast: d.oblast ?? null, values: d.values })));
          snapshots.push({ _id: key, token, peers: list.map((d) => ({ e: d.edrpou, o: d.oblast ?? null, v: d.values })), builtAt: new Date() });
        }
        // A snapshot written over a newer one (another instance's) only costs that instance a rebuild: its token no
        // longer matches the generation's.
        await this.snapshots.collection
          .bulkWrite(snapshots.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })) as never, { ordered: false })
          .catch((e: unknown) => this.logger.warn({ msg: 'KPI peers snapshot not stored; rebuilt on the next read', year, error: (e as Error).message }));
      })().finally(() => this.loading.delete(year));
      this.loading.set(year, load);
    }
    return load;
  }

  /** The generation tokens, then every stored KPI value by year: one scan, shared by the loads that ask meanwhile. */
  private scanValues(): Promise<{ tokens: Map<string, string>; byYear: Map<number, Pick<KpiValuesDoc, 'edrpou' | 'year' | 'sector' | 'oblast' | 'values'>[]> }> {
    if (!this.scanning) {
      this.scanning = (async () => {
        const tokens = new Map(((await this.generations.find({}).lean().exec()) as KpiGenerationDoc[]).map((g) => [g._id, g.token]));
        const docs = (await this.kpis.find({}, { edrpou: 1, year: 1, sector: 1, oblast: 1, values: 1 }).lean().exec()) as Pick<KpiValuesDoc, 'edrpou' | 'year' | 'sector' | 'oblast' | 'values'>[];
        const byYear = new Map<number, typeof docs>();
        for (const d of docs) {
          const list = byYear.get(d.year);
          if (list) list.push(d);
          else byYear.set(d.year, [d]);
        }
        return { tokens, byYear };
      })().finally(() => (this.scanning = null));
    }
    return this.scanning;
  }

  private async recompute(edrpou: string, years: number[] | undefined, enterprise: EnterpriseStamp | null | undefined): Promise<void> {
    const [e, statements, support, stored] = await Promise.all([
      enterprise !== undefined ? enterprise : this.enterprises.findByEdrpou(edrpou),
      years
        ? Promise.all(years.map((y) => this.statements.findById(`${edrpou}:${y}`, { edrpou: 1, year: 1, version: 1, lines: 1 }).lean().exec()))
        : this.statements.find({ edrpou }, { edrpou: 1, year: 1, version: 1, lines: 1 }).lean().exec(),
      // By key when the years are known (support-ledger.ts); all of the enterprise's otherwise (a registry change).
      years ? Promise.all(years.map((y) => this.ledger.entries(edrpou, y))).then((xs) => xs.flat()) : this.support.find({ edrpou }, { year: 1, kind: 1, amount: 1 }).lean().exec(),
      // By key when the years are known (FerretDB v1 scans the collection for any other filter).
      years
        ? Promise.all(years.map((y) => this.kpis.findById(`${edrpou}:${y}`, { sector: 1, year: 1 }).lean().exec())).then((xs) => xs.filter((x) => !!x))
        : this.kpis.find({ edrpou }, { sector: 1, year: 1 }).lean().exec(),
    ]);
    const present = (statements as (StatementDoc | null)[]).filter((s): s is StatementDoc => !!s);
    const touched = new Set<string>();
    const docs: KpiValuesDoc[] = [];
    if (e) {
      const supportByYear = groupBy(support as SupportDoc[], (d) => String(d.year));
      for (const s of present) docs.push(this.valuesOf(e, s, subsidiesOf(supportByYear.get(String(s.year)))));
    }
    const keep = new Set(docs.map((d) => d._id));
    const gone = (stored as Pick<KpiValuesDoc, '_id' | 'sector' | 'year'>[]).filter((d) => !keep.has(d._id));
    for (const d of stored as Pick<KpiValuesDoc, 'sector' | 'year'>[]) touched.add(`${d.sector}:${d.year}`);
    for (const d of docs) touched.add(`${d.sector}:${d.year}`);
    await this.write(docs, gone.map((d) => d._id));
    await this.bump(touched);
  }

  private valuesOf(e: EnterpriseStamp, s: Pick<StatementDoc, 'edrpou' | 'year' | 'version' | 'lines'>, subsidies: number): KpiValuesDoc {
    const staff = staffOf(e, s.year);
    const kpis = computeKpis({ lines: s.lines, subsidies, staff });
    return {
      _id: `${s.edrpou}:${s.year}`,
      edrpou: s.edrpou,
      year: s.year,
      sector: e.sector,
      oblast: e.oblast ?? null,
      methodology: KPI_METHODOLOGY,
      statementVersion: s.version,
      subsidies,
      staff,
      values: Object.fromEntries(kpis.map((k) => [k.key, k.value])) as Record<KpiKey, number | null>,
      computedAt: new Date(),
    };
  }

  /** Replaces (upserts) `docs` and deletes `gone`, in unordered batches. */
  private async write(docs: KpiValuesDoc[], gone: string[]): Promise<void> {
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      const batch = docs.slice(i, i + WRITE_BATCH);
      await this.kpis.collection.bulkWrite(batch.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })) as never, { ordered: false });
    }
    // One deleteOne per id: FerretDB v1 answers `_id: { $in }` by scanning the collection, and few go at a time.
    for (const id of gone) await this.kpis.deleteOne({ _id: id }).exec();
  }

  /** A fresh token for each sector-year (after its values were written). */
  private async bump(keys: Set<string>): Promise<void> {
    for (const key of keys) {
      const token = randomUUID();
      try {
        await this.generations.updateOne({ _id: key }, { $set: { token } }, { upsert: true }).exec();
      } catch (e) {
        // Two first upserts of one key: the loser finds the document there; set its own token on it.
        if ((e as { code?: number }).code !== 11000) throw e;
        await this.generations.updateOne({ _id: key }, { $set: { token } }).exec();
      }
      this.cache.delete(key);
    }
  }

  /**
   * Starts the reconciliation of every year in the background at the start and then, on a use of the peers, every
   * KPI_RECONCILE_MS; requests do not wait for it (it scans the statements: far over a request's time
   * on a loaded FerretDB) and read what is stored meanwhile, which the refreshes keep current.
   */
  private ensureReconciled(): void {
    const at = this.reconciledAt;
    if ((at !== undefined && Date.now() - at < this.config.KPI_RECONCILE_MS) || this.reconciling) return;
    void this.runReconcile().catch((e: unknown) => this.logger.warn({ msg: 'KPI reconciliation failed', error: (e as Error).message }));
  }

  private runReconcile(): Promise<void> {
    if (!this.reconciling) {
      this.touchedDuring = new Map();
      this.reconciling = this.reconcile()
        .then(async () => {
          this.reconciledAt = Date.now();
          const again = this.touchedDuring ?? new Map<string, Set<number> | 'all'>();
          this.touchedDuring = null;
          for (const [edrpou, years] of again) await this.refresh(edrpou, years === 'all' ? undefined : [...years]);
        })
        .finally(() => {
          this.touchedDuring = null;
          this.reconciling = null;
          // A failed one is tried again on the next read after a pause, not at once.
          if (this.reconciledAt === undefined) this.reconciledAt = Date.now() - this.config.KPI_RECONCILE_MS + 60_000;
        });
    }
    return this.reconciling;
  }

  /** Rewrites the enterprise-year support documents that differ from `budget_support` (a merge lost to a race). */
  private async reconcileSupport(source: Map<string, SupportDoc[]>): Promise<void> {
    const stored = await this.ledger.allIds();
    let repaired = 0;
    for (const key of new Set([...source.keys(), ...stored.keys()])) {
      const want = (source.get(key) ?? []).map((d) => String(d._id)).sort();
      const have = [...(stored.get(key) ?? [])].sort();
      if (want.length === have.length && want.every((id, i) => id === have[i])) continue;
      await this.ledger.replace(key, source.get(key) ?? []);
      repaired++;
    }
    if (repaired) this.logger.warn({ msg: 'budget support documents repaired from budget_support', repaired });
  }

  /** Compares every stored document with its sources; recomputes what differs, deletes what has none. */
  private async reconcile(): Promise<void> {
    const t0 = Date.now();
    const [statements, support, stored, enterprises] = await Promise.all([
      this.statements.find({}, { edrpou: 1, year: 1, version: 1 }).lean().exec() as Promise<Pick<StatementDoc, '_id' | 'edrpou' | 'year' | 'version'>[]>,
      this.support.find({}).lean().exec() as Promise<SupportDoc[]>,
      this.kpis.find({}, { values: 0, computedAt: 0 }).lean().exec() as Promise<Omit<KpiValuesDoc, 'values' | 'computedAt'>[]>,
      this.enterprises.findStamps(),
    ]);
    const byCode = new Map(enterprises.map((e) => [e.edrpou, e]));
    const supportOf = groupByKey(support);
    await this.reconcileSupport(supportOf);
    const storedById = new Map(stored.map((d) => [d._id, d]));
    const stale = new Map<string, number>();
    const keep = new Set<string>();
    for (const s of statements) {
      const e = byCode.get(s.edrpou);
      if (!e) continue;
      keep.add(s._id);
      const subsidies = subsidiesOf(supportOf.get(`${s.edrpou}:${s.year}`));
      const want: Stamp = { methodology: KPI_METHODOLOGY, statementVersion: s.version, subsidies, staff: staffOf(e, s.year), sector: e.sector, oblast: e.oblast ?? null };
      const have = storedById.get(s._id);
      if (!have || !sameStamp(have, want)) stale.set(s._id, subsidies);
    }
    const gone = stored.filter((d) => !keep.has(d._id));
    if (!stale.size && !gone.length) {
      this.logger.log({ msg: 'KPIs reconciled', statements: statements.length, recomputed: 0, deleted: 0, ms: Date.now() - t0 });
      return;
    }
    const touched = new Set<string>([...gone, ...stored.filter((d) => stale.has(d._id))].map((d) => `${d.sector}:${d.year}`));
    // The lines of the stale ones: by key when few, else one pass (FerretDB v1 would scan for an `_id: { $in }` too).
    const projection = { edrpou: 1, year: 1, version: 1, lines: 1 };
    const full =
      stale.size <= 200
        ? ((await Promise.all([...stale.keys()].map((id) => this.statements.findById(id, projection).lean().exec()))).filter((x) => !!x) as StatementDoc[])
        : ((await this.statements.find({}, projection).lean().exec()) as StatementDoc[]);
    const docs = full.filter((s) => stale.has(s._id) && byCode.has(s.edrpou)).map((s) => this.valuesOf(byCode.get(s.edrpou)!, s, stale.get(s._id)!));
    for (const d of docs) touched.add(`${d.sector}:${d.year}`);
    // The ones never stored in one unordered insert (a refresh that stored one meanwhile wins: duplicate key), the
    // others replaced.
    const missing = docs.filter((d) => !storedById.has(d._id));
    for (let i = 0; i < missing.length; i += WRITE_BATCH) {
      await this.kpis.collection.insertMany(missing.slice(i, i + WRITE_BATCH) as never[], { ordered: false }).catch((e: { writeErrors?: { code?: number }[] | { code?: number } }) => {
        const errors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
        if (!errors.length || errors.some((w) => w.code !== 11000)) throw e;
      });
    }
    await this.write(docs.filter((d) => storedById.has(d._id)), gone.map((d) => d._id));
    await this.bump(touched);
    this.logger.log({ msg: 'KPIs reconciled', statements: statements.length, recomputed: docs.length, deleted: gone.length, ms: Date.now() - t0 });
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

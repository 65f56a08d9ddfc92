import { Injectable } from '@nestjs/common';
import {
  Assessment,
  AssessmentRequest,
  BenchmarkRequest,
  BenchmarkScope,
  CommunityOverview,
  CommunityOverviewRequest,
  DomainError,
  KPI_KEYS,
  KpiKey,
  KpiRequest,
  KpiSet,
  SectorBenchmarks,
} from '@vidnova/contracts';
import { EnterpriseDoc } from '../enterprises/enterprise.schema';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { ProcurementService } from '../procurement/procurement.service';
import { StatementDoc } from '../statements/statement.schema';
import { StatementsService } from '../statements/statements.service';
import { SupportService } from '../support/support.service';
import { assessKpis, compositeScore, flagsOf, MIN_PEERS, recommendationsOf } from './assessment';
import { KpiStore, PeerKpis, staffOf, subsidiesOf } from './kpi-store';
import { computeKpis } from './kpis';
import { quantile, round } from './stats';

@Injectable()
export class EfficiencyService {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly statements: StatementsService,
    private readonly support: SupportService,
    private readonly procurement: ProcurementService,
    private readonly store: KpiStore,
  ) {}

  async kpis(req: KpiRequest): Promise<KpiSet> {
    const e = await this.enterprises.load(req.edrpou);
    const [statement, support] = await Promise.all([this.statementOf(e, req.year), this.support.entriesOf(e.edrpou, req.year)]);
    return { edrpou: e.edrpou, year: req.year, kpis: computeKpis({ lines: statement.lines, subsidies: subsidiesOf(support), staff: staffOf(e, req.year) }) };
  }

  async benchmarks(req: BenchmarkRequest): Promise<SectorBenchmarks> {
    // The sector-year's precomputed KPI values (kpis/kpi-store.ts), not every statement recomputed.
    const values = await this.store.peers(req.sector, req.year);
    const national = scope('sector', values, undefined);
    const oblast = req.oblast ? scope('oblast', values.filter((v) => v.oblast === req.oblast), req.oblast) : null;
    return { sector: req.sector, year: req.year, minimumCount: MIN_PEERS, national, oblast };
  }

  async assessment(req: AssessmentRequest): Promise<Assessment> {
    const e = await this.enterprises.load(req.edrpou);
    return this.assess(e, req.year, true);
  }

  async overview(req: CommunityOverviewRequest): Promise<CommunityOverview> {
    const list = await this.enterprises.find({ community: req.katottg });
    const entries = [];
    for (const e of list.sort((a, b) => a.edrpou.localeCompare(b.edrpou))) {
      const budgetSupport = await this.support.summaryOf(e, req.year, true);
      const procurement = await this.procurement.buyerOrNull(e.edrpou, req.year);
      try {
        const a = await this.assess(e, req.year, false);
        entries.push({ edrpou: e.edrpou, name: e.name, sector: e.sector, score: a.score.value, ...(a.score.reason ? { scoreReason: a.score.reason } : {}), flags: a.flags.map((f) => f.key), budgetSupport, procurement });
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
        entries.push({ edrpou: e.edrpou, name: e.name, sector: e.sector, score: null, scoreReason: err.message, flags: [], budgetSupport, procurement });
      }
    }
    return { katottg: req.katottg, year: req.year, enterprises: entries };
  }

  private async assess(e: EnterpriseDoc, year: number, withShare: boolean): Promise<Assessment> {
    // Every read is by key, and they go together (each waits on the database, not on the others).
    const [history, supportDocs, peers, procurement] = await Promise.all([
      this.statements.ofYears(e.edrpou, [year - 1, year]),
      this.support.entriesOf(e.edrpou, year),
      this.store.peers(e.sector, year),
      this.procurement.buyerOrNull(e.edrpou, year),
    ]);
    const statement = history.find((s) => s.year === year);
    if (!statement) throw new DomainError('not_found', `No ${year} statement of ${e.edrpou}`, { edrpou: e.edrpou, year });
    // The net results the flags read are those of years y − 2 … y, each from its own statement's G3, else the next
    // year's prior-year column G4. Statements are read only as far as they can change the flag (a read by key still
    // scans the table on FerretDB v1 with SQLite, docs/decisions/0002): y + 1 only when y's own result is missing,
    // y − 2 only when y and y − 1 are both losses.
    let net = netResults(history);
    if (!net.has(year)) {
      history.push(...(await this.statements.ofYears(e.edrpou, [year + 1])));
      net = netResults(history);
    }
    if ((net.get(year) ?? 0) < 0 && (net.get(year - 1) ?? 0) < 0) {
      history.push(...(await this.statements.ofYears(e.edrpou, [year - 2])));
      net = netResults(history);
    }
    const own = computeKpis({ lines: statement.lines, subsidies: subsidiesOf(supportDocs), staff: staffOf(e, year) });
    const kpis = assessKpis(own, peerValuesOf(peers));
    const flags = flagsOf({ lines: statement.lines, kpis: own, netResults: net, year, procurement });
    return {
      edrpou: e.edrpou,
      year,
      sector: e.sector,
      kpis,
      score: compositeScore(kpis),
      flags,
      recommendations: recommendationsOf(flags, kpis),
      budgetSupport: withShare ? await this.support.summaryOf(e, year, true, supportDocs) : null,
      procurement,
    };
  }

  private async statementOf(e: EnterpriseDoc, year: number): Promise<StatementDoc> {
    const s = await this.statements.one(e.edrpou, year);
    if (!s) throw new DomainError('not_found', `No ${year} statement of ${e.edrpou}`, { edrpou: e.edrpou, year });
    return s;
  }
}

/** Net result by year: each statement's own year (G3), and the prior year from its G4 column where that year has no statement. */
function netResults(statements: StatementDoc[]): Map<number, number> {
  const out = new Map<number, number>();
  const net = (l: Record<string, number>, col: string) =>
    l[`R2350${col}`] === undefined && l[`R2355${col}`] === undefined ? undefined : (l[`R2350${col}`] ?? 0) - Math.abs(l[`R2355${col}`] ?? 0);
  for (const s of statements) {
    const prior = net(s.lines, 'G4');
    if (prior !== undefined && !out.has(s.year - 1)) out.set(s.year - 1, prior);
  }
  for (const s of statements) {
    const own = net(s.lines, 'G3');
    if (own !== undefined) out.set(s.year, own);
  }
  return out;
}

/** Each KPI's non-null values among the peers (percentiles are taken against them). */
function peerValuesOf(peers: PeerKpis[]): Map<KpiKey, number[]> {
  return new Map(KPI_KEYS.map((k) => [k, peers.map((p) => p.values[k]).filter((v): v is number => v != null)]));
}

function scope(kind: 'sector' | 'oblast', values: PeerKpis[], oblast: string | undefined): BenchmarkScope {
  return {
    scope: kind,
    ...(oblast ? { oblast } : {}),
    enterprises: values.length,
    kpis: KPI_KEYS.map((key) => {
      const v = values.map((x) => x.values[key]).filter((x): x is number => x != null).sort((a, b) => a - b);
      const shown = v.length >= MIN_PEERS;
      const places = key === 'revenuePerEmployee' ? 0 : 4;
      return {
        key,
        count: v.length,
        shown,
        q1: shown ? round(quantile(v, 0.25), places) : null,
        median: shown ? round(quantile(v, 0.5), places) : null,
        q3: shown ? round(quantile(v, 0.75), places) : null,
      };
    }),
  };
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AddSupportRequest, BUDGET_OPS, CommunityBudgetShare, Principal, SupportEntry, SupportSummary } from '@vidnova/contracts';
import { BusClient, BusError } from '@vidnova/messaging';
import { Model } from 'mongoose';
import { EnterpriseDoc } from '../enterprises/enterprise.schema';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { KpiStore } from '../kpis/kpi-store';
import { SupportLedger } from './support-ledger';
import { SUPPORT_MODEL, SupportDoc } from './support.schema';

@Injectable()
export class SupportService {
  private readonly logger = new Logger(SupportService.name);

  constructor(
    @InjectModel(SUPPORT_MODEL) private readonly model: Model<SupportDoc>,
    private readonly enterprises: EnterprisesService,
    private readonly bus: BusClient,
    private readonly kpis: KpiStore,
    private readonly ledger: SupportLedger,
  ) {}

  async add(req: AddSupportRequest, who: Principal | undefined): Promise<SupportEntry> {
    const enterprise = await this.enterprises.loadForChange(req.edrpou, who);
    const e = req.entry;
    const doc = await this.model.create({ edrpou: req.edrpou, ...e, origin: 'entered' });
    await this.ledger.merge([doc.toObject() as SupportDoc]);
    await this.kpis.refresh(req.edrpou, [e.year], enterprise);
    return toEntry(doc.toObject() as SupportDoc);
  }

  async summary(edrpou: string, year: number): Promise<SupportSummary> {
    const enterprise = await this.enterprises.load(edrpou);
    return this.summaryOf(enterprise, year, true);
  }

  /** Totals of the year; with `withShare`, the community budget's executed expenditure asked from budget-analysis. */
  async summaryOf(enterprise: EnterpriseDoc, year: number, withShare: boolean, entries?: SupportDoc[]): Promise<SupportSummary> {
    const docs = entries ?? (await this.ledger.entries(enterprise.edrpou, year));
    const sum = (kind: SupportDoc['kind']) => docs.filter((d) => d.kind === kind).reduce((a, d) => a + d.amount, 0);
    const operatingSubsidies = sum('operating_subsidy');
    const capitalTransfers = sum('capital_transfer');
    const charterCapital = sum('charter_capital');
    const total = operatingSubsidies + capitalTransfers + charterCapital;
    const share = withShare ? await this.communityShare(enterprise.community, year, total) : { communityBudget: null, shareReason: 'not asked' };
    return { edrpou: enterprise.edrpou, year, operatingSubsidies, capitalTransfers, charterCapital, total, entries: docs.map(toEntry), ...share };
  }

  /** The support entries of an enterprise-year (by date, then id), read by key (support-ledger.ts). */
  entriesOf(edrpou: string, year: number): Promise<SupportDoc[]> {
    return this.ledger.entries(edrpou, year);
  }

  /** Asked over the bus (budget-analysis owns the budgets; its database is never read from here). */
  private async communityShare(katottg: string, year: number, total: number): Promise<{ communityBudget: CommunityBudgetShare | null; shareReason?: string }> {
    try {
      const s = await this.bus.send(BUDGET_OPS.summary, { budget: katottg, year }, { timeoutMs: 5000, unavailableRetryMs: 0 });
      const expenditure = s.totals.executed;
      return {
        communityBudget: { budgetCode: s.budgetCode, expenditure, share: expenditure > 0 ? Math.round((total / expenditure) * 1e6) / 1e6 : null },
        ...(expenditure > 0 ? {} : { shareReason: 'the community budget has no executed expenditure for the year' }),
      };
    } catch (e) {
      const reason =
        e instanceof BusError && e.envelope.status === 404
          ? `budget-analysis has no data for ${katottg} in ${year}`
          : `budget-analysis did not answer (${e instanceof BusError ? e.envelope.code : 'error'})`;
      if (!(e instanceof BusError && e.envelope.status === 404)) this.logger.warn({ msg: 'community budget share unavailable', katottg, year, reason });
      return { communityBudget: null, shareReason: reason };
    }
  }
}

function toEntry(d: SupportDoc): SupportEntry {
  return {
    id: String(d._id),
    year: d.year,
    kind: d.kind,
    amount: d.amount,
    ...(d.date ? { date: d.date } : {}),
    ...(d.programme ? { programme: d.programme } : {}),
    ...(d.note ? { note: d.note } : {}),
    origin: d.origin,
    ...(d.payerBudget ? { payerBudget: d.payerBudget } : {}),
  };
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddSupportRequest,
  Assessment,
  AssessmentRequest,
  BenchmarkRequest,
  BuyerRequest,
  BuyerSummary,
  CommunityOverview,
  CommunityOverviewRequest,
  CreateEnterpriseRequest,
  EdrpouRequest,
  ENTERPRISE_EFFICIENCY_OPS as OPS,
  EnterpriseView,
  GetStatementsRequest,
  ImportIdRequest,
  KpiRequest,
  KpiSet,
  ListEnterprisesRequest,
  Page,
  PostStatementRequest,
  Principal,
  ProcurementImportReport,
  SectorBenchmarks,
  StartProcurementImportRequest,
  StartSupportImportRequest,
  StatementList,
  StatementView,
  SupportEntry,
  SupportImportReport,
  SupportRequest,
  SupportSummary,
  UpdateEnterpriseRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { EfficiencyService } from '../kpis/efficiency.service';
import { ProcurementService } from '../procurement/procurement.service';
import { StatementsService } from '../statements/statements.service';
import { SupportService } from '../support/support.service';
import { TreasuryImportService } from '../support/treasury-import.service';
import { checkEdrpou, EnterprisesService } from './enterprises.service';

/** Thin: each handler turns one bus operation into one service call. */
@Controller()
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly statements: StatementsService,
    private readonly support: SupportService,
    private readonly treasury: TreasuryImportService,
    private readonly efficiency: EfficiencyService,
    private readonly procurement: ProcurementService,
  ) {}

  @Handles(OPS.enterpriseCreate)
  create(@Payload() req: CreateEnterpriseRequest, @CallerPrincipal() who: Principal | undefined): Promise<EnterpriseView> {
    return this.enterprises.create(req, who);
  }

  @Handles(OPS.enterpriseGet)
  get(@Payload() req: EdrpouRequest): Promise<EnterpriseView> {
    return this.enterprises.get(req.edrpou);
  }

  @Handles(OPS.enterpriseList)
  list(@Payload() req: ListEnterprisesRequest): Promise<Page<EnterpriseView>> {
    return this.enterprises.list(req);
  }

  @Handles(OPS.enterpriseUpdate)
  update(@Payload() req: UpdateEnterpriseRequest, @CallerPrincipal() who: Principal | undefined): Promise<EnterpriseView> {
    return this.enterprises.update(req, who);
  }

  @Handles(OPS.enterpriseDelete)
  delete(@Payload() req: EdrpouRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.enterprises.delete(req.edrpou, who);
  }

  @Handles(OPS.statementPost)
  postStatement(@Payload() req: PostStatementRequest, @CallerPrincipal() who: Principal | undefined): Promise<StatementView> {
    return this.statements.post(req, who);
  }

  @Handles(OPS.statementList)
  statementList(@Payload() req: GetStatementsRequest): Promise<StatementList> {
    return this.statements.list(req);
  }

  @Handles(OPS.supportAdd)
  addSupport(@Payload() req: AddSupportRequest, @CallerPrincipal() who: Principal | undefined): Promise<SupportEntry> {
    return this.support.add(req, who);
  }

  @Handles(OPS.supportGet)
  supportSummary(@Payload() req: SupportRequest): Promise<SupportSummary> {
    return this.support.summary(req.edrpou, req.year);
  }

  @Handles(OPS.supportImportStart)
  supportImport(@Payload() req: StartSupportImportRequest, @CallerPrincipal() who: Principal | undefined): Promise<SupportImportReport> {
    return this.treasury.start(req, who);
  }

  @Handles(OPS.supportImportGet)
  supportImportReport(@Payload() req: ImportIdRequest): Promise<SupportImportReport> {
    return this.treasury.report(req.id);
  }

  @Handles(OPS.kpis)
  kpis(@Payload() req: KpiRequest): Promise<KpiSet> {
    return this.efficiency.kpis(req);
  }

  @Handles(OPS.benchmarks)
  benchmarks(@Payload() req: BenchmarkRequest): Promise<SectorBenchmarks> {
    return this.efficiency.benchmarks(req);
  }

  @Handles(OPS.assessment)
  assessment(@Payload() req: AssessmentRequest): Promise<Assessment> {
    return this.efficiency.assessment(req);
  }

  @Handles(OPS.communityOverview)
  overview(@Payload() req: CommunityOverviewRequest): Promise<CommunityOverview> {
    return this.efficiency.overview(req);
  }

  @Handles(OPS.procurementImportStart)
  procurementImport(@Payload() req: StartProcurementImportRequest, @CallerPrincipal() who: Principal | undefined): Promise<ProcurementImportReport> {
    return this.procurement.startImport(req, who);
  }

  @Handles(OPS.procurementImportGet)
  procurementImportReport(@Payload() req: ImportIdRequest): Promise<ProcurementImportReport> {
    return this.procurement.importReport(req.id);
  }

  @Handles(OPS.buyerSummary)
  buyer(@Payload() req: BuyerRequest): Promise<BuyerSummary> {
    checkEdrpou(req.edrpou);
    return this.procurement.buyer(req.edrpou, req.year);
  }
}

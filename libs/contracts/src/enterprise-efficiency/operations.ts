import { ImportIdRequest } from '../imports';
import { noContent, op, pageOf } from '../operation';
import { Assessment, AssessmentRequest, CommunityOverview, CommunityOverviewRequest } from './assessment';
import { CreateEnterpriseRequest, EdrpouRequest, EnterpriseView, ListEnterprisesRequest, UpdateEnterpriseRequest } from './enterprise';
import { BenchmarkRequest, KpiRequest, KpiSet, SectorBenchmarks } from './kpis';
import { BuyerRequest, BuyerSummary, ProcurementImportReport, StartProcurementImportRequest } from './procurement';
import { GetStatementsRequest, PostStatementRequest, StatementList, StatementView } from './statements';
import { AddSupportRequest, StartSupportImportRequest, SupportEntry, SupportImportReport, SupportRequest, SupportSummary } from './support';

/** The bus operations of enterprise-efficiency: versioned subject, request class, reply type (a breaking change gets a new version). */
export const ENTERPRISE_EFFICIENCY_OPS = {
  enterpriseCreate: op('enterprise-efficiency.enterprise.create.v1', CreateEnterpriseRequest, EnterpriseView),
  enterpriseGet: op('enterprise-efficiency.enterprise.get.v1', EdrpouRequest, EnterpriseView),
  enterpriseList: op('enterprise-efficiency.enterprise.list.v1', ListEnterprisesRequest, pageOf(EnterpriseView)),
  enterpriseUpdate: op('enterprise-efficiency.enterprise.update.v1', UpdateEnterpriseRequest, EnterpriseView),
  enterpriseDelete: op('enterprise-efficiency.enterprise.delete.v1', EdrpouRequest, noContent),
  statementPost: op('enterprise-efficiency.statement.post.v1', PostStatementRequest, StatementView),
  statementList: op('enterprise-efficiency.statement.list.v1', GetStatementsRequest, StatementList),
  supportAdd: op('enterprise-efficiency.support.add.v1', AddSupportRequest, SupportEntry),
  supportGet: op('enterprise-efficiency.support.get.v1', SupportRequest, SupportSummary),
  supportImportStart: op('enterprise-efficiency.support-import.start.v1', StartSupportImportRequest, SupportImportReport),
  supportImportGet: op('enterprise-efficiency.support-import.get.v1', ImportIdRequest, SupportImportReport),
  kpis: op('enterprise-efficiency.kpi.get.v1', KpiRequest, KpiSet),
  benchmarks: op('enterprise-efficiency.benchmark.get.v1', BenchmarkRequest, SectorBenchmarks),
  assessment: op('enterprise-efficiency.assessment.get.v1', AssessmentRequest, Assessment),
  communityOverview: op('enterprise-efficiency.community-overview.get.v1', CommunityOverviewRequest, CommunityOverview),
  procurementImportStart: op('enterprise-efficiency.procurement-import.start.v1', StartProcurementImportRequest, ProcurementImportReport),
  procurementImportGet: op('enterprise-efficiency.procurement-import.get.v1', ImportIdRequest, ProcurementImportReport),
  buyerSummary: op('enterprise-efficiency.procurement-buyer.get.v1', BuyerRequest, BuyerSummary),
} as const;

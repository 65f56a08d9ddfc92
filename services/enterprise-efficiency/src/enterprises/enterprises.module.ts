import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EfficiencyService } from '../kpis/efficiency.service';
import { KpiStore } from '../kpis/kpi-store';
import { KPI_GENERATION_MODEL, KPI_MODEL, KPI_PEERS_MODEL, KpiGenerationSchema, KpiPeersSchema, KpiValuesSchema } from '../kpis/kpi-store.schema';
import { ProcurementService } from '../procurement/procurement.service';
import { BUYER_PROCUREMENT_MODEL, BuyerProcurementSchema, PROCUREMENT_IMPORT_MODEL, ProcurementImportSchema, RELEASE_MODEL, ReleaseSchema } from '../procurement/release.schema';
import { STATEMENT_MODEL, StatementSchema } from '../statements/statement.schema';
import { StatementsService } from '../statements/statements.service';
import { SupportLedger } from '../support/support-ledger';
import { SUPPORT_IMPORT_MODEL, SUPPORT_MODEL, SUPPORT_YEAR_MODEL, SupportImportSchema, SupportSchema, SupportYearSchema } from '../support/support.schema';
import { SupportService } from '../support/support.service';
import { TreasuryImportService } from '../support/treasury-import.service';
import { ENTERPRISE_MODEL, EnterpriseSchema } from './enterprise.schema';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';

/**
 * The registry and everything that hangs on an enterprise (statements, budget support, KPIs, assessments),
 * plus Prozorro procurement, which the assessment reads. One Nest module: the features share the registry.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ENTERPRISE_MODEL, schema: EnterpriseSchema },
      { name: STATEMENT_MODEL, schema: StatementSchema },
      { name: SUPPORT_MODEL, schema: SupportSchema },
      { name: SUPPORT_IMPORT_MODEL, schema: SupportImportSchema },
      { name: SUPPORT_YEAR_MODEL, schema: SupportYearSchema },
      { name: RELEASE_MODEL, schema: ReleaseSchema },
      { name: PROCUREMENT_IMPORT_MODEL, schema: ProcurementImportSchema },
      { name: BUYER_PROCUREMENT_MODEL, schema: BuyerProcurementSchema },
      { name: KPI_MODEL, schema: KpiValuesSchema },
      { name: KPI_GENERATION_MODEL, schema: KpiGenerationSchema },
      { name: KPI_PEERS_MODEL, schema: KpiPeersSchema },
    ]),
  ],
  controllers: [EnterprisesController],
  providers: [EnterprisesRepository, SupportLedger, KpiStore, EnterprisesService, StatementsService, SupportService, TreasuryImportService, EfficiencyService, ProcurementService],
})
export class EnterprisesModule {}

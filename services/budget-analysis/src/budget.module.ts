import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UploadStore } from '@vidnova/messaging';
import { connect } from '@nats-io/transport-node';
import { AnalysisRepository } from './analysis/analysis.repository';
import { AnalysisService } from './analysis/analysis.service';
import { ANNUAL_EXPENDITURE_MODEL, ANNUAL_INCOME_MODEL, AnnualExpenditureSchema, AnnualIncomeSchema } from './annual/annual.schema';
import { AnnualService } from './annual/annual.service';
import { BudgetController } from './budget.controller';
import { BudgetConfig } from './config';
import { BUDGET_IMPORT_MODEL, BudgetImportSchema } from './imports/budget-import.schema';
import { BUDGET_PERIOD_MODEL, BudgetPeriodSchema } from './imports/budget-period.schema';
import { BUDGET_ROW_MODEL, BudgetRowSchema } from './imports/budget-row.schema';
import { ImportsRepository } from './imports/imports.repository';
import { ImportsService } from './imports/imports.service';
import { BUDGET_CONFIG, UPLOAD_STORE } from './tokens';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: BUDGET_ROW_MODEL, schema: BudgetRowSchema },
      { name: BUDGET_IMPORT_MODEL, schema: BudgetImportSchema },
      { name: BUDGET_PERIOD_MODEL, schema: BudgetPeriodSchema },
      { name: ANNUAL_EXPENDITURE_MODEL, schema: AnnualExpenditureSchema },
      { name: ANNUAL_INCOME_MODEL, schema: AnnualIncomeSchema },
    ]),
  ],
  controllers: [BudgetController],
  providers: [
    {
      // Its own NATS connection for the object store (the microservice transport's is not exposed at DI time).
      provide: UPLOAD_STORE,
      inject: [BUDGET_CONFIG],
      useFactory: async (config: BudgetConfig) => {
        const nc = await connect({ servers: config.NATS_URL.split(',').map((s) => s.trim()), name: `${config.SERVICE_NAME}-uploads`, maxReconnectAttempts: -1 });
        const store = await UploadStore.open(nc);
        return Object.assign(store, { close: () => (nc.isClosed() ? Promise.resolve() : nc.drain()) });
      },
    },
    ImportsRepository,
    ImportsService,
    AnalysisRepository,
    AnalysisService,
    AnnualService,
  ],
})
export class BudgetModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { AnalysisModule } from './analysis/analysis.module';
import { AnnualModule } from './annual/annual.module';
import { BudgetConfig } from './config';
import { ImportsModule } from './imports/imports.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: BudgetConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({
          service: config.SERVICE_NAME,
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
        }),
        MongoModule.forRoot({
          url: config.MONGO_URL,
          dbName: config.MONGO_DB ?? defaultDbName(config.SERVICE_NAME),
          migrations: MIGRATIONS,
        }),
        HealthModule.forService(config.SERVICE_NAME),
        MessagingModule.forService(config),
        ImportsModule,
        AnalysisModule,
        AnnualModule,
      ],
      providers: [{ provide: BudgetConfig, useValue: config }],
      exports: [BudgetConfig],
      global: true,
    };
  }
}

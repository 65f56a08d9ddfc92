import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { BudgetConfig } from './config';
import { BudgetModule } from './budget.module';
import { BUDGET_CONFIG } from './tokens';

@Module({})
export class AppModule {
  static forRoot(config: BudgetConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: config.SERVICE_NAME, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB ?? defaultDbName(config.SERVICE_NAME) }),
        HealthModule.forService(config.SERVICE_NAME),
        BudgetModule,
      ],
      providers: [{ provide: BUDGET_CONFIG, useValue: config }],
      exports: [BUDGET_CONFIG],
      global: true,
    };
  }
}

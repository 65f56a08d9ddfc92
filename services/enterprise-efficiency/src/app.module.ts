import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { BusClient, MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { BusClientLifecycle, busClientProvider } from './bus';
import { EnterpriseEfficiencyConfig } from './config';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: EnterpriseEfficiencyConfig): DynamicModule {
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
        MessagingModule.forService(config),
        HealthModule.forService(config.SERVICE_NAME),
        EnterprisesModule,
      ],
      // The validated config, injected by its class: `constructor(private readonly config: EnterpriseEfficiencyConfig)`.
      providers: [{ provide: EnterpriseEfficiencyConfig, useValue: config }, busClientProvider, BusClientLifecycle],
      exports: [EnterpriseEfficiencyConfig, BusClient],
      global: true,
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { ReportingConfig } from './config';
import { ReportsModule } from './reports/reports.module';
import { SchedulesModule } from './schedules/schedules.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: ReportingConfig): DynamicModule {
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
        ReportsModule,
        SchedulesModule,
        WebhooksModule,
      ],
      // The validated config, injected by its class: `constructor(private readonly config: ReportingConfig)`.
      providers: [{ provide: ReportingConfig, useValue: config }],
      exports: [ReportingConfig],
      global: true,
    };
  }
}

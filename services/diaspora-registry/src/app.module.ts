import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { DiasporaConfig } from './config';
import { HostStatsModule } from './host-stats/host-stats.module';
import { InitiativesModule } from './initiatives/initiatives.module';
import { LinksModule } from './links/links.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: DiasporaConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: config.SERVICE_NAME, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB ?? defaultDbName(config.SERVICE_NAME), migrations: MIGRATIONS }),
        HealthModule.forService(config.SERVICE_NAME),
        MessagingModule.forService(config),
        OrganizationsModule,
        InitiativesModule,
        LinksModule,
        HostStatsModule,
      ],
      providers: [{ provide: DiasporaConfig, useValue: config }],
      exports: [DiasporaConfig],
      global: true,
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { ConceptsModule } from './concepts/concepts.module';
import { ConsultationsConfig } from './config';
import { ConsultationsModule } from './consultations/consultations.module';
import { ResultsModule } from './results/results.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: ConsultationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: config.SERVICE_NAME, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB ?? defaultDbName(config.SERVICE_NAME), migrations: MIGRATIONS }),
        MessagingModule.forService(config),
        HealthModule.forService(config.SERVICE_NAME),
        ConsultationsModule,
        SubmissionsModule,
        ResultsModule,
        ConceptsModule,
      ],
      providers: [{ provide: ConsultationsConfig, useValue: config }],
      exports: [ConsultationsConfig],
      global: true,
    };
  }
}

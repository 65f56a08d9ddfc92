import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { MessagingModule } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { DialogueEventsConfig } from './config';
import { DialogueModule } from './dialogue.module';
import { MIGRATIONS } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: DialogueEventsConfig): DynamicModule {
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
        DialogueModule,
      ],
      // The validated config, injected by its class: `constructor(private readonly config: DialogueEventsConfig)`.
      providers: [{ provide: DialogueEventsConfig, useValue: config }],
      exports: [DialogueEventsConfig],
      global: true,
    };
  }
}

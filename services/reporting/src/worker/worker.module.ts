import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthModule, HealthRegistry } from '@vidnova/health';
import { LoggingModule } from '@vidnova/logging';
import { BusClient, MessagingModule, natsAuth } from '@vidnova/messaging';
import { defaultDbName, MongoModule } from '@vidnova/mongo';
import { ReportingConfig } from '../config';
import { ReportsModule } from '../reports/reports.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { WebhookDeliverer } from '../webhooks/deliverer';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ReportProcessor, WORKER_BUS } from './report.processor';
import { reportStoreProvider } from './report-store';
import { QueueMetrics } from './queue-metrics';
import { MIGRATIONS } from '../migrations';

class BusLifecycle implements OnApplicationShutdown {
  constructor(@Inject(WORKER_BUS) private readonly bus: BusClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close().catch(() => undefined);
  }
}

/**
 * The worker process: no bus handlers (it answers nothing), a BullMQ worker on the report queue, a
 * bus client to ask the source services, MongoDB for the run records and the object store for content.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    const name = `${config.SERVICE_NAME}-worker`;
    return {
      module: WorkerModule,
      imports: [
        LoggingModule.forRoot({ service: name, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB ?? defaultDbName(config.SERVICE_NAME), migrations: MIGRATIONS }),
        // The worker connects as its service's NATS user (reporting), whatever name its process carries.
        MessagingModule.forService({ SERVICE_NAME: name, NATS_URL: config.NATS_URL, NATS_USER: config.NATS_USER ?? config.SERVICE_NAME, NATS_PASSWORD: config.NATS_PASSWORD, JETSTREAM_REPLICAS: config.JETSTREAM_REPLICAS }),
        HealthModule.forService(name),
        ReportsModule,
        SchedulesModule,
        WebhooksModule,
      ],
      providers: [
        { provide: ReportingConfig, useValue: config },
        {
          provide: WORKER_BUS,
          inject: [HealthRegistry],
          useFactory: async (health: HealthRegistry) => {
            const bus = await BusClient.connect(config.NATS_URL, `${name}-${process.pid}`, { signingSecret: config.BUS_SIGNING_SECRET, timeoutMs: config.SOURCE_TIMEOUT_MS, auth: natsAuth(config) });
            health.register('nats', async () => {
              if (bus.connection.isClosed()) throw new Error('not connected');
              await bus.connection.flush();
            });
            return bus;
          },
        },
        BusLifecycle,
        reportStoreProvider,
        ReportProcessor,
        WebhookDeliverer,
        QueueMetrics,
      ],
      exports: [ReportingConfig],
      global: true,
    };
  }
}

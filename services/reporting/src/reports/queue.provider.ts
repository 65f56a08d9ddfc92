import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HealthRegistry } from '@vidnova/health';
import { ReportingConfig } from '../config';
import { redisConnection, reportQueue } from '../queue';

export const REPORT_QUEUE_TOKEN = Symbol('REPORT_QUEUE');

/** The queue the API part adds runs to; Redis is part of its readiness. */
export const reportQueueProvider: Provider = {
  provide: REPORT_QUEUE_TOKEN,
  inject: [ReportingConfig, HealthRegistry],
  useFactory: (config: ReportingConfig, health: HealthRegistry) => {
    const connection = redisConnection(config.REDIS_URL);
    connection.on('error', () => undefined); // reported by the readiness check, not thrown
    health.register('redis', async () => {
      if ((await connection.ping()) !== 'PONG') throw new Error('no PONG');
    });
    return reportQueue(connection);
  },
};

/** Closes the queue's Redis connection when the process stops. */
@Injectable()
export class QueueLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REPORT_QUEUE_TOKEN) private readonly queue: Queue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReportingConfig } from '../config';
import { queuePrefix, redisConnection, WEBHOOK_QUEUE } from '../queue';
import { Queue } from 'bullmq';
import { DELIVERY_MODEL, DeliverySchema, WEBHOOK_MODEL, WebhookSchema } from './webhook.schema';
import { WebhooksController } from './webhooks.controller';
import { WEBHOOK_QUEUE_TOKEN, WebhooksService } from './webhooks.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: WEBHOOK_MODEL, schema: WebhookSchema }, { name: DELIVERY_MODEL, schema: DeliverySchema }])],
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    {
      provide: WEBHOOK_QUEUE_TOKEN,
      inject: [ReportingConfig],
      useFactory: (config: ReportingConfig) => {
        const connection = redisConnection(config.REDIS_URL);
        connection.on('error', () => undefined);
        return new Queue(WEBHOOK_QUEUE, { connection, prefix: queuePrefix() });
      },
    },
  ],
  exports: [WebhooksService, MongooseModule, WEBHOOK_QUEUE_TOKEN],
})
export class WebhooksModule {}

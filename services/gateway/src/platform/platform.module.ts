import { Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './bus.module';
import { ContentTypeInterceptor } from './content-type.interceptor';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_MODEL, IdempotencySchema } from './idempotency.schema';
import { IdempotencyStore } from './idempotency.store';
import { AddressLimits } from './limits';
import { UploadForwarder } from './upload';
import { HttpMetrics } from './metrics';
import { RateLimiter } from './rate-limit';
import { RATE_LIMITER, RateLimitInterceptor } from './rate-limit.interceptor';

class RateLimiterLifecycle implements OnApplicationShutdown {
  constructor(@Optional() @Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.limiter?.close();
  }
}

/** Cross-cutting HTTP concerns of the gateway: rate limits, content types, idempotency keys, uploads, metrics. */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: IDEMPOTENCY_MODEL, schema: IdempotencySchema }])],
  providers: [
    {
      provide: RATE_LIMITER,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        config.RATE_LIMIT_PER_MINUTE > 0 ? RateLimiter.create(config.REDIS_URL, config.RATE_LIMIT_PER_MINUTE, config.MONGO_DB) : null,
    },
    RateLimiterLifecycle,
    AddressLimits,
    RateLimitInterceptor,
    ContentTypeInterceptor,
    IdempotencyStore,
    IdempotencyInterceptor,
    HttpMetrics,
    UploadForwarder,
  ],
  exports: [UploadForwarder, RATE_LIMITER, AddressLimits, RateLimitInterceptor, ContentTypeInterceptor, IdempotencyInterceptor, HttpMetrics],
})
export class GatewayPlatformModule {}

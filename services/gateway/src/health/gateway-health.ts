import { Inject, Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { healthCheck } from '@vidnova/contracts';
import { HealthHttpController, HealthRegistry } from '@vidnova/health';
import { BusClient } from '@vidnova/messaging';
import { MetricsHttpController } from '@vidnova/metrics';
import { PUBLIC_KEY } from '../auth/roles';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../platform/bus.module';
import { RateLimiter } from '../platform/rate-limit';
import { RATE_LIMITER } from '../platform/rate-limit.interceptor';

// Probes (orchestrators, load balancers) carry no API key: /health/* is public on the gateway, and so is
// /metrics (scraped from inside the network, as before). The controllers live in platform libs that know
// nothing of the gateway's auth, so they are marked here.
Reflect.defineMetadata(PUBLIC_KEY, true, HealthHttpController);
Reflect.defineMetadata(PUBLIC_KEY, true, MetricsHttpController);

/** Gateway readiness: its own MongoDB (registered by HealthModule), NATS, Redis when rate limits are on, and every service answering. */
@Injectable()
export class GatewayReadiness implements OnApplicationBootstrap {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Optional() @Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.register('nats', async () => {
      if (this.bus.connection.isClosed()) throw new Error('not connected');
      await this.bus.connection.flush();
    });
    const limiter = this.limiter;
    if (limiter) this.registry.register('redis', () => limiter.ping());
    for (const service of this.config.READY_SERVICES.split(',').map((s) => s.trim()).filter(Boolean)) {
      this.registry.register(`service:${service}`, async () => {
        const reply = await this.bus.send(healthCheck(service), {}, {
          timeoutMs: 1500,
          unavailableRetryMs: 0,
        });
        if (reply.status !== 'ok') throw new Error(`not ready: ${JSON.stringify(reply.checks)}`);
      });
    }
  }
}

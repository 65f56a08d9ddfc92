import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { healthSubject } from '@vidnova/contracts';
import { HealthRegistry } from '@vidnova/health';
import { BusClient } from '@vidnova/messaging';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../platform/bus.module';

/** Gateway readiness: its own MongoDB (registered by HealthModule), NATS, and every service answering. */
@Injectable()
export class GatewayReadiness implements OnApplicationBootstrap {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.register('nats', async () => {
      if (this.bus.connection.isClosed()) throw new Error('not connected');
      await this.bus.connection.flush();
    });
    for (const service of this.config.READY_SERVICES.split(',').map((s) => s.trim()).filter(Boolean)) {
      this.registry.register(`service:${service}`, async () => {
        const reply = await this.bus.request<{ status: string; checks?: unknown }>(healthSubject(service), {}, {
          timeoutMs: 1500,
          unavailableRetryMs: 0,
        });
        if (reply.status !== 'ok') throw new Error(`not ready: ${JSON.stringify(reply.checks)}`);
      });
    }
  }
}

import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { BusClient, natsAuth } from '@vidnova/messaging';
import { EnterpriseEfficiencyConfig } from './config';

/**
 * The service's client for asking other services (budget-analysis for a community's budget): it never
 * reads their databases. Short timeout and no waiting for an absent service: the share is then shown as
 * unavailable with the reason.
 */
export const busClientProvider: Provider = {
  provide: BusClient,
  inject: [EnterpriseEfficiencyConfig],
  useFactory: (config: EnterpriseEfficiencyConfig) =>
    BusClient.connect(config.NATS_URL, `${config.SERVICE_NAME}-${process.pid}-bus`, {
      timeoutMs: 5000,
      unavailableRetryMs: 0,
      signingSecret: config.BUS_SIGNING_SECRET,
      auth: natsAuth(config),
    }),
};

@Injectable()
export class BusClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close().catch(() => undefined);
  }
}

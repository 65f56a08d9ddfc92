import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { BusClient, natsAuth, UploadStore } from '@vidnova/messaging';
import { Metrics } from '@vidnova/metrics';
import { GatewayConfig } from '../config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const UPLOAD_STORE = Symbol('UPLOAD_STORE');

class BusLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/** The gateway's one NATS connection, for request/reply and the upload object store. */
@Global()
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        BusClient.connect(config.NATS_URL, `gateway-${process.pid}`, {
          timeoutMs: config.BUS_TIMEOUT_MS,
          unavailableRetryMs: config.BUS_UNAVAILABLE_RETRY_MS,
          signingSecret: config.BUS_SIGNING_SECRET,
          auth: natsAuth(config),
        }),
    },
    {
      provide: UPLOAD_STORE,
      inject: [BusClient, GATEWAY_CONFIG, Metrics],
      useFactory: (bus: BusClient, config: GatewayConfig, metrics: Metrics) =>
        UploadStore.open(bus.connection, { maxBytes: config.UPLOAD_BUCKET_MAX_BYTES, replicas: config.JETSTREAM_REPLICAS, metrics }),
    },
    BusLifecycle,
  ],
  exports: [BusClient, UPLOAD_STORE],
})
export class BusModule {}

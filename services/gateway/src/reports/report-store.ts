import { Inject, Injectable } from '@nestjs/common';
import { REPORT_BUCKET } from '@vidnova/contracts';
import { BusClient, UploadStore } from '@vidnova/messaging';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../platform/bus.module';

/**
 * The report content bucket (NATS object store), opened on first use: the reporting worker creates it
 * with its retention before any content can be asked for.
 */
@Injectable()
export class ReportContentStore {
  private store?: Promise<UploadStore>;

  constructor(
    private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  get(): Promise<UploadStore> {
    this.store ??= UploadStore.open(this.bus.connection, { bucket: REPORT_BUCKET, ttlMs: 0, replicas: this.config.JETSTREAM_REPLICAS }).catch((e: unknown) => {
      this.store = undefined;
      throw e;
    });
    return this.store;
  }
}

import { Injectable } from '@nestjs/common';
import { REPORT_BUCKET } from '@vidnova/contracts';
import { BusClient, UploadStore } from '@vidnova/messaging';

/**
 * The report content bucket (NATS object store), opened on first use: the reporting worker creates it
 * with its retention before any content can be asked for.
 */
@Injectable()
export class ReportContentStore {
  private store?: Promise<UploadStore>;

  constructor(private readonly bus: BusClient) {}

  get(): Promise<UploadStore> {
    this.store ??= UploadStore.open(this.bus.connection, { bucket: REPORT_BUCKET, ttlMs: 0 }).catch((e: unknown) => {
      this.store = undefined;
      throw e;
    });
    return this.store;
  }
}

import { Provider } from '@nestjs/common';
import { NatsConnection } from '@nats-io/transport-node';
import { REPORT_BUCKET } from '@vidnova/contracts';
import { NATS_CONNECTION, UploadStore } from '@vidnova/messaging';
import { Metrics } from '@vidnova/metrics';
import { ReportingConfig } from '../config';

export const REPORT_STORE = Symbol('REPORT_STORE');

/** The object store bucket of report content, kept REPORT_RETENTION_DAYS (0 = until deleted). */
export const reportStoreProvider: Provider = {
  provide: REPORT_STORE,
  inject: [NATS_CONNECTION, ReportingConfig, Metrics],
  useFactory: (nc: NatsConnection, config: ReportingConfig, metrics: Metrics) =>
    UploadStore.open(nc, { bucket: REPORT_BUCKET, ttlMs: config.REPORT_RETENTION_DAYS * 24 * 3600 * 1000, replicas: config.JETSTREAM_REPLICAS, metrics }),
};

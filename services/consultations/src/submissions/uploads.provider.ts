import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { UploadStore } from '@vidnova/messaging';
import { ConsultationsConfig } from '../config';
import { CONSULTATIONS_CONFIG } from '../tokens';

/** The object store through which the gateway hands over CSV uploads; connected on first use. */
@Injectable()
export class UploadsProvider implements OnApplicationShutdown {
  private nc?: Promise<NatsConnection>;
  private store?: Promise<UploadStore>;

  constructor(@Inject(CONSULTATIONS_CONFIG) private readonly config: ConsultationsConfig) {}

  get(): Promise<UploadStore> {
    this.nc ??= connect({ servers: this.config.NATS_URL.split(','), name: `${this.config.SERVICE_NAME}-uploads`, maxReconnectAttempts: -1 });
    this.store ??= this.nc.then((nc) => UploadStore.open(nc));
    return this.store;
  }

  async onApplicationShutdown(): Promise<void> {
    const nc = await this.nc?.catch(() => undefined);
    await nc?.drain().catch(() => undefined);
  }
}

import { INestApplication } from '@nestjs/common';
import { NatsOptions, Transport } from '@nestjs/microservices';
import { NatsAuth, natsConnectOptions } from './messaging.module';
import { busName } from './namespace';

/** NATS server options for a service: one queue group per service so instances share the load. */
export function natsMicroserviceOptions(service: string, natsUrl: string, auth?: NatsAuth): NatsOptions {
  return {
    transport: Transport.NATS,
    options: { ...natsConnectOptions(natsUrl, `${service}-${process.pid}`, auth), queue: busName(service) },
  };
}

/**
 * Connects the NATS transport to a Nest app with the app's global pipes, filters and interceptors
 * (`inheritAppConfig`), as the NestJS docs require for hybrid apps.
 */
export function connectNats(app: INestApplication, service: string, natsUrl: string, auth?: NatsAuth): void {
  app.connectMicroservice(natsMicroserviceOptions(service, natsUrl, auth), { inheritAppConfig: true });
}

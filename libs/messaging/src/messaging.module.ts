import { createParamDecorator, DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Principal, toPrincipal } from '@vidnova/contracts';
import { requestContext } from '@vidnova/logging';
import { Metrics } from '@vidnova/metrics';
import { EventPublisher } from './events';
import { UploadStore } from './uploads';
import { busNamespace } from './namespace';
import { natsInboxPrefix } from './nats-permissions';

/** The service's own NATS connection (object store, JetStream events), beside the one Nest's transport keeps. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** A user and password for NATS (libs/messaging/src/nats-permissions.ts); none on a NATS without users. */
export interface NatsAuth {
  user: string;
  pass: string;
}

/**
 * The credentials of a process from its config: NATS_USER (default: the service's name) and NATS_PASSWORD,
 * or none when no password is set (development against a NATS without users).
 */
export function natsAuth(config: { SERVICE_NAME: string; NATS_USER?: string; NATS_PASSWORD?: string }): NatsAuth | undefined {
  return config.NATS_PASSWORD ? { user: config.NATS_USER ?? config.SERVICE_NAME, pass: config.NATS_PASSWORD } : undefined;
}

/**
 * NATS client options used for every connection a Vidnova process opens. With a user, replies arrive on
 * that user's own inbox subjects (the only inbox its permissions let it subscribe to).
 */
export function natsConnectOptions(natsUrl: string, name: string, auth?: NatsAuth) {
  return {
    servers: natsUrl.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    ...(auth ? { user: auth.user, pass: auth.pass, inboxPrefix: natsInboxPrefix(auth.user, busNamespace()) } : {}),
  };
}

class NatsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }
}

/**
 * Everything a service needs of NATS beyond its request handlers, provided once: one connection,
 * the upload store (`UploadStore`) and the durable event publisher (`EventPublisher`), each injected
 * by its class. Imported by every service's root module.
 */
@Global()
@Module({})
export class MessagingModule {
  static forService(config: { SERVICE_NAME: string; NATS_URL: string; NATS_USER?: string; NATS_PASSWORD?: string; JETSTREAM_REPLICAS?: number }): DynamicModule {
    const replicas = config.JETSTREAM_REPLICAS;
    return {
      module: MessagingModule,
      providers: [
        { provide: NATS_CONNECTION, useFactory: () => connect(natsConnectOptions(config.NATS_URL, `${config.SERVICE_NAME}-${process.pid}-client`, natsAuth(config))) },
        {
          provide: UploadStore,
          inject: [NATS_CONNECTION, { token: Metrics, optional: true }],
          useFactory: (nc: NatsConnection, metrics?: Metrics) => UploadStore.open(nc, { replicas, metrics }),
        },
        { provide: EventPublisher, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => EventPublisher.create(nc, { replicas }) },
        NatsLifecycle,
      ],
      exports: [NATS_CONNECTION, UploadStore, EventPublisher],
    };
  }
}

/**
 * The caller of a NATS handler, as the gateway established it: `handle(@Payload() req, @CallerPrincipal() who)`.
 * Undefined for a message without one (another service asking).
 */
export const CallerPrincipal = createParamDecorator((_data: unknown): Principal | undefined => {
  // Only well-formed fields reach the rules (libs/contracts authz.ts); a malformed principal is anonymous.
  return toPrincipal(requestContext.getStore()?.principal);
});

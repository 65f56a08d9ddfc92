import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { NatsConnection } from '@nats-io/transport-node';
import { BaseServiceConfig } from '@vidnova/config';
import { HealthRegistry } from '@vidnova/health';
import { BusMetricsInterceptor, contractValidationPipe, natsAuth, natsMicroserviceOptions, RpcContextInterceptor, RpcExceptionFilter } from '@vidnova/messaging';
import { Metrics } from '@vidnova/metrics';
import { Tracing, tracingSettings } from '@vidnova/telemetry';
import { Logger } from 'nestjs-pino';

export interface RunningService {
  app: NestFastifyApplication;
  /** URL of the health server. */
  healthUrl: string;
  /** Stops taking work, finishes in-flight messages, closes connections. */
  stop(): Promise<void>;
}

/**
 * Builds and starts a service: NATS microservice for the work, a small HTTP server for health.
 * Used by every service's main.ts and by the test harness, so tests run exactly what production runs.
 */
export async function startService(
  rootModule: Type<unknown> | DynamicModule,
  config: BaseServiceConfig,
  opts: { bufferLogs?: boolean } = {},
): Promise<RunningService> {
  // Before the modules are built: their jobs find it by the service name (Tracing.of).
  const tracing = Tracing.start(tracingSettings(config));
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter(), {
    bufferLogs: opts.bufferLogs ?? true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const interceptor = new RpcContextInterceptor(config.BUS_SIGNING_SECRET, tracing);
  app.useGlobalPipes(contractValidationPipe());
  app.useGlobalFilters(new RpcExceptionFilter());
  // Metrics outermost: refused messages are counted too (libs/messaging bus-metrics.interceptor.ts).
  app.useGlobalInterceptors(new BusMetricsInterceptor(app.get(Metrics)), interceptor);
  app.connectMicroservice(natsMicroserviceOptions(config.SERVICE_NAME, config.NATS_URL, natsAuth(config)), { inheritAppConfig: true });

  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, config.HEALTH_HOST);

  const registry = app.get(HealthRegistry);
  const server = app.getMicroservices()[0];
  registry.register('nats', async () => {
    const nc = server.unwrap<NatsConnection>();
    if (!nc || nc.isClosed()) throw new Error('not connected');
    await nc.flush();
  });

  const logger = app.get(Logger);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HEALTH_PORT;
  const healthUrl = `http://${config.HEALTH_HOST}:${port}`;
  logger.log(`${config.SERVICE_NAME} listening on NATS queue "${config.SERVICE_NAME}", health at ${healthUrl}/health/ready`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      registry.markShuttingDown();
      // Leave the queue group first: drain each subscription (UNSUB, then a round trip to the server,
      // so every message already routed here is still handled). From then on the gateway sees
      // "no responders" or another instance and retries. Closing the connection straight away would
      // drop messages already delivered to this client, and their callers would time out (504).
      const delivered = await drainSubscriptions(server);
      // A delivered message reaches the interceptor after a few async steps (deserialising): wait
      // until every delivered message has been seen there, then until all of them are answered.
      const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
      while (interceptor.seen < delivered && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await interceptor.drain(Math.max(0, deadline - Date.now()));
      // Push out the last replies before the connection closes.
      await server.unwrap<NatsConnection>()?.flush().catch(() => undefined);
      await app.close();
      // Exports the spans still buffered.
      await tracing.release();
    })();
    return stopping;
  };
  return { app, healthUrl, stop };
}

/** Wires SIGTERM/SIGINT to a graceful stop with a hard deadline. */
export function stopOnSignals(service: { stop(): Promise<void> }, app: INestApplication, timeoutMs: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const logger = app.get(Logger);
    logger.log(`received ${signal}, shutting down`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs + 2000);
    timer.unref();
    service.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/**
 * Drains the NATS subscriptions of the Nest NATS server (`serverInstance.subscriptions` of the
 * microservice: not public API, checked by the restart e2e test) and returns how many messages
 * they delivered in all.
 */
async function drainSubscriptions(microservice: unknown): Promise<number> {
  type Sub = { drain(): Promise<void>; isClosed(): boolean; getProcessed(): number };
  const server = (microservice as { serverInstance?: { subscriptions?: Sub[] } }).serverInstance;
  const subs = server?.subscriptions ?? [];
  await Promise.all(subs.filter((s) => !s.isClosed()).map((s) => s.drain().catch(() => undefined)));
  return subs.reduce((n, s) => n + s.getProcessed(), 0);
}

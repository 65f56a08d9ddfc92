import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthRegistry } from '@vidnova/health';
import { Tracing, tracingSettings } from '@vidnova/telemetry';
import { Logger } from 'nestjs-pino';
import { ReportingConfig } from '../config';
import { ReportProcessor } from './report.processor';
import { WorkerModule } from './worker.module';
import { workerName } from './worker-name';

export interface RunningWorker {
  app: NestFastifyApplication;
  healthUrl: string;
  /** Turns not-ready, stops taking jobs, finishes the running ones, closes connections. */
  stop(): Promise<void>;
}

/** Builds and starts the report worker: the BullMQ consumer and its health server. Used by worker.ts and the tests. */
export async function startWorker(config: ReportingConfig): Promise<RunningWorker> {
  // Before the module is built: the job processors find it by name (Tracing.of).
  const tracing = Tracing.start(tracingSettings(config, workerName(config)));
  const app = await NestFactory.create<NestFastifyApplication>(WorkerModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.init();
  await app.listen(config.HEALTH_PORT, config.HEALTH_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.HEALTH_PORT;
  const healthUrl = `http://${config.HEALTH_HOST}:${port}`;
  app.get(Logger).log(`${config.SERVICE_NAME}-worker consuming the report queue, health at ${healthUrl}/health/ready`);
  let stopping: Promise<void> | undefined;
  return {
    app,
    healthUrl,
    stop: () =>
      (stopping ??= (async () => {
        app.get(HealthRegistry).markShuttingDown();
        await app.get(ReportProcessor).stop();
        await app.close();
        await tracing.release();
      })()),
  };
}

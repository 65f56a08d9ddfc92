// Public surface of the service for end-to-end tests and tooling (not for other services).
export { AppModule } from './app.module';
export { ReportingConfig } from './config';
export { startWorker, type RunningWorker } from './worker/start-worker';
export { queuePrefix, REPORT_QUEUE } from './queue';

import 'reflect-metadata';
import { loadConfigOrExit } from '@vidnova/config';
import { stopOnSignals } from '@vidnova/runtime';
import { ReportingConfig } from './config';
import { startWorker } from './worker/start-worker';

/** The report worker process (`node services/reporting/dist/worker.js`): scale it apart from the API part. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(ReportingConfig);
  const worker = await startWorker(config);
  // A running report may take a while (PDF printing): the stop waits for it up to SHUTDOWN_TIMEOUT_MS.
  stopOnSignals(worker, worker.app, config.SHUTDOWN_TIMEOUT_MS);
}

void main();

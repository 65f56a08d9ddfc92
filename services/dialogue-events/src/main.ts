import 'reflect-metadata';
import { loadConfigOrExit } from '@vidnova/config';
import { startService, stopOnSignals } from '@vidnova/runtime';
import { AppModule } from './app.module';
import { DialogueEventsConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(DialogueEventsConfig);
  const service = await startService(AppModule.forRoot(config), config);
  stopOnSignals(service, service.app, config.SHUTDOWN_TIMEOUT_MS);
}

void main();

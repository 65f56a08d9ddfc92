import 'reflect-metadata';
import { loadConfigOrExit } from '@vidnova/config';
import { Logger } from 'nestjs-pino';
import { GatewayConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayConfig);
  const gateway = await startGateway(config);
  gateway.app.get(Logger).log(`gateway listening at ${gateway.url}; Swagger UI at ${gateway.url}/docs`);
}

void main();

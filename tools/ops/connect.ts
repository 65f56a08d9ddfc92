/**
 * How the command-line tools (`npm run seed`, `npm run backup`, `npm run restore`) find their NATS
 * credentials and connect, in one place.
 *
 * A tool speaks as one NATS user of libs/messaging/src/nats-permissions.ts (the seed as the gateway, the
 * backup tool as `backup`). Its password comes from, in order: NATS_USER/NATS_PASSWORD (another user
 * than the default, e.g. in a Kubernetes Job), NATS_PASSWORD_<USER> (as nats-server reads it: Compose's
 * .env, the tests), or the passwords `npm start` generated for its own nats-server
 * (.vidnova/nats-passwords.json). None of them: no credentials (a NATS without users).
 */
import { connect, NatsConnection } from '@nats-io/transport-node';
import { NatsAuth, natsConnectOptions, natsUserFromEnv } from '@vidnova/messaging';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const NPM_START_PASSWORDS = resolve(__dirname, '../../.vidnova/nats-passwords.json');

export function toolNatsAuth(defaultUser: string, env: Record<string, string | undefined> = process.env): NatsAuth | undefined {
  const user = env.NATS_USER ?? defaultUser;
  if (env.NATS_PASSWORD) return { user, pass: env.NATS_PASSWORD };
  const fromEnv = natsUserFromEnv(user, env);
  if (fromEnv) return fromEnv;
  if (!existsSync(NPM_START_PASSWORDS)) return undefined;
  const pass = (JSON.parse(readFileSync(NPM_START_PASSWORDS, 'utf8')) as Record<string, string>)[user];
  return pass ? { user, pass } : undefined;
}

/** NATS_URL, or the local default `npm start` uses. */
export const toolNatsUrl = (env: Record<string, string | undefined> = process.env): string => env.NATS_URL || 'nats://127.0.0.1:4222';

/** A plain NATS connection of a tool as `defaultUser` (see toolNatsAuth), no reconnect loop past a minute. */
export function connectTool(name: string, defaultUser: string, env: Record<string, string | undefined> = process.env): Promise<NatsConnection> {
  return connect({ ...natsConnectOptions(toolNatsUrl(env), name, toolNatsAuth(defaultUser, env)), maxReconnectAttempts: 120 });
}

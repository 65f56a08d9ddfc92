/**
 * `npm run seed`: loads seed data into running services over NATS (NATS_URL). Today: the annual KSE
 * budget figures of Shatsk, Berezhany and Bakhmach into budget-analysis.
 */
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { BusClient, GATEWAY_NATS_USER, NatsAuth, natsUserFromEnv } from '@vidnova/messaging';
import { seedKseBudgets } from './kse-budgets';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

function seedNatsAuth(): NatsAuth | undefined {
  const user = process.env.NATS_USER ?? GATEWAY_NATS_USER;
  if (process.env.NATS_PASSWORD) return { user, pass: process.env.NATS_PASSWORD };
  const fromEnv = natsUserFromEnv(user);
  if (fromEnv) return fromEnv;
  const file = resolve(__dirname, '../../.vidnova/nats-passwords.json');
  if (!existsSync(file)) return undefined;
  const pass = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[user];
  return pass ? { user, pass } : undefined;
}

async function main() {
  const bus = await BusClient.connect(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 'seed', {
    timeoutMs: 30000,
    unavailableRetryMs: 30000,
    // The platform's secret (`npm start` runs with the development one).
    signingSecret: process.env.BUS_SIGNING_SECRET ?? DEV_BUS_SIGNING_SECRET,
    // On a NATS with users the seed speaks as the gateway (the only user that may call services):
    // NATS_PASSWORD (or NATS_PASSWORD_GATEWAY), or the one `npm start` generated (.vidnova/nats-passwords.json).
    auth: seedNatsAuth(),
  });
  try {
    const loaded = await seedKseBudgets(bus);
    for (const l of loaded) console.log(`budget ${l.budgetCode} ${l.year}: ${l.expenditures} expenditure figures, ${l.incomes} income set`);
  } finally {
    await bus.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

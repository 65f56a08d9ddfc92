/**
 * `npm run seed`: loads seed data into running services over NATS (NATS_URL). Today: the annual KSE
 * budget figures of Shatsk, Berezhany and Bakhmach into budget-analysis.
 */
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { BusClient, GATEWAY_NATS_USER } from '@vidnova/messaging';
import { toolNatsAuth, toolNatsUrl } from '../ops/connect';
import { seedKseBudgets } from './kse-budgets';

async function main() {
  const bus = await BusClient.connect(toolNatsUrl(), 'seed', {
    timeoutMs: 30000,
    unavailableRetryMs: 30000,
    // The platform's secret (`npm start` runs with the development one).
    signingSecret: process.env.BUS_SIGNING_SECRET ?? DEV_BUS_SIGNING_SECRET,
    // On a NATS with users the seed speaks as the gateway (the only user that may call services):
    // NATS_PASSWORD (or NATS_PASSWORD_GATEWAY), or the one `npm start` generated (.vidnova/nats-passwords.json).
    auth: toolNatsAuth(GATEWAY_NATS_USER),
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

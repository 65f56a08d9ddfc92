/**
 * `npm run seed`: loads seed data into running services over NATS (NATS_URL). Today: the annual KSE
 * budget figures of Shatsk, Berezhany and Bakhmach into budget-analysis.
 */
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { BusClient } from '@vidnova/messaging';
import { seedKseBudgets } from './kse-budgets';

async function main() {
  const bus = await BusClient.connect(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 'seed', {
    timeoutMs: 30000,
    unavailableRetryMs: 30000,
    // The platform's secret (`npm start` runs with the development one).
    signingSecret: process.env.BUS_SIGNING_SECRET ?? DEV_BUS_SIGNING_SECRET,
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

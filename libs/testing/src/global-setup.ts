import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

// Jest's moduleNameMapper does not apply to the global setup: infra.ts imports @vidnova/messaging (the NATS
// users), so resolve @vidnova/* to the libs' sources the way the repo's scripts do.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(resolve(__dirname, '../../../tools/ts-register.cjs'));

/**
 * Jest global setup: make infrastructure available and export its URLs to the test workers, with a bus
 * namespace of this run's own (libs/messaging/src/namespace.ts: it prefixes every subject, queue group,
 * event stream and upload bucket). A platform running on the same NATS (`npm start`, namespace empty)
 * then never answers the tests' requests, nor the tests its requests. Databases are separate too: every
 * test platform uses fresh `test_*` databases (testDbName), and the gateway's Redis rate-limit keys are
 * prefixed with its database name. Set here, before any test file imports a service module (the
 * namespace is read once); workers and in-band test files inherit process.env from this process.
 */
export default async function globalSetup(): Promise<void> {
  const namespace = `t-${randomBytes(4).toString('hex')}`;
  // NATS: a nats-server of this run's own with the platform's users and permissions (nats-permissions.ts)
  // when nats-server is installed; the passwords reach the test platforms as NATS_PASSWORD_<USER>.
  // VIDNOVA_TEST_NATS=shared uses NATS_URL (or 4222) without users instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureInfra } = require('./infra') as typeof import('./infra');
  const infra = await ensureInfra({ natsUsers: { namespace } });
  Object.assign(process.env, infra.urls, infra.natsUsers);
  process.env.VIDNOVA_BUS_NAMESPACE = namespace;
  (globalThis as Record<string, unknown>).__VIDNOVA_INFRA__ = infra;
}

import { randomBytes } from 'node:crypto';
import { ensureInfra } from './infra';

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
  const infra = await ensureInfra();
  Object.assign(process.env, infra.urls);
  process.env.VIDNOVA_BUS_NAMESPACE = `t-${randomBytes(4).toString('hex')}`;
  (globalThis as Record<string, unknown>).__VIDNOVA_INFRA__ = infra;
}

import { ensureInfra } from './infra';

/** Jest global setup: make infrastructure available and export its URLs to the test workers. */
export default async function globalSetup(): Promise<void> {
  const infra = await ensureInfra();
  Object.assign(process.env, infra.urls);
  (globalThis as Record<string, unknown>).__VIDNOVA_INFRA__ = infra;
}

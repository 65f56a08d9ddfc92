export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__VIDNOVA_INFRA__ as { stop(): Promise<void> } | undefined;
  await infra?.stop();
}

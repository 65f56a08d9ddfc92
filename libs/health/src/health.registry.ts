import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'down'; error?: string; latencyMs: number }>;
}

/** Named readiness checks (MongoDB, NATS, Redis…) that a service registers as it starts. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2000): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const started = Date.now();
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
          ]);
          return [name, { status: 'ok' as const, latencyMs: Date.now() - started }] as const;
        } catch (e) {
          return [name, { status: 'down' as const, error: (e as Error).message, latencyMs: Date.now() - started }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const ok = !this.shuttingDown && entries.every(([, r]) => r.status === 'ok');
    if (this.shuttingDown) checks['shutdown'] = { status: 'down', error: 'shutting down', latencyMs: 0 };
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}

/**
 * Fault test: the platform under a steady write load while, in turn, the diaspora-registry service,
 * NATS, the database (FerretDB) and Redis are restarted. It owns its infrastructure (private
 * nats-server -js, redis-server and FerretDB, each on its own port and data directory) and runs
 * diaspora-registry as a child process, so each of them can be stopped (SIGTERM) and started again.
 * The gateway runs in this process against the same infrastructure.
 *
 * Per phase it records the writes attempted, accepted (201), how many of the accepted are stored
 * afterwards (must be all), 503s (each with Retry-After), other answers (never a 500), and how long
 * after the restarted component is back writes are accepted again; it prints these as a markdown
 * table. No assertion on wall time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@vidnova/config';
import { GatewayConfig, RunningGateway, startGateway } from '@vidnova/gateway';
import { ApiClient, ApiResponse, dropDatabases, TEST_ADMIN_KEY, testDbName } from '@vidnova/testing';
import { FaultInfra, Restartable, serviceProcess, startFaultInfra } from './fault-harness';

jest.setTimeout(240_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Load: CLIENTS concurrent writers, each at most one write per INTERVAL_MS (20 writes/s in all). */
const CLIENTS = 4;
const INTERVAL_MS = 200;
/** Steady load before the restart, and how long the component stays down. */
const BEFORE_MS = 1500;
const DOWN_MS = 1000;
/** After writes succeed again, a little more load; a phase never runs longer than MAX_PHASE_MS. */
const AFTER_MS = 1500;
const MAX_PHASE_MS = 45_000;

interface Attempt {
  sentAt: number;
  doneAt: number;
  status: number; // 0 = no HTTP answer
  id?: string;
  name: string;
  retryAfter: string | null;
  code?: string;
}

interface PhaseFigures {
  phase: string;
  attempted: number;
  accepted: number;
  storedOfAccepted: number;
  storedNotAccepted: number;
  s503: number;
  s503WithRetryAfter: number;
  other: Record<string, number>;
  downMs: number;
  backAfterMs: number | null;
  failingWindowMs: number;
}

function load(client: ApiClient, city: string) {
  const attempts: Attempt[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: CLIENTS }, async (_, w) => {
    await sleep((w * INTERVAL_MS) / CLIENTS);
    while (running) {
      const name = `Fault probe ${city} ${n++}`;
      const sentAt = Date.now();
      let attempt: Attempt;
      try {
        const res = await client.post('/api/v1/diaspora/organizations', { name: { original: name }, country: 'PL', city, type: 'other' });
        attempt = { sentAt, doneAt: Date.now(), status: res.status, id: res.body?.id, name, retryAfter: res.headers.get('retry-after'), code: res.body?.code };
      } catch {
        attempt = { sentAt, doneAt: Date.now(), status: 0, name, retryAfter: null };
      }
      attempts.push(attempt);
      const wait = INTERVAL_MS - (Date.now() - sentAt);
      if (wait > 0) await sleep(wait);
    }
  });
  return {
    attempts,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function allInCity(client: ApiClient, city: string): Promise<Array<{ id: string; name: { original: string } }>> {
  const all: Array<{ id: string; name: { original: string } }> = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse<{ items: Array<{ id: string; name: { original: string } }>; nextCursor: string | null }> = await client.get(`/api/v1/diaspora/organizations?city=${encodeURIComponent(city)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`listing ${city}: ${res.status} ${JSON.stringify(res.body)}`);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

/** Repeats a read until it answers 200 (after the last restart the platform may need a moment). */
async function eventually<T>(fn: () => Promise<T>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(300);
    }
  }
}

describe('faults: restarts of a service, NATS, the database and Redis under write load', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'vidnova-faults-'));
  let infra: FaultInfra;
  let registry: Restartable;
  let gateway: RunningGateway;
  let partner: ApiClient;
  const dbs = [testDbName('diaspora-registry'), testDbName('gateway')];

  beforeAll(async () => {
    infra = await startFaultInfra(logDir);
    const common = { ...infra.urls, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', SHUTDOWN_TIMEOUT_MS: '5000' };
    registry = await serviceProcess('diaspora-registry', { ...common, MONGO_DB: dbs[0] }, logDir);
    await registry.start();
    gateway = await startGateway(
      loadConfig(GatewayConfig, {
        ...common,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        SERVICE_NAME: 'gateway',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGO_DB: dbs[1],
        VIDNOVA_ADMIN_API_KEY: TEST_ADMIN_KEY,
        READY_SERVICES: 'diaspora-registry',
        BUS_TIMEOUT_MS: '5000',
        BUS_UNAVAILABLE_RETRY_MS: '3000',
        // Limits on (so Redis is on the path of every request), high enough for this load.
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
      }),
    );
    const admin = new ApiClient(gateway.url, TEST_ADMIN_KEY);
    const key = await admin.post('/api/v1/api-keys', { name: 'fault load', role: 'partner', organization: 'test-partner-org' });
    expect(key.status).toBe(201);
    partner = new ApiClient(gateway.url, key.body.key);
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.stop();
    await dropDatabases(infra.urls.MONGO_URL, dbs).catch(() => undefined);
    await infra?.stop();
  });

  it('loses no accepted write and answers no 500 while each component restarts', async () => {
    const phases: Array<{ name: string; target: () => Restartable }> = [
      { name: 'diaspora-registry restart', target: () => registry },
      { name: 'NATS restart', target: () => infra.nats },
      { name: 'FerretDB (database) restart', target: () => infra.ferretdb },
      { name: 'Redis restart', target: () => infra.redis },
    ].filter((p) => !process.env.FAULTS_ONLY || p.name.startsWith(process.env.FAULTS_ONLY));
    const runs: Array<{ name: string; city: string; attempts: Attempt[]; downMs: number; readyAt: number }> = [];
    for (const [i, phase] of phases.entries()) {
      const city = `Faultville${String.fromCharCode(65 + i)}`;
      const traffic = load(partner, city);
      await sleep(BEFORE_MS);
      const t = await phase.target().restart(DOWN_MS);
      const deadline = Date.now() + MAX_PHASE_MS;
      // Until a write sent after the component is back has been accepted, then a little longer.
      while (!traffic.attempts.some((a) => a.sentAt >= t.readyAt && a.status === 201) && Date.now() < deadline) await sleep(50);
      await sleep(AFTER_MS);
      await traffic.stop();
      runs.push({ name: phase.name, city, attempts: traffic.attempts, downMs: t.startedAt - t.stoppedAt, readyAt: t.readyAt });
    }

    const figures: PhaseFigures[] = [];
    const listingErrors: string[] = [];
    for (const run of runs) {
      // A listing that never answers is reported in the table (as "unlisted") and fails below.
      const stored = await eventually(() => allInCity(partner, run.city)).catch((e: Error) => {
        listingErrors.push(`${run.name}: ${e.message}`);
        return [];
      });
      const storedIds = new Set(stored.map((o) => o.id));
      const accepted = run.attempts.filter((a) => a.status === 201);
      const acceptedIds = new Set(accepted.map((a) => a.id));
      const s503 = run.attempts.filter((a) => a.status === 503);
      const other: Record<string, number> = {};
      for (const a of run.attempts) {
        if (a.status === 201 || a.status === 503) continue;
        const key = a.status ? `${a.status}${a.code ? ` ${a.code}` : ''}` : 'no answer';
        other[key] = (other[key] ?? 0) + 1;
      }
      const firstOk = accepted.filter((a) => a.sentAt >= run.readyAt).sort((a, b) => a.doneAt - b.doneAt)[0];
      const failed = run.attempts.filter((a) => a.status !== 201);
      figures.push({
        phase: run.name,
        attempted: run.attempts.length,
        accepted: accepted.length,
        storedOfAccepted: accepted.filter((a) => storedIds.has(a.id!)).length,
        storedNotAccepted: stored.filter((o) => !acceptedIds.has(o.id)).length,
        s503: s503.length,
        s503WithRetryAfter: s503.filter((a) => a.retryAfter && /^\d+$/.test(a.retryAfter)).length,
        other,
        downMs: run.downMs,
        backAfterMs: firstOk ? firstOk.doneAt - run.readyAt : null,
        failingWindowMs: failed.length ? Math.max(...failed.map((a) => a.doneAt)) - Math.min(...failed.map((a) => a.sentAt)) : 0,
      });
      // Each name at most once: no write was carried out twice.
      expect(new Set(stored.map((o) => o.name.original)).size).toBe(stored.length);
    }

    const table = [
      '| Phase | Attempted | Accepted (201) | Accepted and stored | Stored, not accepted | 503 (with Retry-After) | Other answers | Down (ms) | Writes accepted again (ms after back) | Failing window (ms) |',
      '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|',
      ...figures.map(
        (f) =>
          `| ${f.phase} | ${f.attempted} | ${f.accepted} | ${f.storedOfAccepted} | ${f.storedNotAccepted} | ${f.s503} (${f.s503WithRetryAfter}) | ${
            Object.entries(f.other).map(([s, n]) => `${s}: ${n}`).join(', ') || '—'
          } | ${f.downMs} | ${f.backAfterMs ?? 'never'} | ${f.failingWindowMs} |`,
      ),
    ].join('\n');
    console.log(`Fault test (${CLIENTS} clients, ≤ ${(CLIENTS * 1000) / INTERVAL_MS} writes/s, down ${DOWN_MS} ms each)\n\n${table}\n`);

    expect(listingErrors).toEqual([]);
    for (const f of figures) {
      expect({ phase: f.phase, lost: f.accepted - f.storedOfAccepted }).toEqual({ phase: f.phase, lost: 0 });
      expect({ phase: f.phase, without: f.s503 - f.s503WithRetryAfter }).toEqual({ phase: f.phase, without: 0 });
      const bad = Object.keys(f.other).filter((s) => s === 'no answer' || (Number(s.split(' ')[0]) >= 500 && !s.startsWith('504')));
      expect({ phase: f.phase, bad }).toEqual({ phase: f.phase, bad: [] });
      expect({ phase: f.phase, recovered: f.backAfterMs !== null }).toEqual({ phase: f.phase, recovered: true });
    }
  });
});

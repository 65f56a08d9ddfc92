/**
 * Fault test: the platform under a steady write load while, in turn, the diaspora-registry service,
 * the gateway, NATS, the database (FerretDB: a short and a long outage) and Redis are restarted. It owns
 * its infrastructure (private nats-server -js, redis-server and FerretDB on free ports with their own
 * data directories, so it never touches the servers other tests use) and runs diaspora-registry as a
 * child process, so each of them can be stopped (SIGTERM) and started again. The gateway runs in this
 * process against the same infrastructure and is restarted on the same port.
 *
 * Per phase it records the writes attempted, accepted (201), how many of the accepted are stored
 * afterwards (must be all), the 503s (each must carry Retry-After) and how long the slowest took to come
 * back, other answers (never a 500; a 504 "no answer in time" only where a request was in flight on the
 * bus when it went down), and how long after the restarted component is back writes are accepted again.
 * It prints these as a markdown table and writes it to .vidnova/faults.md. No assertion on wall time.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@vidnova/config';
import { GatewayConfig, RunningGateway, startGateway } from '@vidnova/gateway';
import { MonitorWatchdog } from '@vidnova/mongo';
import { ApiClient, ApiResponse, TEST_ADMIN_KEY, testDbName } from '@vidnova/testing';
import { freePort } from '@vidnova/testing';
import { FaultInfra, Restartable, serviceProcess, startFaultInfra } from './fault-harness';

jest.setTimeout(300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Load: CLIENTS concurrent writers, each at most one write per INTERVAL_MS (20 writes/s in all). */
const CLIENTS = 4;
const INTERVAL_MS = 200;
/** Steady load before each restart. */
const BEFORE_MS = 1500;
/** After writes succeed again, a little more load; a phase never runs longer than MAX_PHASE_MS. */
const AFTER_MS = 1500;
const MAX_PHASE_MS = 45_000;
/**
 * A database outage longer than the driver's server selection timeout (3 s, libs/mongo), so that
 * writes meet a database that is away and must be answered 503 + Retry-After, not 504.
 */
const LONG_DB_OUTAGE_MS = 6000;

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
  slowest503Ms: number | null;
  other: Record<string, number>;
  downMs: number;
  backAfterMs: number | null;
  failingWindowMs: number;
  /** Database clients the watchdog (libs/mongo) had to reconnect: diaspora-registry, gateway. */
  watchdog: [number, number];
}

interface Phase {
  name: string;
  target: () => Restartable | GatewayProcess;
  downMs: number;
  /** Connection refused while the only gateway is down is expected (a load balancer would route around it). */
  noAnswerExpected?: boolean;
  /** The database phases: a write meeting the missing database is answered 503 fast, never 504. */
  database?: boolean;
}

/** The in-process gateway, stopped and started again on the same port like an operator restart. */
class GatewayProcess {
  running?: RunningGateway;
  constructor(private readonly config: () => GatewayConfig) {}

  async start(): Promise<void> {
    this.running = await startGateway(this.config());
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }

  async restart(downMs: number): Promise<{ stoppedAt: number; startedAt: number; readyAt: number }> {
    await this.stop();
    const stoppedAt = Date.now();
    await sleep(downMs);
    const startedAt = Date.now();
    await this.start();
    return { stoppedAt, startedAt, readyAt: Date.now() };
  }
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

describe('faults: restarts of a service, the gateway, NATS, the database and Redis under write load', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'vidnova-faults-'));
  let infra: FaultInfra;
  let registry: Restartable;
  let gateway: GatewayProcess;
  let partner: ApiClient;
  let failed = false;
  const dbs = [testDbName('diaspora-registry'), testDbName('gateway')];

  beforeAll(async () => {
    infra = await startFaultInfra(logDir);
    const common = { ...infra.urls, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', SHUTDOWN_TIMEOUT_MS: '5000' };
    registry = await serviceProcess('diaspora-registry', { ...common, MONGO_DB: dbs[0] }, logDir);
    await registry.start();
    const port = String(await freePort());
    gateway = new GatewayProcess(() =>
      loadConfig(GatewayConfig, {
        ...common,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        SERVICE_NAME: 'gateway',
        PORT: port,
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
    await gateway.start();
    const admin = new ApiClient(gateway.running!.url, TEST_ADMIN_KEY);
    const key = await admin.post('/api/v1/api-keys', { name: 'fault load', role: 'partner', organization: 'test-partner-org' });
    expect(key.status).toBe(201);
    partner = new ApiClient(gateway.running!.url, key.body.key);
  });

  afterAll(async () => {
    await gateway?.stop();
    await registry?.stop();
    await infra?.stop();
    // The servers' data go with them; the logs stay only when something failed.
    infra?.dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    if (failed) console.log(`fault test logs: ${logDir}`);
    else rmSync(logDir, { recursive: true, force: true });
  });

  it('loses no accepted write, answers no 500, and a missing database is a fast 503 + Retry-After', async () => {
    const phases: Phase[] = [
      { name: 'diaspora-registry restart', target: () => registry, downMs: 1000 },
      { name: 'gateway restart', target: () => gateway, downMs: 1000, noAnswerExpected: true },
      { name: 'NATS restart', target: () => infra.nats, downMs: 1000 },
      { name: 'FerretDB restart, 1 s down', target: () => infra.ferretdb, downMs: 1000, database: true },
      { name: `FerretDB restart, ${LONG_DB_OUTAGE_MS / 1000} s down`, target: () => infra.ferretdb, downMs: LONG_DB_OUTAGE_MS, database: true },
      { name: 'Redis restart', target: () => infra.redis, downMs: 1000 },
    ].filter((p) => !process.env.FAULTS_ONLY || p.name.startsWith(process.env.FAULTS_ONLY));
    const runs: Array<{ phase: Phase; city: string; attempts: Attempt[]; downMs: number; readyAt: number; watchdog: [number, number] }> = [];
    // The registry logs each watchdog reconnect (a child process); the gateway runs here and is counted here.
    const registryWatchdog = () => (readFileSync(registry.logFile, 'utf8').match(/database monitor for \S+ stuck/g) ?? []).length;
    for (const [i, phase] of phases.entries()) {
      const city = `Faultville${String.fromCharCode(65 + i)}`;
      const watchdogBefore: [number, number] = [registryWatchdog(), MonitorWatchdog.recoveriesInProcess];
      const traffic = load(partner, city);
      await sleep(BEFORE_MS);
      const t = await phase.target().restart(phase.downMs);
      const deadline = Date.now() + MAX_PHASE_MS;
      // Until a write sent after the component is back has been accepted, then a little longer.
      while (!traffic.attempts.some((a) => a.sentAt >= t.readyAt && a.status === 201) && Date.now() < deadline) await sleep(50);
      await sleep(AFTER_MS);
      await traffic.stop();
      runs.push({
        phase,
        city,
        attempts: traffic.attempts,
        downMs: t.startedAt - t.stoppedAt,
        readyAt: t.readyAt,
        watchdog: [registryWatchdog() - watchdogBefore[0], MonitorWatchdog.recoveriesInProcess - watchdogBefore[1]],
      });
    }

    const figures: PhaseFigures[] = [];
    const listingErrors: string[] = [];
    for (const run of runs) {
      // A listing that never answers is reported in the table (as "unlisted") and fails below.
      const stored = await eventually(() => allInCity(partner, run.city)).catch((e: Error) => {
        listingErrors.push(`${run.phase.name}: ${e.message}`);
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
      const failedAttempts = run.attempts.filter((a) => a.status !== 201);
      figures.push({
        phase: run.phase.name,
        attempted: run.attempts.length,
        accepted: accepted.length,
        storedOfAccepted: accepted.filter((a) => storedIds.has(a.id!)).length,
        storedNotAccepted: stored.filter((o) => !acceptedIds.has(o.id)).length,
        s503: s503.length,
        s503WithRetryAfter: s503.filter((a) => a.retryAfter && /^\d+$/.test(a.retryAfter)).length,
        slowest503Ms: s503.length ? Math.max(...s503.map((a) => a.doneAt - a.sentAt)) : null,
        other,
        downMs: run.downMs,
        backAfterMs: firstOk ? firstOk.doneAt - run.readyAt : null,
        failingWindowMs: failedAttempts.length ? Math.max(...failedAttempts.map((a) => a.doneAt)) - Math.min(...failedAttempts.map((a) => a.sentAt)) : 0,
        watchdog: run.watchdog,
      });
      // Each name at most once: no write was carried out twice.
      expect(new Set(stored.map((o) => o.name.original)).size).toBe(stored.length);
    }

    const table = [
      '| Phase | Attempted | Accepted (201) | Accepted and stored | Stored, not accepted | 503 (with Retry-After) | Slowest 503 (ms) | Other answers | Down (ms) | Writes accepted again (ms after back) | Failing window (ms) | DB client reconnected by watchdog (registry, gateway) |',
      '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
      ...figures.map(
        (f) =>
          `| ${f.phase} | ${f.attempted} | ${f.accepted} | ${f.storedOfAccepted} | ${f.storedNotAccepted} | ${f.s503} (${f.s503WithRetryAfter}) | ${f.slowest503Ms ?? '—'} | ${
            Object.entries(f.other).map(([s, n]) => `${s}: ${n}`).join(', ') || '—'
          } | ${f.downMs} | ${f.backAfterMs ?? 'never'} | ${f.failingWindowMs} | ${f.watchdog.join(', ')} |`,
      ),
    ].join('\n');
    const report = `Fault test (${CLIENTS} clients, ≤ ${(CLIENTS * 1000) / INTERVAL_MS} writes/s through the gateway, ${new Date().toISOString()})\n\n${table}\n`;
    console.log(report);
    const out = resolve(__dirname, '../../.vidnova');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'faults.md'), report);

    try {
      expect(listingErrors).toEqual([]);
      for (const [i, f] of figures.entries()) {
        const phase = runs[i].phase;
        // Every accepted write is stored.
        expect({ phase: f.phase, lost: f.accepted - f.storedOfAccepted }).toEqual({ phase: f.phase, lost: 0 });
        // Every 503 says when to come back.
        expect({ phase: f.phase, without: f.s503 - f.s503WithRetryAfter }).toEqual({ phase: f.phase, without: 0 });
        // Never a 500; no answer at all only while the only gateway is down; while the database is away a
        // write is refused (503), it does not wait out the bus timeout (504).
        const bad = Object.keys(f.other).filter((s) =>
          s === 'no answer' ? !phase.noAnswerExpected : Number(s.split(' ')[0]) >= 500 && (phase.database || !s.startsWith('504')),
        );
        expect({ phase: f.phase, bad }).toEqual({ phase: f.phase, bad: [] });
        // Writes are accepted again once the component is back.
        expect({ phase: f.phase, recovered: f.backAfterMs !== null }).toEqual({ phase: f.phase, recovered: true });
      }
      // The long database outage met writes: they were refused with 503, so the check above means something.
      const long = figures.find((f) => f.phase.includes(`${LONG_DB_OUTAGE_MS / 1000} s down`));
      if (long) expect({ phase: long.phase, refused503: long.s503 > 0 }).toEqual({ phase: long.phase, refused503: true });
    } catch (e) {
      failed = true;
      throw e;
    }
  });
});

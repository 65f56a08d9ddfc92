/**
 * Crash test of `npm start`'s supervision (tools/platform/start.mjs, tools/platform/supervisor.cjs).
 *
 * It runs `node tools/platform/start.mjs` itself, exactly as `npm start` does (the build, nats-server with
 * the platform's NATS users, redis-server and FerretDB on SQLite started by it), but on free ports and with
 * a temporary VIDNOVA_STATE_DIR, so it never collides with a running `npm start`; only the diaspora
 * registry and the gateway run (VIDNOVA_SERVICES). Under a steady write load through the gateway
 * (diaspora organisations), the registry is killed with SIGKILL:
 *  1. npm start says so and restarts it (log lines: which process, how it ended, attempt, delay), the
 *     gateway keeps running (same pid), the registry answers its readiness again, writes are accepted
 *     again, and every acknowledged (201) write is stored (each read back by id, same name);
 *  2. killed a second time within the window (VIDNOVA_RESTART_MAX_CRASHES=2 here), it is given up on with
 *     the reason, and the gateway, still serving, answers its routes 503 with Retry-After;
 *  3. SIGTERM (Ctrl-C) stops everything it started: the gateway, then the services, then the servers.
 * Every answer other than 201 must be a 503 with Retry-After or a 504 (a write that was in the killed
 * process, answered "no answer in time"); never a 500. The log lines are written to
 * .vidnova/supervision.log. No assertion on wall time beyond generous waits.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiClient, TEST_ADMIN_KEY } from '@vidnova/testing';
import { freePort } from '@vidnova/testing';

jest.setTimeout(420_000);

const ROOT = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CLIENTS = 4;
const INTERVAL_MS = 200;

interface Attempt {
  sentAt: number;
  doneAt: number;
  status: number; // 0: no HTTP answer
  name: string;
  id?: string;
  retryAfter: string | null;
}

/** `npm start` as a child, its output kept line by line. */
class NpmStart {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, ['tools/platform/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    }
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  /** Waits for a line matching `re` (from line `from` on) and returns it. */
  async waitFor(re: RegExp, timeoutMs: number, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.lines.slice(from).find((l) => re.test(l));
      if (hit) return hit;
      if (this.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`npm start: no line matching ${re} (${this.child.exitCode !== null ? `it exited ${this.child.exitCode}` : 'timed out'}); last lines:\n${this.lines.slice(-40).join('\n')}`);
      await sleep(100);
    }
  }

  supervisorLines(): string[] {
    return this.lines.filter((l) => l.startsWith('[start]'));
  }
}

function load(client: ApiClient, tag: string) {
  const attempts: Attempt[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: CLIENTS }, async (_, w) => {
    await sleep((w * INTERVAL_MS) / CLIENTS);
    while (running) {
      const name = `Supervision probe ${tag} ${n++}`;
      const sentAt = Date.now();
      try {
        const res = await client.post('/api/v1/diaspora/organizations', { name: { original: name }, country: 'PL', city: 'Lublin', type: 'other' });
        attempts.push({ sentAt, doneAt: Date.now(), status: res.status, name, id: res.body?.id, retryAfter: res.headers.get('retry-after') });
      } catch {
        attempts.push({ sentAt, doneAt: Date.now(), status: 0, name, retryAfter: null });
      }
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

const portOpen = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    (e: { cause?: { code?: string } }) => e.cause?.code !== 'ECONNREFUSED',
  );

describe('npm start supervision: a service killed with SIGKILL under write load', () => {
  const state = mkdtempSync(join(tmpdir(), 'vidnova-supervision-'));
  let platform: NpmStart;
  let ports: { gateway: number; nats: number; redis: number; mongo: number; health: number };

  afterAll(async () => {
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await Promise.race([platform.exited, sleep(60_000)]);
      if (platform.child.exitCode === null) platform.child.kill('SIGKILL');
    }
    rmSync(state, { recursive: true, force: true });
  });

  it('restarts it with backoff, loses no acknowledged write, gives up on repeated crashes, and stops in order', async () => {
    ports = { gateway: await freePort(), nats: await freePort(), redis: await freePort(), mongo: await freePort(), health: await freePort() };
    const env: Record<string, string | undefined> = {
      ...process.env,
      VIDNOVA_STATE_DIR: state,
      PORT: String(ports.gateway),
      NATS_URL: `nats://127.0.0.1:${ports.nats}`,
      REDIS_URL: `redis://127.0.0.1:${ports.redis}`,
      MONGO_URL: `mongodb://127.0.0.1:${ports.mongo}`,
      FERRETDB_HANDLER: 'sqlite',
      VIDNOVA_HEALTH_PORT_BASE: String(ports.health),
      VIDNOVA_SERVICES: 'diaspora-registry',
      VIDNOVA_ADMIN_API_KEY: TEST_ADMIN_KEY,
      VIDNOVA_RESTART_MAX_CRASHES: '2',
      VIDNOVA_RESTART_WINDOW_MS: '600000',
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
      NODE_ENV: 'development',
    };
    for (const k of ['VIDNOVA_BUS_NAMESPACE', 'MONGO_DB', 'NATS_USER', 'NATS_PASSWORD', 'READY_SERVICES', 'HEALTH_PORT', 'SERVICE_NAME', 'NODE_OPTIONS']) delete env[k];
    platform = new NpmStart(env);
    // The build and the servers' start are part of it: a generous wait.
    await platform.waitFor(/Vidnova is ready/, 300_000);
    const registryPid = Number(/started diaspora-registry \(pid (\d+), health port (\d+)\)/.exec(await platform.waitFor(/started diaspora-registry/, 1000))![1]);
    const healthPort = Number(/health port (\d+)/.exec(platform.lines.find((l) => l.includes('started diaspora-registry'))!)![1]);
    const gatewayPid = Number(/started gateway \(pid (\d+)/.exec(await platform.waitFor(/started gateway/, 1000))![1]);

    const base = `http://127.0.0.1:${ports.gateway}`;
    const admin = new ApiClient(base, TEST_ADMIN_KEY);
    const key = await admin.post('/api/v1/api-keys', { name: 'supervision load', role: 'partner', organization: 'supervision-org' });
    expect(key.status).toBe(201);
    const partner = admin.withKey(key.body.key);

    // 1. SIGKILL mid-load; back within seconds; every acknowledged write stored.
    const traffic = load(partner, 'A');
    await sleep(2000);
    const mark = platform.lines.length;
    process.kill(registryPid, 'SIGKILL');
    const killedAt = Date.now();
    const crash = await platform.waitFor(/diaspora-registry exited unexpectedly/, 10_000, mark);
    const restarted = await platform.waitFor(/restarted diaspora-registry/, 30_000, mark);
    const back = await platform.waitFor(/diaspora-registry is ready again/, 60_000, mark);
    const backAt = Date.now();
    const newPid = Number(/pid (\d+)/.exec(restarted)![1]);
    // Until a write sent after it is back has been accepted, then a little more load.
    const deadline = Date.now() + 60_000;
    while (!traffic.attempts.some((a) => a.sentAt >= backAt && a.status === 201) && Date.now() < deadline) await sleep(50);
    await sleep(1500);
    await traffic.stop();
    const readyAgain = await fetch(`http://127.0.0.1:${healthPort}/health/ready`);
    const gatewayReady = await fetch(`${base}/health/ready`);

    const accepted = traffic.attempts.filter((a) => a.status === 201);
    const readBack = await Promise.all(
      accepted.map(async (a) => {
        const res = await partner.get(`/api/v1/diaspora/organizations/${a.id}`);
        return res.status === 200 && res.body?.name?.original === a.name;
      }),
    );
    const others = traffic.attempts.filter((a) => a.status !== 201);
    const s503 = others.filter((a) => a.status === 503);
    const unexpected = others.filter((a) => a.status !== 503 && a.status !== 504).map((a) => a.status);

    // 2. Killed again within the window: given up on; the gateway answers its routes 503 + Retry-After.
    const mark2 = platform.lines.length;
    process.kill(newPid, 'SIGKILL');
    const gaveUp = await platform.waitFor(/diaspora-registry exited unexpectedly .*giving up on it/, 10_000, mark2);
    const refused = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'After giving up' }, country: 'PL', city: 'Lublin', type: 'other' });
    const gatewayLive = await fetch(`${base}/health/live`);
    const gatewayPidNow = Number(/pid (\d+)/.exec(platform.lines.find((l) => l.includes('started gateway'))!)![1]);

    // 3. SIGTERM, as Ctrl-C: everything it started stops, the gateway first.
    const mark3 = platform.lines.length;
    platform.child.kill('SIGTERM');
    const code = await platform.exited;
    const stopLines = platform.lines.slice(mark3).filter((l) => l.startsWith('[start]'));
    const stillOpen = [];
    for (const [what, port] of Object.entries({ ...ports, registryHealth: healthPort })) if (what !== 'health' && (await portOpen(port))) stillOpen.push(what);

    const summary = [
      `Crash test (${new Date().toISOString()}): npm start with diaspora-registry and the gateway, ${CLIENTS} clients, ≤ ${(CLIENTS * 1000) / INTERVAL_MS} writes/s through the gateway`,
      `writes: ${traffic.attempts.length} attempted, ${accepted.length} acknowledged (201), ${readBack.filter(Boolean).length} of them read back; ` +
        `503 ${s503.length} (with Retry-After ${s503.filter((a) => a.retryAfter).length}), 504 ${others.filter((a) => a.status === 504).length}, other ${unexpected.length}`,
      `registry ready again ${((backAt - killedAt) / 1000).toFixed(1)} s after the SIGKILL (as seen by the test)`,
      '',
      'npm start (supervisor lines):',
      ...platform.supervisorLines().filter((l) => !/Node v|using|building|built in|skipping/.test(l)),
    ].join('\n');
    console.log(summary);
    const out = join(ROOT, '.vidnova');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'supervision.log'), `${summary}\n`);

    expect(crash).toMatch(/diaspora-registry exited unexpectedly \(signal SIGKILL\); restart attempt 1 in 0\.5 s \(crash 1 of 2 allowed within 600 s\)/);
    expect(back).toMatch(/diaspora-registry is ready again after restart attempt 1/);
    expect(newPid).not.toBe(registryPid);
    expect(readyAgain.status).toBe(200);
    expect(gatewayReady.status).toBe(200);
    // The gateway was not restarted, and nothing but the registry was.
    expect(gatewayPidNow).toBe(gatewayPid);
    expect(platform.lines.filter((l) => /exited unexpectedly/.test(l) && !l.includes('diaspora-registry'))).toEqual([]);
    // Writes were accepted before the kill and again after it; none of them lost.
    expect(accepted.filter((a) => a.doneAt < killedAt).length).toBeGreaterThan(0);
    expect(accepted.filter((a) => a.sentAt >= backAt).length).toBeGreaterThan(0);
    expect(readBack.filter((ok) => !ok).length).toBe(0);
    // No 500, no unanswered request; every 503 says when to come back.
    expect(unexpected).toEqual([]);
    expect(s503.filter((a) => !a.retryAfter || !/^\d+$/.test(a.retryAfter))).toEqual([]);

    expect(gaveUp).toContain('it crashed 2 times within 600 s');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body?.code).toBe('service_unavailable');
    expect(gatewayLive.status).toBe(200);

    // Given up on a process: npm start exits 1 after stopping the rest, in order.
    expect(code).toBe(1);
    const order = ['stopping the gateway, then the services', 'stopping nats-server, redis-server, ferretdb', 'stopped'].map((s) => stopLines.findIndex((l) => l.includes(s)));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    expect(stillOpen).toEqual([]);
  });
});

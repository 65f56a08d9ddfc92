/**
 * Replicas benchmark: `npm run bench -- replicas [--connections=8] [--duration=8] [--kill-duration=20]`.
 *
 * Instances of the diaspora registry (the write-heavy service) as separate processes from their built
 * dist/main.js, each with a health port of its own, all in the service's one NATS queue group
 * (libs/messaging natsMicroserviceOptions: `queue: <service>`), behind one gateway (rate limit off).
 * Write load through the gateway: `connections` clients each creating organisations (POST
 * /api/v1/diaspora/organizations, each with an Idempotency-Key) for `duration` seconds, with 1, 2 and 3
 * instances: throughput (accepted writes/s), p50/p99 latency and each instance's CPU time (so the load is
 * seen to be shared). Any answer other than 201 in these phases fails the run.
 *
 * Then, with 3 instances, one is killed with SIGKILL a quarter into `kill-duration` seconds of load.
 * Client policy in that phase (what a well-behaved client does, docs/operations.md): a 503 (which
 * carries Retry-After) or a 504 (the request was in the killed instance: its outcome is unknown) is
 * retried with the same Idempotency-Key after 200 ms (not the 5 s Retry-After asks, to keep the run
 * short), up to 10 times; a retry answered 409 `duplicate` after a 504 means the killed instance had
 * stored the write before it died (its existingId is checked like any accepted write). Anything else
 * fails the run, as does a write not ending accepted.
 *
 * After every phase each accepted write is read back by id (same name) and the phase's organisations are
 * listed: one record per accepted write, none twice (an instance outside the queue group would handle
 * each request a second time), none unaccounted for.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, ApiResponse, dropDatabases, ensureInfra } from '@vidnova/testing';
import { arg, build, expectNoRateLimit, expectStatus, fail, machineNote, platformEnv, Proc, ROOT, runBench, startService, table } from './support';

const SERVICE = 'diaspora-registry';
const CONNECTIONS = Number(arg('connections', '8'));
const DURATION_S = Number(arg('duration', '8'));
const KILL_DURATION_S = Number(arg('kill-duration', '20'));
const RETRY_PAUSE_MS = 200;
const MAX_RETRIES = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Write {
  name: string;
  /** Final outcome: the stored record's id, and how it was learnt. */
  id?: string;
  outcome?: 'created' | 'stored before the kill (409 duplicate after 504)';
  latencyMs: number;
  /** Answers before the final one (retried). */
  retried: number[];
}

/** CPU seconds (user + system) a process has used so far (Linux /proc), NaN elsewhere or when gone. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name: indexes 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/**
 * `CONNECTIONS` clients writing for `seconds`; `retry` allows the kill phase's policy. Returns the writes
 * (each ended accepted, else the run has failed) and the wall time.
 */
async function writeLoad(api: ApiClient, city: string, seconds: number, retry: boolean, during?: () => Promise<void>): Promise<{ writes: Write[]; elapsedS: number }> {
  const writes: Write[] = [];
  let n = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const body = (name: string) => ({ name: { original: name }, country: 'PL', city, type: 'other' });
  const one = async (): Promise<void> => {
    const name = `Replica bench ${city} ${n++}`;
    const key = `replicas-${randomBytes(8).toString('hex')}`;
    const w: Write = { name, latencyMs: 0, retried: [] };
    const s = performance.now();
    for (let attempt = 0; ; attempt++) {
      const r = await api.post('/api/v1/diaspora/organizations', body(name), { 'idempotency-key': key });
      expectNoRateLimit('POST /api/v1/diaspora/organizations', r.headers);
      if (r.status === 201) {
        w.id = r.body.id;
        w.outcome = 'created';
        break;
      }
      if (retry && r.status === 409 && r.body?.code === 'duplicate' && w.retried.includes(504)) {
        // The problem body carries the envelope's details as members (RFC 9457 extension members).
        w.id = r.body.existingId;
        if (!w.id) fail(`${name}: a 409 duplicate without existingId: ${JSON.stringify(r.body)}`);
        w.outcome = 'stored before the kill (409 duplicate after 504)';
        break;
      }
      if (r.status === 503 && !/^\d+$/.test(r.headers.get('retry-after') ?? '')) fail(`${name}: a 503 without Retry-After`);
      if (!retry || ![503, 504].includes(r.status) || attempt >= MAX_RETRIES) {
        expectStatus(`${name} (after ${attempt} retries: ${w.retried.join(', ') || 'none'})`, r.status, 201, r.body);
      }
      w.retried.push(r.status);
      await sleep(RETRY_PAUSE_MS);
    }
    w.latencyMs = performance.now() - s;
    writes.push(w);
  };
  const clients = Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < until) await one();
  });
  await Promise.all([...clients, during?.()]);
  return { writes, elapsedS: (performance.now() - t0) / 1000 };
}

/**
 * Every accepted write is there by id with its name, and the city holds exactly those records. A write
 * stored twice fails the run, a retry after a 504 included: the registry writes a record's
 * duplicate-check key before the record, so a retry always sees what the killed instance stored
 * (docs/operations.md, "Scaling out on one machine"). Doubles are returned for the report.
 */
async function verifyStored(api: ApiClient, city: string, writes: Write[]): Promise<string[]> {
  for (const w of writes) {
    const r = await api.get(`/api/v1/diaspora/organizations/${w.id}`);
    expectStatus(`read back ${w.name}`, r.status, 200, r.body);
    if (r.body.name?.original !== w.name) fail(`${w.id} holds "${r.body.name?.original}", expected "${w.name}"`);
  }
  const listed: string[] = [];
  let cursor: string | null = null;
  do {
    const r: ApiResponse<{ items: Array<{ id: string; name: { original: string } }>; nextCursor: string | null }> = await api.get(
      `/api/v1/diaspora/organizations?city=${encodeURIComponent(city)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expectStatus(`list ${city}`, r.status, 200, r.body);
    listed.push(...r.body.items.map((o) => o.name.original));
    cursor = r.body.nextCursor;
  } while (cursor);
  const byName = new Map(writes.map((w) => [w.name, w]));
  const twice = listed.filter((name, i) => listed.indexOf(name) !== i);
  const stray = listed.filter((name) => !byName.has(name));
  if (twice.length)
    fail(`${city}: ${twice.length} writes stored twice, e.g. "${twice[0]}" (answers before the last: ${byName.get(twice[0])?.retried.join(', ') || 'none'})`);
  if (stray.length) fail(`${city}: ${stray.length} records no client wrote, e.g. "${stray[0]}"`);
  if (listed.length !== writes.length + twice.length) fail(`${city}: ${writes.length} accepted writes but ${listed.length} records listed`);
  return twice;
}

function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_replicas_${suffix}`;
  const gatewayDb = `bench_gateway_${suffix}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  let infra: Awaited<ReturnType<typeof ensureInfra>> | undefined;
  const cleanup = async () => {
    if (!infra) return;
    await dropDatabases(infra.urls.MONGO_URL, [serviceDb, gatewayDb]).catch(() => undefined);
    await infra.stop();
  };
  runBench(async () => {
    infra = await ensureInfra();
    const common = platformEnv({ ...infra.urls });
    build(['gateway', SERVICE]);
    const instances: Proc[] = [await startService(SERVICE, { ...common, MONGO_DB: serviceDb })];
    const gateway = await startService('gateway', {
      ...common,
      MONGO_DB: gatewayDb,
      VIDNOVA_ADMIN_API_KEY: adminKey,
      READY_SERVICES: SERVICE,
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const admin = new ApiClient(gateway.url!, adminKey);
    const pk = await admin.post('/api/v1/api-keys', { name: 'replicas bench', role: 'partner', organization: 'bench-org' });
    expectStatus('POST /api/v1/api-keys', pk.status, 201, pk.body);
    const api = admin.withKey(pk.body.key);

    const rows: Array<Array<string | number>> = [];
    const row = (label: string, writes: Write[], elapsedS: number, cpu: string) => {
      const lat = writes.map((w) => w.latencyMs).sort((a, b) => a - b);
      rows.push([label, writes.length, (writes.length / elapsedS).toFixed(1), quantile(lat, 0.5).toFixed(0), quantile(lat, 0.99).toFixed(0), cpu]);
      console.log(`  ${rows.at(-1)!.join(' | ')}`);
    };
    const cpuOf = (procs: Proc[]) => procs.map((p) => cpuSeconds(p.pid));

    for (const count of [1, 2, 3]) {
      while (instances.length < count) instances.push(await startService(SERVICE, { ...common, MONGO_DB: serviceDb }));
      const city = `Replicaville${count}`;
      // A short warm-up, not measured (first requests through new processes compile their code paths).
      await writeLoad(api, `${city}-warm`, 1, false);
      const cpu0 = cpuOf([...instances, gateway]);
      const { writes, elapsedS } = await writeLoad(api, city, DURATION_S, false);
      const cpu = cpuOf([...instances, gateway]).map((c, i) => (c - cpu0[i]).toFixed(1));
      const twice = await verifyStored(api, city, writes);
      if (twice.length) fail(`${city}: stored twice without any instance killed: ${twice.join(', ')}`);
      row(`${count} instance${count > 1 ? 's' : ''}`, writes, elapsedS, `${cpu.slice(0, -1).join(' / ')} (gateway ${cpu.at(-1)})`);
    }

    // One of the three killed with SIGKILL a quarter into the load.
    const victim = instances[0];
    let killedAt = 0;
    const kill = async () => {
      await sleep((KILL_DURATION_S * 1000) / 4);
      process.kill(victim.pid, 'SIGKILL');
      killedAt = performance.now();
    };
    const cpu0 = cpuOf(instances.slice(1));
    const { writes, elapsedS } = await writeLoad(api, 'Replicaville-kill', KILL_DURATION_S, true, kill);
    const cpu = cpuOf(instances.slice(1)).map((c, i) => (c - cpu0[i]).toFixed(1));
    const twiceAfter504 = await verifyStored(api, 'Replicaville-kill', writes);
    if (!killedAt) fail('the instance was not killed');
    const retriedWrites = writes.filter((w) => w.retried.length);
    const answers = retriedWrites.flatMap((w) => w.retried).reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    const storedBeforeKill = writes.filter((w) => w.outcome !== 'created').length;
    row(`3 instances, one SIGKILLed at ${KILL_DURATION_S / 4} s`, writes, elapsedS, `killed / ${cpu.join(' / ')}`);

    const report: string[] = [];
    const print = (text: string) => {
      console.log(text);
      report.push(text);
    };
    print(
      `\nReplicas of ${SERVICE} in one NATS queue group behind the gateway: ${CONNECTIONS} clients writing organisations, ${DURATION_S} s per row (the kill row ${KILL_DURATION_S} s); ${machineNote()}\n`,
    );
    print(table(['instances', 'writes accepted', 'writes/s', 'p50 ms', 'p99 ms', 'CPU s per instance (gateway)'], rows));
    print(
      `\nKill phase: ${writes.length} writes, all accepted in the end and read back by id; ` +
        `${retriedWrites.length} needed a retry with the same Idempotency-Key (answers retried: ${Object.entries(answers).map(([s, k]) => `${s} ×${k}`).join(', ') || 'none'}); ` +
        `${storedBeforeKill} had been stored by the killed instance before it died (409 duplicate on the retry, existing record checked); ` +
        `${twiceAfter504.length} stored twice by a retry after a 504${twiceAfter504.length ? ` (${twiceAfter504.join(', ')})` : ''}.`,
    );
    print('Every acknowledged write of every row was read back by id and listed: none lost; none stored twice except as counted above.');
    mkdirSync(join(ROOT, '.vidnova'), { recursive: true });
    writeFileSync(join(ROOT, '.vidnova/replicas.md'), `${report.join('\n')}\n`);
    console.log('(written to .vidnova/replicas.md)');
  }, cleanup);
}

main();

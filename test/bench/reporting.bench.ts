/**
 * Reporting benchmark: `npm run bench -- reporting [--rounds=2] [--workers=1,2,4] [--enqueue=400] [--concurrency=16]`.
 *
 * The whole platform a community report needs runs as separate processes from the built dist/ files (as
 * `npm start` runs them; NATS with the platform's users and permissions, rate limit off): budget-analysis,
 * consultations, diaspora-registry, enterprise-efficiency, dialogue-events, the reporting API part, the
 * gateway, and report workers (`services/reporting/dist/worker.js`, concurrency 1 each). Data: the KSE
 * budgets of Shatsk, Berezhany and Bakhmach (`npm run seed`), and for each of them a published priority
 * list, three communal enterprises (the real statement of test/fixtures/enterprises and synthetic peers)
 * and a year of public dialogue — all through the gateway.
 *
 * 1. One community report end to end: POST /api/v1/reports → 202 → worker → every source → four formats
 *    in two languages stored → `completed`; with one worker. Wall time, and the run's own timings.
 * 2. Reports for every community that has data (community-monitoring and civil-society-involvement of
 *    2022 for the three communities, `rounds` times with `force`) with 1, 2 and 4 workers: reports per
 *    minute, each worker's peak RSS (VmHWM), Redis memory used (INFO memory) at the end of the phase.
 * 3. The cost of enqueueing: `enqueue` POST /api/v1/reports of distinct runs through the gateway (HTTP →
 *    gateway → NATS → reporting API → Mongo run record → BullMQ add) next to the same number of raw
 *    BullMQ `queue.add` calls on Redis (the ceiling), `concurrency` in flight; no worker runs meanwhile and
 *    the jobs are removed afterwards.
 *
 * `--source-timeout-ms` sets the workers' SOURCE_TIMEOUT_MS (default: the service's own, 30 s — on a loaded machine 5 s turned slow answers into data gaps).
 * Any answer other than the expected one (a 2xx, a run ending `completed`) fails the run.
 */
import { randomBytes } from 'node:crypto';
import { QUEUE_KEY_PREFIX } from '@vidnova/contracts';
import { REPORT_QUEUE, ReportingConfig } from '@vidnova/reporting';
import { ApiClient, dropDatabases, ensureInfra } from '@vidnova/testing';
import { natsUserFromEnv } from '@vidnova/messaging';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { publishPriorities, runSeed, seedDialogue, seedEnterprises } from '../e2e/reporting-seed';
import {
  arg,
  build,
  expectNoRateLimit,
  expectStatus,
  fail,
  infraProcs,
  machineNote,
  memoryTable,
  Peak,
  platformEnv,
  pool,
  Proc,
  runBench,
  self,
  startService,
  stopProc,
  table,
  watchMemory,
} from './support';

const ROUNDS = Number(arg('rounds', '2'));
const WORKERS = arg('workers', '1,2,4').split(',').map(Number);
const ENQUEUE = Number(arg('enqueue', '400'));
const CONCURRENCY = Number(arg('concurrency', '16'));
const SOURCE_TIMEOUT_MS = arg('source-timeout-ms', String(new ReportingConfig().SOURCE_TIMEOUT_MS));
/** How long a process may take to be ready (a shared machine under load starts Node processes slowly). */
const READY_MS = 300_000;
const PERIOD = '2022';
/** The communities with data: the KSE budgets of `npm run seed` (KATOTTG, EDRPOU prefix of its seeded enterprises). */
const COMMUNITIES = [
  ['UA07060450000051170', '0335'],
  ['UA61040030000060956', '0336'],
  ['UA74040030000093042', '0413'],
] as const;
const TYPES = ['community-monitoring', 'civil-society-involvement'] as const;
const SERVICES = ['budget-analysis', 'consultations', 'diaspora-registry', 'enterprise-efficiency', 'dialogue-events', 'reporting'];

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);


async function redisUsed(redis: IORedis): Promise<{ used: number; peak: number }> {
  const info = await redis.info('memory');
  const n = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { used: n('used_memory'), peak: n('used_memory_peak') };
}

function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const namespace = `bench-${suffix}`;
  // The namespace first: the NATS users' permissions are written for it.
  process.env.VIDNOVA_BUS_NAMESPACE = namespace;
  const dbs = Object.fromEntries([...SERVICES, 'gateway'].map((s) => [s, `bench_${s.replace(/-/g, '_')}_${suffix}`]));
  // The queue's key prefix as the platform's processes compute it (queuePrefix() of services/reporting/src/queue.ts):
  // computed here, as this process read the bus namespace (empty) when its modules were loaded.
  const prefix = `${namespace}-${QUEUE_KEY_PREFIX}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  let infra: Awaited<ReturnType<typeof ensureInfra>> | undefined;
  let redis: IORedis | undefined;
  let queue: Queue | undefined;
  const cleanup = async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    redis?.disconnect();
    if (!infra) return;
    await dropDatabases(infra.urls.MONGO_URL, Object.values(dbs)).catch(() => undefined);
    await infra.stop();
  };
  runBench(async () => {
    infra = await ensureInfra({ natsUsers: { namespace } });
    Object.assign(process.env, infra.urls, infra.natsUsers);
    const common = platformEnv({ ...infra.urls });
    const as = (user: string): Record<string, string> => {
      const auth = natsUserFromEnv(user);
      return auth ? { NATS_USER: auth.user, NATS_PASSWORD: auth.pass } : {};
    };
    build(['gateway', ...SERVICES]);
    const started: Proc[] = [];
    for (const s of SERVICES) started.push(await startService(s, { ...common, ...as(s), MONGO_DB: dbs[s] }, 'main.js', s, READY_MS));
    const gateway = await startService('gateway', {
      ...common,
      ...as('gateway'),
      MONGO_DB: dbs.gateway,
      VIDNOVA_ADMIN_API_KEY: adminKey,
      READY_SERVICES: SERVICES.join(','),
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_IP_PER_MINUTE: '0',
      AUTH_FAILURES_PER_MINUTE: '0',
    }, 'main.js', 'gateway', READY_MS);
    // SOURCE_TIMEOUT_MS: the service's default (30 s per question) unless `--source-timeout-ms` says otherwise; a slow
    // answer is then measured as slow rather than turned into a data gap (which fails the run: every report must complete).
    const workerEnv = { ...common, ...as('reporting'), MONGO_DB: dbs.reporting, WORKER_CONCURRENCY: '1', SOURCE_TIMEOUT_MS: SOURCE_TIMEOUT_MS, SHUTDOWN_TIMEOUT_MS: '60000' };
    let workerCount = 0;
    const startWorker = () => startService('reporting', workerEnv, 'worker.js', `reporting-worker-${++workerCount}`, READY_MS);
    redis = new IORedis(infra.urls.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(REPORT_QUEUE, { connection: redis, prefix });

    const admin = new ApiClient(gateway.url!, adminKey);
    const key = async (role: string) => {
      const r = await admin.post('/api/v1/api-keys', { name: `bench ${role}`, role });
      expectStatus('POST /api/v1/api-keys', r.status, 201, r.body);
      expectNoRateLimit('POST /api/v1/api-keys', r.headers);
      return admin.withKey(r.body.key);
    };
    const analyst = await key('analyst');
    const editor = await key('editor');
    const reader = await key('reader');

    // Data, through the gateway (and the seed script over NATS as the gateway user).
    const t0 = Date.now();
    const seeded = await runSeed(infra.urls.NATS_URL);
    if (seeded.code !== 0) fail(`npm run seed failed:\n${seeded.out.slice(-800)}`);
    for (const [community, prefix] of COMMUNITIES) {
      await publishPriorities(editor, community, { roads_transport: 3, water_sanitation: 2, schools_kindergartens: 1 });
      await seedEnterprises(admin, community, [2022], { prefix });
      await seedDialogue(editor, reader, community, 2022);
    }
    console.log(`data seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${COMMUNITIES.length} communities (KSE budgets, priorities, 3 enterprises, 5 dialogue events each)`);

    const procs = (workers: Proc[]): Proc[] => [...workers, gateway, ...started, self(), ...infraProcs({ ...infra!.urls })];
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];

    /** POSTs a report and answers the run's id and the revision to wait for. */
    const request = async (body: Record<string, unknown>): Promise<{ id: string; revision: number }> => {
      const r = await analyst.post('/api/v1/reports', body);
      expectStatus(`POST /api/v1/reports ${JSON.stringify(body)}`, r.status, 202, r.body);
      return { id: r.body.id, revision: r.body.revision };
    };
    const untilCompleted = async (runs: Array<{ id: string; revision: number }>, timeoutMs = 15 * 60_000) => {
      const deadline = Date.now() + timeoutMs;
      const views: Record<string, unknown>[] = [];
      for (const run of runs) {
        for (;;) {
          const r = await analyst.get(`/api/v1/reports/${run.id}`);
          expectStatus(`GET /api/v1/reports/${run.id}`, r.status, 200, r.body);
          const v = r.body;
          if (v.revision === run.revision && ['completed', 'partial', 'failed'].includes(v.status)) {
            if (v.status !== 'completed') fail(`report ${run.id} (${v.type} ${v.community ?? v.budgetCode} ${v.period}) ended ${v.status}: ${JSON.stringify(v.gaps ?? v.errors)}`);
            views.push(v);
            break;
          }
          if (Date.now() > deadline) fail(`report ${run.id} still ${v.status} after ${timeoutMs / 1000} s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      return views;
    };

    console.log('phase 1: one community report end to end');
    // 1. One community report end to end (the first run of Shatsk's community monitoring), one worker.
    const first = await startWorker();
    const stopOne = watchMemory(procs([first]));
    const e0 = performance.now();
    const one = await request({ type: 'community-monitoring', community: COMMUNITIES[0][0], period: PERIOD });
    const [oneView] = await untilCompleted([one]);
    const endToEnd = (performance.now() - e0) / 1000;
    phases.push({ phase: 'one report', peaks: stopOne() });
    const timings = oneView.timings as { requestedAt: string; startedAt: string; durationMs: number };
    const json = await analyst.get(`/api/v1/reports/${one.id}/content.json`);
    expectStatus('GET content.json', json.status, 200, json.body);
    const pdf = await fetch(`${gateway.url}/api/v1/reports/${one.id}/content.pdf`, { headers: { 'x-api-key': analyst.apiKey! } });
    expectStatus('GET content.pdf', pdf.status, 200);
    const pdfBytes = (await pdf.arrayBuffer()).byteLength;
    console.log(`  one report: ${endToEnd.toFixed(2)} s end to end`);

    // 2. Every community with data, with 1, 2 and 4 workers.
    const batchRows: Array<Array<string | number>> = [];
    const workers: Proc[] = [first];
    for (const n of WORKERS) {
      while (workers.length < n) workers.push(await startWorker());
      while (workers.length > n) await stopProc(workers.pop()!);
      console.log(`phase 2: ${ROUNDS * COMMUNITIES.length * TYPES.length} reports with ${n} worker(s)`);
      const stop = watchMemory(procs(workers));
      const redisBefore = await redisUsed(redis);
      const b0 = performance.now();
      const runs: Array<{ id: string; revision: number }> = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [community] of COMMUNITIES) for (const type of TYPES) runs.push(await request({ type, community, period: PERIOD, force: true }));
      }
      const views = await untilCompleted(runs);
      const seconds = (performance.now() - b0) / 1000;
      const peaks = stop();
      phases.push({ phase: `${n} worker(s)`, peaks });
      const redisAfter = await redisUsed(redis);
      const workerPeaks = peaks.filter((k) => k.name.startsWith('reporting-worker')).map((k) => k.peakMb);
      const durations = views.map((v) => (v.timings as { durationMs: number }).durationMs);
      const row = [
        n,
        runs.length,
        seconds.toFixed(1),
        ((runs.length / seconds) * 60).toFixed(1),
        (p50(durations) / 1000).toFixed(2),
        Math.max(...workerPeaks),
        `${mb(redisBefore.used)} → ${mb(redisAfter.used)}`,
      ];
      batchRows.push(row);
      console.log(`  ${n} worker(s): ${row.join(' | ')}`);
    }
    for (const w of workers) await stopProc(w);

    console.log(`phase 3: enqueueing ${ENQUEUE} runs through the API, then ${ENQUEUE} raw BullMQ adds`);
    // 3. Enqueueing through the API next to raw BullMQ add (no worker runs: the jobs only wait).
    const enqueueRows: Array<Array<string | number>> = [];
    {
      const latencies: number[] = [];
      const seconds = await pool(ENQUEUE, CONCURRENCY, async (i) => {
        // A distinct run each time: diaspora-landscape of DE for month i (years from 3000 on, so never a real period).
        const period = `${3000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        const t = performance.now();
        const r = await analyst.post('/api/v1/reports', { type: 'diaspora-landscape', country: 'DE', period });
        latencies.push(performance.now() - t);
        expectStatus('POST /api/v1/reports (enqueue)', r.status, 202, r.body);
        if (r.body.status !== 'queued' || r.body.revision !== 1) fail(`enqueue ${period}: expected a new queued run, got ${JSON.stringify(r.body).slice(0, 300)}`);
      });
      const waiting = await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed');
      if (waiting < ENQUEUE) fail(`after ${ENQUEUE} accepted requests the queue holds ${waiting} waiting jobs`);
      enqueueRows.push(['POST /api/v1/reports through the gateway', ENQUEUE, (ENQUEUE / seconds).toFixed(0), p50(latencies).toFixed(2)]);
    }
    {
      const raw = new Queue('bench-raw-add', { connection: redis, prefix });
      const latencies: number[] = [];
      const seconds = await pool(ENQUEUE, CONCURRENCY, async (i) => {
        const t = performance.now();
        await raw.add('run', { runId: `raw-${i}`, revision: 1 }, { jobId: `raw-${i}-r1`, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
        latencies.push(performance.now() - t);
      });
      const count = await raw.getJobCountByTypes('waiting');
      if (count !== ENQUEUE) fail(`raw add: ${count} jobs waiting, expected ${ENQUEUE}`);
      enqueueRows.push(['BullMQ queue.add straight to Redis (ceiling)', ENQUEUE, (ENQUEUE / seconds).toFixed(0), p50(latencies).toFixed(2)]);
      await raw.obliterate({ force: true });
      await raw.close();
    }
    await queue.obliterate({ force: true });
    const redisEnd = await redisUsed(redis);

    const t = timings;
    console.log(`\n## Reporting (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `One community report end to end (community-monitoring, ${COMMUNITIES[0][0]}, ${PERIOD}; one worker): ${endToEnd.toFixed(2)} s from POST to \`completed\` ` +
        `(queued ${((Date.parse(t.startedAt) - Date.parse(t.requestedAt)) / 1000).toFixed(2)} s, built and stored in ${(t.durationMs / 1000).toFixed(2)} s: ` +
        `6 sources, JSON + CSV + HTML + PDF in uk and en; JSON ${(String(JSON.stringify(json.body)).length / 1024).toFixed(0)} KiB, PDF ${(pdfBytes / 1024).toFixed(0)} KiB).\n`,
    );
    console.log(`Reports for every community with data (${COMMUNITIES.length} communities × ${TYPES.join(' + ')}, ${ROUNDS} round(s), force):\n`);
    console.log(table(['workers', 'reports', 'wall s', 'reports/min', 'p50 build s', 'worker peak RSS MB (max)', 'Redis used MB (start → end)'], batchRows));
    console.log(`\nEnqueueing (${CONCURRENCY} in flight, no worker running):\n`);
    console.log(table(['path', 'jobs', 'per second', 'p50 ms'], enqueueRows));
    console.log(`\nRedis used_memory_peak over the run: ${mb(redisEnd.peak)} MB (used at the end, queue emptied: ${mb(redisEnd.used)} MB).\n`);
    console.log(memoryTable(phases));
    console.log(`\nWorkers: WORKER_CONCURRENCY=1 each, SOURCE_TIMEOUT_MS=${SOURCE_TIMEOUT_MS}; worker RSS is the Node process's own (the Chromium it drives for PDFs runs in processes of its own, not counted).`);
    console.log(`\n${machineNote()}.`);
  }, cleanup);
}

main();

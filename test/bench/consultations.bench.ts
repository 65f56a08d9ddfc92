/**
 * Consultations benchmark: `npm run bench -- consultations [--submissions=3000] [--concurrency=32] [--sizes=10000,100000]`.
 *
 * 1. Submissions accepted per second through the gateway (HTTP → NATS → service → database), each
 *    with its own respondent token, `concurrency` requests in flight.
 * 1b. The same straight over NATS to the service (no HTTP, API key, audit or gateway idempotency).
 * 2. Time of computing results (`GET /results`, then `?by=status`) at each size, with the
 *    submissions inserted straight into the database with insertMany for setup.
 *
 * The gateway and consultations run as separate processes from their built dist/main.js (as
 * `npm start` runs them, rate limit off); each process's own peak RSS (VmHWM, reset per phase) is
 * reported separately. Any answer other than the expected 2xx fails the run, so rates count only
 * accepted submissions.
 */
import { randomBytes } from 'node:crypto';
import { SUBMISSION_MODEL, SubmissionSchema, tallyIncrements } from '@vidnova/consultations';
import { DEV_BUS_SIGNING_SECRET } from '@vidnova/config';
import { CONSULTATIONS_OPS, RESPONDENT_STATUSES } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { ApiClient, dropDatabases, ensureInfra } from '@vidnova/testing';
import mongoose, { Types } from 'mongoose';
import { arg, build, expectNoRateLimit, expectStatus, fail, infraProcs, machineNote, memoryTable, Peak, platformEnv, pool, Proc, runBench, self, startServiceWithGateway, table, watchMemory } from './support';

const SUBMISSIONS = Number(arg('submissions', '3000'));
const CONCURRENCY = Number(arg('concurrency', '32'));
const SIZES = arg('sizes', '10000,100000').split(',').map(Number);

const STATUSES = RESPONDENT_STATUSES;
const AGE_BANDS = ['18-29', '30-44', '45-59', '60-74', '75+'];
const RANK_OPTIONS = ['water', 'roads', 'school', 'clinic', 'shelter', 'heat'];
const CATEGORIES = ['water_sanitation', 'roads_transport', 'schools_kindergartens', 'healthcare', 'shelters_civil_protection', 'heating'];

const questions = [
  { id: 'main', type: 'single_choice', required: true, prompt: { en: 'Most urgent' }, options: RANK_OPTIONS.map((id, i) => ({ id, label: { en: id }, category: CATEGORIES[i] })) },
  { id: 'rank', type: 'ranking', topN: 3, prompt: { en: 'Top three' }, options: RANK_OPTIONS.map((id, i) => ({ id, label: { en: id }, category: CATEGORIES[i] })) },
  { id: 'multi', type: 'multiple_choice', maxChoices: 3, prompt: { en: 'Also' }, options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: { en: id } })) },
  { id: 'scale', type: 'scale', min: 1, max: 10, prompt: { en: 'Trust' } },
  { id: 'comment', type: 'text', maxLength: 500, prompt: { en: 'Comment' } },
];

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function answersFor(i: number) {
  const order = shuffled(RANK_OPTIONS, i + 1);
  return [
    { questionId: 'main', optionIds: [order[0]] },
    { questionId: 'rank', ranking: order.slice(0, 3) },
    { questionId: 'multi', optionIds: ['a', 'b', 'c', 'd'].filter((_, k) => (i >> k) & 1).slice(0, 3) },
    { questionId: 'scale', value: 1 + (i % 10) },
    { questionId: 'comment', value: i % 7 === 0 ? 'Потрібне укриття біля школи' : '' },
  ];
}


function main(): void {
  const suffix = randomBytes(4).toString('hex');
  const serviceDb = `bench_consultations_${suffix}`;
  const gatewayDb = `bench_gateway_${suffix}`;
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  let infra: Awaited<ReturnType<typeof ensureInfra>> | undefined;
  let conn: mongoose.Connection | undefined;
  let bus: BusClient | undefined;
  const cleanup = async () => {
    await bus?.close();
    await conn?.close();
    if (!infra) return;
    await dropDatabases(infra.urls.MONGO_URL, [serviceDb, gatewayDb]).catch(() => undefined);
    await infra.stop();
  };
  runBench(async () => {
    infra = await ensureInfra();
    const common = platformEnv({ ...infra.urls });
    build(['gateway', 'consultations']);
    const { service, gateway } = await startServiceWithGateway('consultations', common, { service: serviceDb, gateway: gatewayDb }, adminKey);
    const procs: Proc[] = [gateway, service, self(), ...infraProcs({ ...infra.urls })];
    const phases: Array<{ phase: string; peaks: Peak[] }> = [];
    const rows: Array<Array<string | number>> = [];

    const admin = new ApiClient(gateway.url!, adminKey);
    const ek = await admin.post('/api/v1/api-keys', { name: 'bench', role: 'editor' });
    expectStatus('POST /api/v1/api-keys', ek.status, 201, ek.body);
    expectNoRateLimit('POST /api/v1/api-keys', ek.headers);
    const api = admin.withKey(ek.body.key);
    const create = async () => {
      const c = await api.post('/api/v1/consultations', { communityCode: 'UA07020130000046221', title: { en: 'Bench' }, audience: 'all', channels: ['online', 'paper'], questions });
      expectStatus('POST /api/v1/consultations', c.status, 201, c.body);
      const o = await api.post(`/api/v1/consultations/${c.body.id}/open`);
      expectStatus(`POST /api/v1/consultations/${c.body.id}/open`, o.status, [200, 201, 204], o.body);
      return c.body.id as string;
    };
    /** One-time tokens for online submissions, issued 10 000 at a time. */
    const tokensFor = async (id: string, n: number): Promise<string[]> => {
      const out: string[] = [];
      while (out.length < n) {
        const r = await api.post(`/api/v1/consultations/${id}/respondent-tokens`, { count: Math.min(10_000, n - out.length) });
        if (r.status !== 201) throw new Error(`token issue failed: ${JSON.stringify(r.body)}`);
        out.push(...(r.body.tokens as string[]));
      }
      return out;
    };

    // 1. Submissions through the gateway (skipped with --submissions=0).
    if (SUBMISSIONS > 0) {
      const online = await create();
      const onlineTokens = await tokensFor(online, SUBMISSIONS);
      const mem = watchMemory(procs);
      const seconds = await pool(SUBMISSIONS, CONCURRENCY, async (i) => {
        const r = await api.post(`/api/v1/consultations/${online}/submissions`, {
          respondentToken: onlineTokens[i],
          profile: { status: STATUSES[i % STATUSES.length], ageBand: AGE_BANDS[i % AGE_BANDS.length] },
          answers: answersFor(i),
        });
        expectStatus(`submission ${i} through the gateway`, r.status, 201, r.body);
      });
      phases.push({ phase: `${SUBMISSIONS} submissions via gateway`, peaks: mem() });
      rows.push([`${SUBMISSIONS} submissions through the gateway (${CONCURRENCY} in flight)`, seconds.toFixed(2), `${(SUBMISSIONS / seconds).toFixed(0)} accepted/s`]);

      // 1b. The same straight over the bus (no HTTP, API key, audit or gateway idempotency), to show
      // how much of the cost is the service and its database.
      const direct = await create();
      const directTokens = await tokensFor(direct, SUBMISSIONS);
      bus = await BusClient.connect(infra.urls.NATS_URL, 'bench', { timeoutMs: 30000, signingSecret: DEV_BUS_SIGNING_SECRET });
      const busMem = watchMemory(procs);
      const busSeconds = await pool(SUBMISSIONS, CONCURRENCY, async (i) => {
        const payload = { consultationId: direct, submission: { respondentToken: directTokens[i], profile: { status: STATUSES[i % STATUSES.length] }, answers: answersFor(i) } };
        await bus!.send(CONSULTATIONS_OPS.submissionCreate, payload).catch((e: unknown) => fail(`submission ${i} over NATS: ${(e as Error).message}`));
      });
      phases.push({ phase: `${SUBMISSIONS} submissions over NATS`, peaks: busMem() });
      rows.push([`${SUBMISSIONS} submissions straight over NATS to the service`, busSeconds.toFixed(2), `${(SUBMISSIONS / busSeconds).toFixed(0)} accepted/s`]);
      const count = await api.get(`/api/v1/consultations/${online}/results`);
      expectStatus('results of the gateway submissions', count.status, 200, count.body);
      if (count.body.respondents !== SUBMISSIONS) fail(`${SUBMISSIONS} submissions answered 201 but results count ${count.body.respondents} respondents`);
    }

    // 2. Results at each size.
    conn = await mongoose.createConnection(infra.urls.MONGO_URL, { dbName: serviceDb }).asPromise();
    const Submission = conn.model(SUBMISSION_MODEL, SubmissionSchema);
    const bulk = await create();
    const bulkId = new Types.ObjectId(bulk);
    // Results come from the tallies (issue 12): the set-up counts what it inserts into a tally shard of its
    // own, as the service does (tallyIncrements), so results see every submission without re-reading them.
    const view = (await api.get(`/api/v1/consultations/${bulk}`)).body.questions;
    const tallies = conn.db!.collection('consultation_tallies');
    let inserted = 0;
    for (const size of SIZES) {
      const ti = performance.now();
      while (inserted < size) {
        const batch = Array.from({ length: Math.min(5000, size - inserted) }, (_, k) => {
          const i = inserted + k;
          return {
            consultationId: bulkId,
            respondentHash: `bench-${i}`,
            channel: 'online',
            profile: { status: STATUSES[i % STATUSES.length], ageBand: AGE_BANDS[i % AGE_BANDS.length] },
            answers: answersFor(i)
              .filter((a) => !(Array.isArray(a.optionIds) && !a.optionIds.length) && a.value !== '')
              .map((a) => (a.questionId === 'comment' ? { questionId: 'comment', text: a.value } : a)),
          };
        });
        const docs = batch.map((d) => ({ ...d, _id: new Types.ObjectId(), tallied: true, claimAt: new Date(), createdAt: new Date() }));
        await Submission.collection.insertMany(docs, { ordered: false });
        await tallies.updateOne({ _id: `${bulk}:bench-seed` as never }, { $inc: tallyIncrements(view, docs as never), $set: { consultationId: bulkId, shard: 'bench-seed' } }, { upsert: true });
        inserted += batch.length;
      }
      const insertSeconds = (performance.now() - ti) / 1000;
      for (const by of [undefined, 'status']) {
        const mem = watchMemory(procs);
        const tr = performance.now();
        const res = await api.get(`/api/v1/consultations/${bulk}/results${by ? `?by=${by}` : ''}`);
        const ms = performance.now() - tr;
        phases.push({ phase: `results at ${size}${by ? ` by ${by}` : ''}`, peaks: mem() });
        expectStatus(`results at ${size}${by ? ` by ${by}` : ''}`, res.status, 200, res.body);
        if (res.body.respondents !== size) fail(`results at ${size} count ${res.body.respondents} respondents`);
        rows.push([
          `results at ${size} submissions${by ? ` by ${by}` : ''}${by ? '' : ` (setup insertMany ${insertSeconds.toFixed(1)} s)`}`,
          (ms / 1000).toFixed(2),
          `${((size / ms) * 1000).toFixed(0)} submissions/s`,
        ]);
      }
    }

    console.log('\n### Consultations benchmark (every answer 2xx; rates count accepted submissions only)\n');
    console.log(table(['case', 'seconds', 'rate'], rows));
    console.log('\n### Peak RSS per process (own VmHWM, reset at each phase; infrastructure sampled every 20 ms)\n');
    console.log(memoryTable(phases));
    console.log(`\ngateway and consultations from dist/main.js.\n${machineNote()}.`);
  }, cleanup);
}

main();

/**
 * Consultations benchmark: `npm run bench -- consultations [--submissions=3000] [--concurrency=32] [--sizes=10000,100000]`.
 *
 * 1. Submissions accepted per second through the gateway (HTTP → NATS → service → database), each
 *    with its own respondent token, `concurrency` requests in flight.
 * 2. Time and peak memory of computing results (`GET /results?by=status`) at each size, with the
 *    submissions inserted straight into the database with insertMany for setup.
 *
 * Gateway and service run in this process (as in the e2e tests), against MONGO_URL and NATS_URL; so
 * memory is sampled here: heap used above the level measured just before the request, every 5 ms
 * (garbage included), and the live heap after a forced full GC every ~250 ms.
 */
import { getConnectionToken } from '@nestjs/mongoose';
import { SUBMISSION_MODEL, SubmissionSchema } from '@vidnova/consultations';
import { CONSULTATIONS_OPS, RESPONDENT_STATUSES } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Connection, Types } from 'mongoose';
import { startPlatform } from '../e2e/platform';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
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

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  process.env.MONGO_URL ??= 'mongodb://127.0.0.1:27017';
  process.env.NATS_URL ??= 'nats://127.0.0.1:4222';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  const p = await startPlatform(['consultations']);
  try {
    const ek = await p.admin.post('/api/v1/api-keys', { name: 'bench', role: 'editor' });
    const api = p.api.withKey(ek.body.key);
    const create = async () => {
      const c = await api.post('/api/v1/consultations', { communityCode: 'UA07020130000046221', title: { en: 'Bench' }, audience: 'all', channels: ['online', 'paper'], questions });
      if (c.status !== 201) throw new Error(`create failed: ${JSON.stringify(c.body)}`);
      await api.post(`/api/v1/consultations/${c.body.id}/open`);
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
    const online = await create();
    const onlineTokens = await tokensFor(online, SUBMISSIONS);
    let next = 0;
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < SUBMISSIONS; i = next++) {
          const r = await api.post(`/api/v1/consultations/${online}/submissions`, {
            respondentToken: onlineTokens[i],
            profile: { status: STATUSES[i % STATUSES.length], ageBand: AGE_BANDS[i % AGE_BANDS.length] },
            answers: answersFor(i),
          });
          if (r.status !== 201) failed++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`submissions through the gateway: ${SUBMISSIONS} in ${seconds.toFixed(2)} s = ${((SUBMISSIONS - failed) / seconds).toFixed(0)} accepted/s (concurrency ${CONCURRENCY}, ${failed} failed)`);

    // 1b. The same straight over the bus (no HTTP, API key, audit or gateway idempotency), to show
    // how much of the cost is the service and its database.
    const direct = await create();
    const directTokens = await tokensFor(direct, SUBMISSIONS);
    const bus = p.gateway.app.get(BusClient);
    next = 0;
    failed = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < SUBMISSIONS; i = next++) {
          await bus
            .send(CONSULTATIONS_OPS.submissionCreate, {
              consultationId: direct,
              submission: { respondentToken: directTokens[i], profile: { status: STATUSES[i % STATUSES.length] }, answers: answersFor(i) },
            })
            .catch(() => failed++);
        }
      }),
    );
    const busSeconds = (performance.now() - t1) / 1000;
    console.log(`submissions straight over NATS to the service: ${SUBMISSIONS} in ${busSeconds.toFixed(2)} s = ${((SUBMISSIONS - failed) / busSeconds).toFixed(0)} accepted/s (${failed} failed)`);

    // 2. Results at each size.
    const conn = p.services.consultations[0].app.get<Connection>(getConnectionToken());
    const Submission = conn.models[SUBMISSION_MODEL] ?? conn.model(SUBMISSION_MODEL, SubmissionSchema);
    const bulk = await create();
    const bulkId = new Types.ObjectId(bulk);
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
        await Submission.insertMany(batch, { ordered: false, lean: true });
        inserted += batch.length;
      }
      const insertSeconds = (performance.now() - ti) / 1000;
      for (const by of [undefined, 'status']) {
        global.gc?.();
        const base = process.memoryUsage();
        let peakHeap = base.heapUsed;
        let peakRss = base.rss;
        let peakLive = base.heapUsed;
        let ticks = 0;
        const timer = setInterval(() => {
          // Every 50th tick (~250 ms) a full GC first, so the figure is live memory, not garbage.
          if (++ticks % 50 === 0 && global.gc) {
            global.gc();
            peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
          }
          const m = process.memoryUsage();
          peakHeap = Math.max(peakHeap, m.heapUsed);
          peakRss = Math.max(peakRss, m.rss);
        }, 5);
        const tr = performance.now();
        const res = await api.get(`/api/v1/consultations/${bulk}/results${by ? `?by=${by}` : ''}`);
        const ms = performance.now() - tr;
        clearInterval(timer);
        if (res.status !== 200 || res.body.respondents !== size) throw new Error(`results failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        console.log(
          `results at ${size} submissions${by ? ` by ${by}` : ''}: ${ms.toFixed(0)} ms (${((size / ms) * 1000).toFixed(0)} submissions/s); ` +
            `peak live heap (after GC) +${mb(peakLive - base.heapUsed)} MB, peak heap incl. garbage +${mb(peakHeap - base.heapUsed)} MB over ${mb(base.heapUsed)} MB, ` +
            `peak RSS +${mb(peakRss - base.rss)} MB over ${mb(base.rss)} MB` +
            (by ? '' : `  [setup insertMany ${insertSeconds.toFixed(1)} s]`),
        );
      }
    }
  } finally {
    await p.stop();
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

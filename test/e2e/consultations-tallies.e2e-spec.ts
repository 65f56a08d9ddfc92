import { CONSULTATIONS_MIGRATIONS, ResultsService, SUBMISSION_MODEL, TALLY_MODEL, TalliesService, tallyIncrements } from '@vidnova/consultations';
import { Model, Types } from 'mongoose';
import { startPlatform, TestPlatform, untilImported } from './platform';

/** The injection token of a mongoose model (@nestjs/mongoose getModelToken, default connection). */
const modelToken = (name: string) => `${name}Model`;

type Api = TestPlatform['api'];

/** Every question type; the scale runs below zero so negative values are counted too. */
const questions = [
  { id: 'q_main', type: 'single_choice', required: true, prompt: { en: 'Main' }, options: ['housing', 'heating', 'water'].map((id) => ({ id, label: { en: id } })) },
  { id: 'q_rank', type: 'ranking', topN: 2, prompt: { en: 'Order' }, options: ['roads', 'school', 'clinic'].map((id) => ({ id, label: { en: id } })) },
  { id: 'q_multi', type: 'multiple_choice', maxChoices: 2, prompt: { en: 'Pick' }, options: ['a', 'b', 'c'].map((id) => ({ id, label: { en: id } })) },
  { id: 'q_scale', type: 'scale', min: -2, max: 3, prompt: { en: 'Rate' } },
  { id: 'q_text', type: 'text', prompt: { en: 'Comment' } },
];
const AGE = ['', '18-29', '30-44', '60-74'];
const GENDER = ['', 'female', 'male'];
const STATUS = ['', 'resident', 'internally_displaced', 'returnee'];

/** A deterministic pseudo-random ballot stream (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ballot {
  main: string;
  rank: string[];
  multi: string[];
  scale?: number;
  profile: { ageBand: string; gender: string; status: string };
}

function ballots(n: number, seed: number): Ballot[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, () => ({
    main: pick(['housing', 'heating', 'water']),
    rank: pick([[], ['roads'], ['school', 'roads'], ['clinic', 'school']]),
    multi: pick([[], ['a'], ['b', 'c'], ['a', 'c']]),
    scale: pick([undefined, -2, -1, 0, 1, 2, 3]),
    profile: { ageBand: pick(AGE), gender: pick(GENDER), status: pick(STATUS) },
  }));
}

const answersOf = (b: Ballot) => [
  { questionId: 'q_main', optionIds: [b.main] },
  ...(b.rank.length ? [{ questionId: 'q_rank', ranking: b.rank }] : []),
  ...(b.multi.length ? [{ questionId: 'q_multi', optionIds: b.multi }] : []),
  ...(b.scale !== undefined ? [{ questionId: 'q_scale', value: b.scale }] : []),
];
const profileOf = (b: Ballot) => Object.fromEntries(Object.entries(b.profile).filter(([, v]) => v));

/** One paper-form line: per-option marks for the multiple choice, ranks for the ranking. */
const csvLine = (token: string, b: Ballot) =>
  [
    token,
    b.profile.ageBand,
    b.profile.gender,
    b.profile.status,
    b.main,
    ...['roads', 'school', 'clinic'].map((o) => (b.rank.includes(o) ? String(b.rank.indexOf(o) + 1) : '')),
    ...['a', 'b', 'c'].map((o) => (b.multi.includes(o) ? 'x' : '')),
    b.scale ?? '',
  ].join(',');
const CSV_HEADER = 'respondentToken,ageBand,gender,status,q_main,q_rank.roads,q_rank.school,q_rank.clinic,q_multi.a,q_multi.b,q_multi.c,q_scale';

/** Runs `fns` with at most `n` at a time. */
async function pool<T>(n: number, fns: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(fns.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < fns.length) {
        const i = next++;
        out[i] = await fns[i]();
      }
    }),
  );
  return out;
}

/** Results without the time they were computed. */
const figures = (r: { computedAt?: string }) => ({ ...r, computedAt: undefined });

describe('consultation results from tallies kept as submissions arrive', () => {
  let p: TestPlatform;
  let editor: Api;
  let partner: Api;
  let results: ResultsService;
  let tallies: TalliesService;
  let submissions: Model<Record<string, unknown>>;
  let tallyDocs: Model<Record<string, unknown>>;

  const open = async () => {
    const created = await editor.post('/api/v1/consultations', { title: { en: 'Tallies' }, audience: 'all', channels: ['online', 'paper'], questions });
    expect(created.status).toBe(201);
    expect((await editor.post(`/api/v1/consultations/${created.body.id}/open`)).status).toBe(200);
    return created.body.id as string;
  };
  const tokens = async (id: string, count: number): Promise<string[]> => {
    const res = await editor.post(`/api/v1/consultations/${id}/respondent-tokens`, { count });
    expect(res.status).toBe(201);
    return res.body.tokens;
  };
  /** Tallies (what the API serves) and the full recount agree, overall and in every breakdown. */
  const expectTalliesEqualRecount = async (id: string) => {
    for (const by of [undefined, 'ageBand', 'gender', 'status'] as const) {
      const served = await editor.get(`/api/v1/consultations/${id}/results${by ? `?by=${by}` : ''}`);
      expect(served.status).toBe(200);
      expect(figures(served.body)).toEqual(figures(JSON.parse(JSON.stringify(await results.recountById(id, by)))));
    }
  };

  beforeAll(async () => {
    p = await startPlatform(['consultations']);
    const ek = await p.admin.post('/api/v1/api-keys', { name: 'editor', role: 'editor' });
    editor = p.api.withKey(ek.body.key);
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'survey app', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(pk.body.key);
    const app = p.services.consultations[0].app;
    results = app.get(ResultsService);
    tallies = app.get(TalliesService);
    submissions = app.get(modelToken(SUBMISSION_MODEL));
    tallyDocs = app.get(modelToken(TALLY_MODEL));
  });
  afterAll(() => p?.stop());

  it('counts concurrent online submissions and a paper import exactly once, in two service processes: tallies equal a recount', async () => {
    await p.startInstance('consultations');
    const id = await open();
    const online = ballots(40, 1);
    const paper = ballots(260, 2); // more than one import batch of 200
    const onlineTokens = await tokens(id, online.length);
    const csv = [CSV_HEADER, ...paper.map((b, i) => csvLine(`PAPER-${i}`, b)), csvLine('PAPER-0', paper[0])].join('\n');

    const submit = (i: number) => () =>
      partner.post(`/api/v1/consultations/${id}/submissions`, { respondentToken: onlineTokens[i], profile: profileOf(online[i]), answers: answersOf(online[i]) });
    const importing = (async () => {
      const started = await partner.request('POST', `/api/v1/consultations/${id}/submissions/import`, csv, { 'content-type': 'text/csv' });
      return untilImported(editor, started);
    })();
    // Every online ballot, and 20 of them sent a second time at once (a retried request): 409, never counted twice.
    const sent = await pool(8, [...online.map((_, i) => submit(i)), ...online.slice(0, 20).map((_, i) => submit(i))]);
    const report = await importing;

    expect(sent.filter((r) => r.status === 201)).toHaveLength(online.length);
    expect(sent.filter((r) => r.status === 409)).toHaveLength(20);
    expect(report.body).toMatchObject({ status: 'completed', accepted: paper.length, rejectedCount: 1 });

    // The oracle: the ballots as this test generated them.
    const everyone = [...online, ...paper];
    const served = await editor.get(`/api/v1/consultations/${id}/results`);
    expect(served.body.respondents).toBe(everyone.length);
    const main = served.body.questions.find((q: { questionId: string }) => q.questionId === 'q_main');
    for (const o of ['housing', 'heating', 'water']) expect(main.counts[o]).toBe(everyone.filter((b) => b.main === o).length);
    const scale = served.body.questions.find((q: { questionId: string }) => q.questionId === 'q_scale');
    const values = everyone.flatMap((b) => (b.scale === undefined ? [] : [b.scale])).sort((a, b) => a - b);
    const mid = values.length / 2;
    expect(scale.median).toBe(values.length % 2 ? values[Math.floor(mid)] : (values[mid - 1] + values[mid]) / 2);
    const rank = served.body.questions.find((q: { questionId: string }) => q.questionId === 'q_rank');
    const borda = (o: string) => everyone.reduce((sum, b) => sum + (b.rank.includes(o) ? 2 - b.rank.indexOf(o) : 0), 0);
    for (const r of rank.ranking) expect(r.bordaScore).toBe(borda(r.optionId));

    await expectTalliesEqualRecount(id);
    expect(await submissions.countDocuments({ consultationId: new Types.ObjectId(id), tallied: { $ne: true } })).toBe(0);
    // Both processes counted (each into its own shard) and left nothing pending.
    const shards = await tallyDocs.find({ consultationId: new Types.ObjectId(id) }).lean();
    expect(shards.length).toBe(2);
    for (const s of shards) expect(Object.keys((s.pending as object) ?? {})).toEqual([]);
    // A generous limit: the machine may be shared; nothing here measures time.
  }, 240_000);

  it('recovery counts what a crash left uncounted, once, and never recounts what was counted', async () => {
    const id = await open();
    const cid = new Types.ObjectId(id);
    const counted = ballots(12, 3);
    const [first, ...rest] = await tokens(id, counted.length);
    for (const [i, t] of [first, ...rest].entries()) {
      const res = await partner.post(`/api/v1/consultations/${id}/submissions`, { respondentToken: t, profile: profileOf(counted[i]), answers: answersOf(counted[i]) });
      expect(res.status).toBe(201);
    }
    const stored = (b: Ballot, hash: string, extra: Record<string, unknown>) => ({
      _id: new Types.ObjectId(),
      consultationId: cid,
      respondentHash: hash,
      channel: 'paper',
      profile: profileOf(b),
      answers: answersOf(b),
      createdAt: new Date(),
      ...extra,
    });
    // The crash states are written while this test holds the recovery lock, so no process's periodic
    // recovery sees them half-written (time is compressed here: leases are set long gone at once).
    const locks = submissions.db.collection('consultation_tally_locks');
    for (let i = 0; ; i++) {
      const took = await locks.insertOne({ _id: 'recovery' as never, owner: 'test', at: new Date() }).then(
        () => true,
        () => false,
      );
      if (took) break;
      if (i > 100) throw new Error('the recovery lock stayed taken');
      await new Promise((r) => setTimeout(r, 200));
    }
    const [crashedBefore, legacy, crashedAfter] = ballots(3, 4);
    const view = (await editor.get(`/api/v1/consultations/${id}`)).body.questions;
    // Counted by a process that then died before marking it: its shard has the counts and the pending entry.
    const after = stored(crashedAfter, 'h-after', { tallied: false, claimAt: new Date(Date.now() - 3_600_000) });
    await tallyDocs.collection.updateOne(
      { _id: `${id}:dead` } as never,
      { $inc: tallyIncrements(view, [after as never]), $set: { consultationId: cid, shard: 'dead', [`pending.k${after._id}`]: [after._id] } },
      { upsert: true },
    );
    await submissions.collection.insertOne(after);
    // Stored, then the process died before counting: lease long gone.
    await submissions.collection.insertOne(stored(crashedBefore, 'h-before', { tallied: false, claimAt: new Date(Date.now() - 3_600_000) }));
    // Stored before tallies existed: the service's migration 1 marks it uncounted (as on upgrade).
    await submissions.collection.insertOne(stored(legacy, 'h-legacy', {}));
    const untallied = CONSULTATIONS_MIGRATIONS.find((m) => m.name === 'untallied-submissions')!;
    await untallied.up(submissions.db.db!, () => undefined);

    await locks.deleteOne({ _id: 'recovery' as never, owner: 'test' });
    // Another process's periodic recovery may be counting some at the same moment (it then holds the
    // recovery lock and this run waits for the next turn): together they count exactly the two.
    for (let i = 0; i < 50 && (await submissions.countDocuments({ consultationId: cid, tallied: { $ne: true } })); i++) {
      await tallies.recover(0);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.respondents).toBe(counted.length + 3);
    expect(await submissions.countDocuments({ consultationId: cid, tallied: { $ne: true } })).toBe(0);
    await expectTalliesEqualRecount(id);
    // A second run finds nothing left to count.
    expect(await tallies.recover(0)).toBe(0);
    await expectTalliesEqualRecount(id);
  }, 120_000);
});

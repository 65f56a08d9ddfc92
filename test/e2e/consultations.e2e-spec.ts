import { Objm } from '@nats-io/obj';
import { UPLOAD_BUCKET } from '@vidnova/contracts';
import { BusClient, busName } from '@vidnova/messaging';
import { startPlatform, TestPlatform, untilImported } from './platform';

type Api = TestPlatform['api'];

const SHATSK = 'UA07020130000046221';
const BEREZHANY = 'UA61020030000040123';

/** A questionnaire with every question type; the options of q_main and q_rank carry recovery categories. */
const questionnaire = () => [
  {
    id: 'q_main',
    type: 'single_choice',
    required: true,
    prompt: { uk: 'Що найважливіше?', en: 'What matters most?' },
    options: [
      { id: 'housing', label: { uk: 'Житло', en: 'Housing' }, category: 'housing' },
      { id: 'heating', label: { uk: 'Тепло', en: 'Heating' }, category: 'heating' },
    ],
  },
  {
    id: 'q_rank',
    type: 'ranking',
    prompt: { uk: 'Упорядкуйте', en: 'Order these' },
    options: [
      { id: 'water', label: { uk: 'Вода', en: 'Water' }, category: 'water_sanitation' },
      { id: 'roads', label: { uk: 'Дороги', en: 'Roads' }, category: 'roads_transport' },
      { id: 'school', label: { uk: 'Школа', en: 'School' }, category: 'schools_kindergartens' },
    ],
  },
  {
    id: 'q_multi',
    type: 'multiple_choice',
    maxChoices: 2,
    prompt: { uk: 'Оберіть до двох', en: 'Pick up to two' },
    options: [
      { id: 'a', label: { uk: 'А' } },
      { id: 'b', label: { uk: 'Б' } },
      { id: 'c', label: { uk: 'В' } },
    ],
  },
  { id: 'q_scale', type: 'scale', min: 1, max: 5, prompt: { uk: 'Оцініть', en: 'Rate' } },
  { id: 'q_text', type: 'text', maxLength: 20, prompt: { uk: 'Коментар', en: 'Comment' } },
];

const consultationBody = (communityCode = SHATSK) => ({
  communityCode,
  title: { uk: 'Пріоритети відбудови', en: 'Recovery priorities' },
  description: { uk: 'Опитування мешканців', en: 'Residents survey' },
  topic: 'recovery',
  audience: 'all',
  channels: ['online', 'paper'],
  questions: questionnaire(),
});

const answer = (main: string, extra: Array<Record<string, unknown>> = []) => [{ questionId: 'q_main', optionIds: [main] }, ...extra];

describe('consultations through the gateway', () => {
  let p: TestPlatform;
  let editor: Api;
  let editorKeyId: string;
  let partner: Api;
  let reader: Api;

  const newConsultation = async (body: Record<string, unknown> = consultationBody(), open = true): Promise<string> => {
    const created = await editor.post('/api/v1/consultations', body);
    expect(created.status).toBe(201);
    if (open) expect((await editor.post(`/api/v1/consultations/${created.body.id}/open`)).status).toBe(200);
    return created.body.id;
  };
  const issued = new Map<string, string>();
  /**
   * The one-time token issued for a respondent the test calls `name` (one per consultation and name,
   * issued by the editor on first use); the name itself when no token can be issued (closed consultation).
   */
  const tokenOf = async (id: string, name: string): Promise<string> => {
    const key = `${id}/${name.trim()}`;
    if (!issued.has(key)) {
      const res = await editor.post(`/api/v1/consultations/${id}/respondent-tokens`, { count: 1 });
      if (res.status !== 201) return name;
      issued.set(key, res.body.tokens[0]);
    }
    return issued.get(key)!;
  };
  /** An online submission by the partner (the survey app), with the token issued for `respondentToken`. */
  const submit = async (id: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const online = body.channel === undefined || body.channel === 'online';
    const token = online && typeof body.respondentToken === 'string' ? await tokenOf(id, body.respondentToken) : body.respondentToken;
    return partner.post(`/api/v1/consultations/${id}/submissions`, { ...body, respondentToken: token }, headers);
  };

  beforeAll(async () => {
    p = await startPlatform(['consultations']);
    const ek = await p.admin.post('/api/v1/api-keys', { name: 'council editor', role: 'editor' });
    editor = p.api.withKey(ek.body.key);
    editorKeyId = ek.body.id;
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'survey app', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(pk.body.key);
    const rk = await p.admin.post('/api/v1/api-keys', { name: 'analyst', role: 'reader' });
    reader = p.api.withKey(rk.body.key);
  });
  afterAll(() => p?.stop());

  describe('lifecycle', () => {
    it('moves draft → open → closed → results_published and answers 409 to any other transition', async () => {
      const id = await newConsultation(consultationBody(), false);
      const draft = await reader.get(`/api/v1/consultations/${id}`);
      expect(draft.body).toMatchObject({ status: 'draft', communityCode: SHATSK, audience: 'all', channels: ['online', 'paper'] });
      expect(draft.body.questions.map((q: { id: string }) => q.id)).toEqual(['q_main', 'q_rank', 'q_multi', 'q_scale', 'q_text']);
      expect(draft.body.questions[2].maxChoices).toBe(2);

      for (const action of ['close', 'publish-results']) {
        const bad = await editor.post(`/api/v1/consultations/${id}/${action}`);
        expect(bad.status).toBe(409);
        expect(bad.body.code).toBe('invalid_state');
      }
      expect((await editor.post(`/api/v1/consultations/${id}/open`)).body.status).toBe('open');
      expect((await editor.post(`/api/v1/consultations/${id}/open`)).status).toBe(409);
      expect((await editor.post(`/api/v1/consultations/${id}/publish-results`)).status).toBe(409);
      expect((await editor.post(`/api/v1/consultations/${id}/close`)).body.status).toBe('closed');
      const published = await editor.post(`/api/v1/consultations/${id}/publish-results`);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('results_published');
      expect(published.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['draft', 'open', 'closed', 'results_published']);
      expect(published.body.statusHistory[3].by).toBe(editorKeyId);
      expect((await editor.post(`/api/v1/consultations/${id}/open`)).status).toBe(409);
    });

    it('edits questions only while draft', async () => {
      const id = await newConsultation(consultationBody(), false);
      const edited = await editor.patch(`/api/v1/consultations/${id}`, { questions: questionnaire().slice(0, 2), topic: 'housing' });
      expect(edited.status).toBe(200);
      expect(edited.body.questions).toHaveLength(2);
      expect(edited.body.version).toBe(2);
      await editor.post(`/api/v1/consultations/${id}/open`);
      const late = await editor.patch(`/api/v1/consultations/${id}`, { questions: questionnaire() });
      expect(late.status).toBe(409);
      expect((await reader.get(`/api/v1/consultations/${id}`)).body.questions).toHaveLength(2);
    });

    it('accepts submissions only while open', async () => {
      const id = await newConsultation(consultationBody(), false);
      const early = await submit(id, { respondentToken: 'T-1', answers: answer('housing') });
      expect(early.status).toBe(409);
      await editor.post(`/api/v1/consultations/${id}/open`);
      expect((await submit(id, { respondentToken: 'T-1', answers: answer('housing') })).status).toBe(201);
      await editor.post(`/api/v1/consultations/${id}/close`);
      const late = await submit(id, { respondentToken: 'T-2', answers: answer('housing') });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('invalid_state');
    });

    it('refuses an ill-formed questionnaire: unknown category 400, repeated option id 422', async () => {
      const badCategory = await editor.post('/api/v1/consultations', {
        ...consultationBody(),
        questions: [{ ...questionnaire()[0], options: [{ id: 'x', label: { uk: 'x' }, category: 'golf' }, { id: 'y', label: { uk: 'y' } }] }],
      });
      expect(badCategory.status).toBe(400);
      const repeated = await editor.post('/api/v1/consultations', {
        ...consultationBody(),
        questions: [{ ...questionnaire()[0], options: [{ id: 'x', label: { uk: 'x' } }, { id: 'x', label: { uk: 'y' } }] }],
      });
      expect(repeated.status).toBe(422);
      expect(repeated.body.errors[0].field).toBe('questions.0.options.1.id');
      expect((await partner.post('/api/v1/consultations', consultationBody())).status).toBe(403);
    });
  });

  describe('submission validation (422 naming the question)', () => {
    let id: string;
    beforeAll(async () => {
      id = await newConsultation();
    });

    const cases: Array<[string, Array<Record<string, unknown>>, string, string]> = [
      ['an unknown option', answer('castle'), 'q_main', 'answers.0.optionIds'],
      ['two options for a single choice', [{ questionId: 'q_main', optionIds: ['housing', 'heating'] }], 'q_main', 'answers.0.optionIds'],
      ['a repeated option in a ranking', answer('housing', [{ questionId: 'q_rank', ranking: ['water', 'water', 'roads'] }]), 'q_rank', 'answers.1.ranking'],
      ['a full ranking that leaves an option out', answer('housing', [{ questionId: 'q_rank', ranking: ['water', 'roads'] }]), 'q_rank', 'answers.1.ranking'],
      ['too many choices', answer('housing', [{ questionId: 'q_multi', optionIds: ['a', 'b', 'c'] }]), 'q_multi', 'answers.1.optionIds'],
      ['a missing required answer', [{ questionId: 'q_scale', value: 3 }], 'q_main', 'answers'],
      ['a scale value out of range', answer('housing', [{ questionId: 'q_scale', value: 6 }]), 'q_scale', 'answers.1.value'],
      ['a fractional scale value', answer('housing', [{ questionId: 'q_scale', value: 2.5 }]), 'q_scale', 'answers.1.value'],
      ['text over its length limit', answer('housing', [{ questionId: 'q_text', value: 'x'.repeat(21) }]), 'q_text', 'answers.1.value'],
      ['an unknown question', answer('housing', [{ questionId: 'q_nope', value: 1 }]), 'q_nope', 'answers.1.questionId'],
      ['the same question twice', answer('housing', [{ questionId: 'q_main', optionIds: ['heating'] }]), 'q_main', 'answers.1.questionId'],
      ['a ranking given for a choice question', [{ questionId: 'q_main', ranking: ['housing'] }], 'q_main', 'answers.0.ranking'],
    ];
    it.each(cases)('rejects %s', async (_name, answers, questionId, field) => {
      const res = await submit(id, { respondentToken: `V-${questionId}-${field}`, answers });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'unprocessable', questionId });
      expect(res.body.errors[0].field).toBe(field);
    });

    it('rejects a channel the consultation does not collect', async () => {
      const res = await submit(id, { respondentToken: 'V-phone', channel: 'phone', answers: answer('housing') });
      expect(res.status).toBe(422);
    });

    it('rejects a profile with contact data or unknown values (400)', async () => {
      const res = await submit(id, { respondentToken: 'V-profile', profile: { status: 'tourist', email: 'a@b.c' }, answers: answer('housing') });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['profile.status', 'profile.email']));
    });

    it('stored none of the rejected submissions', async () => {
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.respondents).toBe(0);
    });
  });

  describe('one submission per respondent', () => {
    let id: string;
    beforeAll(async () => {
      id = await newConsultation();
    });

    it('answers 409 to a repeated respondent token', async () => {
      expect((await submit(id, { respondentToken: 'FORM-7', answers: answer('housing') })).status).toBe(201);
      const again = await submit(id, { respondentToken: ' FORM-7 ', answers: answer('heating') });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('duplicate');
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.questions[0].counts).toEqual({ housing: 1, heating: 0 });
    });

    it('refuses a token issued for another consultation (422) and keeps it good for its own', async () => {
      const other = await newConsultation();
      const foreign = await tokenOf(other, 'FORM-9');
      const res = await partner.post(`/api/v1/consultations/${id}/submissions`, { respondentToken: foreign, answers: answer('heating') });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('respondentToken');
      expect((await submit(other, { respondentToken: 'FORM-9', answers: answer('heating') })).status).toBe(201);
    });

    it('returns the first reply to a retry with the same Idempotency-Key', async () => {
      const body = { respondentToken: 'FORM-8', answers: answer('heating') };
      const first = await submit(id, body, { 'idempotency-key': 'retry-me-1' });
      expect(first.status).toBe(201);
      const retry = await submit(id, body, { 'idempotency-key': 'retry-me-1' });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const reused = await submit(id, { ...body, answers: answer('housing') }, { 'idempotency-key': 'retry-me-1' });
      expect(reused.status).toBe(422);
      const withoutKey = await submit(id, body);
      expect(withoutKey.status).toBe(409);
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.respondents).toBe(2);
    });
  });

  describe('results', () => {
    let id: string;
    // Five ballots. q_rank is a full ranking of 3 options: 1st = 3 points, 2nd = 2, 3rd = 1.
    const ballots = [
      { main: 'housing', rank: ['water', 'roads', 'school'], scale: 4, multi: ['a'] },
      { main: 'housing', rank: ['water', 'school', 'roads'], scale: 5, multi: ['a', 'b'] },
      { main: 'heating', rank: ['roads', 'water', 'school'], scale: 3, multi: ['b'] },
      { main: 'housing', rank: ['school', 'water', 'roads'], scale: 4, multi: ['a'] },
      { main: 'heating', rank: ['roads', 'water', 'school'], scale: 2, multi: [] },
    ];
    beforeAll(async () => {
      id = await newConsultation();
      for (const [i, b] of ballots.entries()) {
        const answers = answer(b.main, [
          { questionId: 'q_rank', ranking: b.rank },
          { questionId: 'q_scale', value: b.scale },
          { questionId: 'q_multi', optionIds: b.multi },
          { questionId: 'q_text', value: i === 0 ? 'більше світла' : '' },
        ]);
        const res = await submit(id, { respondentToken: `R-${i}`, profile: { status: 'resident' }, answers });
        expect(res.status).toBe(201);
      }
    });

    it('orders a ranking by Borda score, with first-preference shares (hand-checked)', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results`);
      expect(res.status).toBe(200);
      expect(res.body.respondents).toBe(5);
      const rank = res.body.questions.find((q: { questionId: string }) => q.questionId === 'q_rank');
      // water:  3 + 3 + 2 + 2 + 2 = 12 points; first in ballots 1, 2 → 2/5 = 0.4
      // roads:  2 + 1 + 3 + 1 + 3 = 10 points; first in ballots 3, 5 → 0.4
      // school: 1 + 2 + 1 + 3 + 1 =  8 points; first in ballot 4   → 0.2
      // (12 + 10 + 8 = 30 = 5 ballots × (3 + 2 + 1).) Roads ties water on first preferences but ranks below it.
      expect(rank.ranking.map((r: { optionId: string; bordaScore: number; firstPreferenceShare: number }) => [r.optionId, r.bordaScore, r.firstPreferenceShare])).toEqual([
        ['water', 12, 0.4],
        ['roads', 10, 0.4],
        ['school', 8, 0.2],
      ]);
    });

    it('gives counts, shares with 95% Wilson intervals, and scale mean and median', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results`);
      const [main, , multi, scale, text] = res.body.questions;
      expect(main).toMatchObject({ answered: 5, counts: { housing: 3, heating: 2 }, shares: { housing: 0.6, heating: 0.4 } });
      // Wilson 95% for 3/5: centre (0.6 + 1.96²/10) / (1 + 1.96²/5) = 0.5566, half-width 0.3258 → [0.2307, 0.8824]
      expect(main.ci95.housing).toEqual({ low: 0.2307, high: 0.8824 });
      // Multiple choice: shares of the 4 who answered (the fifth picked nothing), so they may sum past 1.
      expect(multi).toMatchObject({ answered: 4, counts: { a: 3, b: 2, c: 0 }, shares: { a: 0.75, b: 0.5, c: 0 } });
      // Scale values 4, 5, 3, 4, 2: mean 18 / 5 = 3.6; sorted 2 3 4 4 5 → median 4.
      expect(scale).toMatchObject({ answered: 5, mean: 3.6, median: 4, counts: { '2': 1, '3': 1, '4': 2, '5': 1 } });
      // Free text is counted, never shown.
      expect(text).toEqual({ questionId: 'q_text', type: 'text', answered: 1 });
      expect(JSON.stringify(res.body)).not.toContain('світла');
    });

    it('serves results as CSV', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (res.body as string).trim().split('\n');
      expect(lines[0]).toBe('group_field,group_value,suppressed,respondents,question_id,type,answered,option_or_value,count,share,ci95_low,ci95_high,borda_score,borda_rank,first_preference_share,mean,median');
      expect(lines).toContain(',,false,5,q_rank,ranking,5,water,5,1,0.5655,1,12,1,0.4,,');
      expect(lines).toContain(',,false,5,q_main,single_choice,5,housing,3,0.6,0.2307,0.8824,,,,,');
    });
  });

  describe('breakdowns suppress small groups', () => {
    let id: string;
    // 14 respondents. status: 6 resident, 5 internally_displaced, 2 returnee, 1 veteran_or_family.
    // ageBand: 7 × 18-29, 6 × 30-44, 1 × 60-74.
    beforeAll(async () => {
      id = await newConsultation();
      const statuses = [...Array(6).fill('resident'), ...Array(5).fill('internally_displaced'), 'returnee', 'returnee', 'veteran_or_family'];
      for (const [i, status] of statuses.entries()) {
        const ageBand = i < 7 ? '18-29' : i < 13 ? '30-44' : '60-74';
        const res = await submit(id, { respondentToken: `B-${i}`, profile: { status, ageBand }, answers: answer(i % 2 ? 'heating' : 'housing') });
        expect(res.status).toBe(201);
      }
    });

    it('hides groups under 5 respondents and shows the rest', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results?by=status`);
      expect(res.status).toBe(200);
      expect(res.body.respondents).toBe(14);
      const groups = Object.fromEntries(res.body.groups.map((g: { value: string }) => [g.value, g]));
      expect(groups.returnee).toEqual({ field: 'status', value: 'returnee', suppressed: true, suppressionReason: 'small_group' });
      expect(groups.veteran_or_family).toEqual({ field: 'status', value: 'veteran_or_family', suppressed: true, suppressionReason: 'small_group' });
      // Residents are respondents 0-5: housing for even indexes 0, 2, 4 → 3 of 6.
      expect(groups.resident).toMatchObject({ suppressed: false, respondents: 6 });
      expect(groups.resident.questions[0].counts).toEqual({ housing: 3, heating: 3 });
      // Displaced are 6-10: housing for 6, 8, 10 → 3 of 5 (exactly 5 is shown).
      expect(groups.internally_displaced).toMatchObject({ suppressed: false, respondents: 5 });
      expect(groups.internally_displaced.questions[0].counts).toEqual({ housing: 3, heating: 2 });
    });

    it('also hides the next smallest group when a single hidden group could be worked out from the total', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results?by=ageBand`);
      const groups = Object.fromEntries(res.body.groups.map((g: { value: string }) => [g.value, g]));
      expect(groups['60-74']).toMatchObject({ suppressed: true, suppressionReason: 'small_group' });
      expect(groups['30-44']).toMatchObject({ suppressed: true, suppressionReason: 'complementary' });
      expect(groups['30-44'].respondents).toBeUndefined();
      expect(groups['18-29']).toMatchObject({ suppressed: false, respondents: 7 });
    });

    it('keeps suppressed groups figure-free in the CSV', async () => {
      const res = await editor.get(`/api/v1/consultations/${id}/results.csv?by=status`);
      const returnee = (res.body as string).split('\n').filter((l) => l.startsWith('status,returnee,'));
      expect(returnee).toEqual(['status,returnee,true,,,,,,,,,,,,,,']);
    });

    it('refuses a breakdown by anything but a profile field', async () => {
      expect((await editor.get(`/api/v1/consultations/${id}/results?by=respondentToken`)).status).toBe(400);
    });
  });

  describe('paper forms (CSV import)', () => {
    const importCsv = (id: string, csv: string) => partner.request('POST', `/api/v1/consultations/${id}/submissions/import`, csv, { 'content-type': 'text/csv' });
    /** Imports and waits until the import is done: its final report. */
    const imported = async (id: string, csv: string) => {
      const started = await importCsv(id, csv);
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'processing', consultationId: id });
      const location = started.headers.get('location');
      expect(location).toBe(`/api/v1/consultations/${id}/submissions/imports/${started.body.id}`);
      const done = await untilImported(reader, started);
      expect(done.status).toBe(200);
      return done;
    };

    it('keeps the good rows and reports each rejected row with its line and reason', async () => {
      const id = await newConsultation();
      expect((await submit(id, { respondentToken: 'P-ONLINE', answers: answer('housing') })).status).toBe(201);
      const online = await tokenOf(id, 'P-ONLINE');
      const csv = [
        'respondentToken,status,ageBand,q_main,q_rank.water,q_rank.roads,q_rank.school,q_multi.a,q_multi.b,q_multi.c,q_scale,q_text,#note',
        'P-1,resident,30-44,housing,1,2,3,x,,,4,,ok', // line 2: accepted
        'P-2,internally_displaced,,heating,2,1,3,1,1,,5,,ok', // line 3: accepted
        'P-3,resident,,castle,,,,,,,,,unknown option', // line 4
        'P-4,resident,,housing,1,1,2,,,,,,two options share rank 1', // line 5
        'P-5,resident,,,,,,,,,3,,required q_main missing', // line 6
        'P-1,resident,,heating,,,,,,,,,token repeated in the file', // line 7
        `${online},resident,,heating,,,,,,,,,token used online`, // line 8
        'P-6,resident,,housing,,,,x,x,x,,,three choices', // line 9
        'P-7,tourist,,housing,,,,,,,,,unknown status', // line 10
        'P-8,returnee,60-74,housing,3,2,1,,,,1,"з комою, і ""лапками""",ok', // line 11: accepted
      ].join('\n');
      const res = await imported(id, csv);
      expect(res.body).toMatchObject({ status: 'completed', rowsRead: 10, accepted: 3, rejectedCount: 7, progress: { percent: 100 } });
      expect(res.body.finishedAt).toEqual(expect.any(String));
      expect(res.body.rejected.map((r: { line: number; field?: string }) => [r.line, r.field ?? null])).toEqual([
        [4, 'q_main'],
        [5, 'q_rank'],
        [6, 'q_main'],
        [7, null],
        [8, null],
        [9, 'q_multi'],
        [10, null],
      ]);
      for (const r of res.body.rejected) expect(r.reason).toEqual(expect.any(String));
      expect(res.body.rejected.find((r: { line: number }) => r.line === 7).reason).toMatch(/already been used/);

      const results = await editor.get(`/api/v1/consultations/${id}/results`);
      expect(results.body.respondents).toBe(4);
      expect(results.body.questions[0].counts).toEqual({ housing: 3, heating: 1 });
      const rank = results.body.questions[1].ranking;
      // P-1 water>roads>school, P-2 roads>water>school, P-8 school>roads>water:
      // water 3+2+1 = 6, roads 2+3+2 = 7, school 1+1+3 = 5.
      expect(rank.map((r: { optionId: string; bordaScore: number }) => [r.optionId, r.bordaScore])).toEqual([['roads', 7], ['water', 6], ['school', 5]]);
    });

    it('refuses a file with an unknown column before storing anything', async () => {
      const id = await newConsultation();
      const res = await importCsv(id, 'respondentToken,q_main,q_mian\nP-1,housing,housing\n');
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('q_mian');
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.respondents).toBe(0);
    });

    it('caps the paper-form upload at its own limit (16 MiB by default): 413 past it', async () => {
      const id = await newConsultation();
      const big = `respondentToken,q_main\n${'F-1,housing\n'.repeat(Math.ceil((16 * 1024 * 1024 + 1) / 12))}`;
      const res = await importCsv(id, big);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'payload_too_large', limitBytes: 16 * 1024 * 1024 });
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.respondents).toBe(0);
    });

    it('refuses an import while the consultation is not open', async () => {
      const id = await newConsultation(consultationBody(), false);
      expect((await importCsv(id, 'respondentToken,q_main\nP-1,housing\n')).status).toBe(409);
    });

    it('removes the stored upload once the import is done, and when its header is refused', async () => {
      const id = await newConsultation();
      const store = await new Objm(p.gateway.app.get(BusClient).connection).open(busName(UPLOAD_BUCKET));
      const stored = async () => (await store.list()).filter((e) => !e.deleted).length;
      const before = await stored();
      await imported(id, 'respondentToken,q_main\nU-1,housing\n');
      expect((await importCsv(id, 'respondentToken,q_nope\nU-2,housing\n')).status).toBe(422);
      expect(await stored()).toBe(before);
    });

    it('reads a semicolon-separated file and answers 404 for an unknown import', async () => {
      const id = await newConsultation();
      const res = await imported(id, 'respondentToken;q_main;q_multi\nS-1;heating;a|b\n');
      expect(res.body).toMatchObject({ status: 'completed', rowsRead: 1, accepted: 1, rejectedCount: 0 });
      expect((await editor.get(`/api/v1/consultations/${id}/results`)).body.questions[0].counts).toEqual({ housing: 0, heating: 1 });
      expect((await reader.get(`/api/v1/consultations/${id}/submissions/imports/6650f1c2a9e4b2d1c3f4a5b6`)).status).toBe(404);
    });
  });

  describe('priorities and recovery concepts', () => {
    const runConsultation = async (communityCode: string, ballots: Array<{ main: string; rank: string[] }>) => {
      const id = await newConsultation(consultationBody(communityCode));
      for (const [i, b] of ballots.entries()) {
        expect((await submit(id, { respondentToken: `PR-${i}`, answers: answer(b.main, [{ questionId: 'q_rank', ranking: b.rank }]) })).status).toBe(201);
      }
      await editor.post(`/api/v1/consultations/${id}/close`);
      expect((await editor.post(`/api/v1/consultations/${id}/publish-results`)).status).toBe(200);
      return id;
    };

    it('records the community priority list when results are published, newest first with history', async () => {
      const first = await runConsultation(BEREZHANY, [
        { main: 'housing', rank: ['water', 'roads', 'school'] },
        { main: 'housing', rank: ['water', 'school', 'roads'] },
        { main: 'heating', rank: ['roads', 'water', 'school'] },
        { main: 'housing', rank: ['school', 'water', 'roads'] },
        { main: 'heating', rank: ['roads', 'water', 'school'] },
      ]);
      // Each tagged question weighs a category by its share of the question's support:
      //   q_main:  housing 3/5 = 0.6, heating 2/5 = 0.4
      //   q_rank (Borda 12/10/8 of 30): water 0.4, roads 0.3333, school 0.2667
      // A score is the mean over the two questions: housing 0.3, heating 0.2, water_sanitation 0.2,
      // roads_transport 0.1667, schools_kindergartens 0.1333 (ties ordered by category id).
      const res = await reader.get(`/api/v1/communities/${BEREZHANY}/priorities`);
      expect(res.status).toBe(200);
      expect(res.body.latest).toMatchObject({ consultationId: first, communityCode: BEREZHANY, respondents: 5, publishedBy: editorKeyId });
      expect(res.body.latest.categories.map((c: { category: string; rank: number; score: number }) => [c.category, c.rank, c.score])).toEqual([
        ['housing', 1, 0.3],
        ['heating', 2, 0.2],
        ['water_sanitation', 3, 0.2],
        ['roads_transport', 4, 0.1667],
        ['schools_kindergartens', 5, 0.1333],
      ]);
      expect(res.body.latest.categories[0].label.en).toEqual(expect.any(String));
      expect(res.body.latest.categories[2].programCodes).toContain('6013');

      const second = await runConsultation(BEREZHANY, [
        { main: 'heating', rank: ['school', 'roads', 'water'] },
        { main: 'heating', rank: ['school', 'water', 'roads'] },
      ]);
      const after = await reader.get(`/api/v1/communities/${BEREZHANY}/priorities`);
      expect(after.body.latest.consultationId).toBe(second);
      expect(after.body.latest.categories[0].category).toBe('heating');
      expect(after.body.history.map((h: { consultationId: string }) => h.consultationId)).toEqual([second, first]);

      const none = await reader.get('/api/v1/communities/UA99999999999999999/priorities');
      expect(none.body).toEqual({ communityCode: 'UA99999999999999999', latest: null, history: [] });
      expect((await reader.get('/api/v1/communities/nowhere/priorities')).status).toBe(400);
    });

    it('drafts a concept from published results and versions every change with who and why', async () => {
      const open = await newConsultation();
      const early = await editor.post(`/api/v1/consultations/${open}/concepts`, { title: { uk: 'Рано' } });
      expect(early.status).toBe(409);

      const id = await runConsultation(SHATSK, [{ main: 'housing', rank: ['water', 'roads', 'school'] }]);
      const created = await editor.post(`/api/v1/consultations/${id}/concepts`, {
        title: { uk: 'Модернізація водогону', en: 'Water main upgrade' },
        summary: { uk: 'Заміна труб', en: 'Replace pipes' },
        categories: ['water_sanitation'],
        priorityListId: id,
        estimatedCostKopiykas: 1_250_000_000,
        fundingSources: ['local_budget', 'international_donors'],
        responsibleBody: 'Виконавчий комітет',
        timeline: { start: '2026-Q2', end: '2027-12' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'draft', version: 1, communityCode: SHATSK, estimatedCostKopiykas: 1_250_000_000 });
      const cid = created.body.id;
      const base = `/api/v1/consultations/${id}/concepts/${cid}`;

      const edited = await editor.patch(base, { estimatedCostKopiykas: 1_400_000_000, reason: 'updated estimate' });
      expect(edited.body).toMatchObject({ version: 2, estimatedCostKopiykas: 1_400_000_000, status: 'draft' });
      expect((await editor.post(`${base}/status`, { status: 'adopted', reason: 'too early' })).status).toBe(409);
      expect((await editor.post(`${base}/status`, { status: 'under_discussion', reason: 'public hearing 12 May' })).body.status).toBe('under_discussion');
      expect((await editor.post(`${base}/status`, { status: 'adopted', reason: 'council decision 45/3' })).body).toMatchObject({ status: 'adopted', version: 4 });
      expect((await editor.post(`${base}/status`, { status: 'withdrawn', reason: 'changed mind' })).status).toBe(409);
      expect((await editor.patch(base, { estimatedCostKopiykas: 1 })).status).toBe(409);
      expect((await editor.post(`${base}/status`, { status: 'withdrawn' })).status).toBe(400);

      const versions = await reader.get(`${base}/versions`);
      expect(versions.body.map((v: { version: number; status: string; reason: string; changedBy: string }) => [v.version, v.status, v.reason, v.changedBy])).toEqual([
        [4, 'adopted', 'council decision 45/3', editorKeyId],
        [3, 'under_discussion', 'public hearing 12 May', editorKeyId],
        [2, 'draft', 'updated estimate', editorKeyId],
        [1, 'draft', 'created', editorKeyId],
      ]);
      expect(versions.body[3].content.estimatedCostKopiykas).toBe(1_250_000_000);
      const list = await reader.get(`/api/v1/consultations/${id}/concepts?status=adopted`);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([cid]);
      expect((await editor.post(`/api/v1/consultations/${id}/concepts`, { title: { uk: 'x' }, categories: ['golf'] })).status).toBe(400);
      expect((await partner.post(`${base}/status`, { status: 'withdrawn', reason: 'x' })).status).toBe(403);
    });
  });
});

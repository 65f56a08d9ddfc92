import { RECOVERY_CATEGORY_IDS } from '@vidnova/reference';
import { untilImported, startPlatform, TestPlatform } from './platform';

/**
 * One recovery taxonomy: the budget's recovery lines and a community's consultation priorities carry
 * the same category ids (@vidnova/reference), so the monitoring reports can hold them side by side.
 */
const SHATSK_KATOTTG = 'UA07060450000051170';
const SHATSK_BUDGET = '0350700000';

const programmeFile = [
  'REP_PERIOD,FUND_TYP,COD_BUDGET,COD_CONS_MB_PK,COD_CONS_MB_PK_NAME,ZAT_AMT,PLANS_AMT,FAKT_AMT',
  `2025-12-31,T,${SHATSK_BUDGET},0117461,Утримання та розвиток автомобільних доріг,1000.00,1000.00,900.00`,
  `2025-12-31,T,${SHATSK_BUDGET},0116013,Забезпечення діяльності водопровідно-каналізаційного господарства,500.00,500.00,450.00`,
  `2025-12-31,T,${SHATSK_BUDGET},0111021,Надання загальної середньої освіти,3000.00,3000.00,2950.00`,
].join('\n');

const economicFile = [
  'REP_PERIOD,FUND_TYP,COD_BUDGET,COD_CONS_EK,COD_CONS_EK_NAME,ZAT_AMT,PLANS_AMT,FAKT_AMT',
  `2025-12-31,T,${SHATSK_BUDGET},2111,Заробітна плата,3000.00,3000.00,2950.00`,
  `2025-12-31,T,${SHATSK_BUDGET},3131,Капітальний ремонт житлового фонду (приміщень),300.00,300.00,250.00`,
  `2025-12-31,T,${SHATSK_BUDGET},3132,Капітальний ремонт інших об'єктів,1200.00,1200.00,1100.00`,
].join('\n');

describe('budget recovery lines and consultation priorities share one taxonomy', () => {
  let p: TestPlatform;
  let editor: TestPlatform['api'];

  const importFile = async (body: string) => {
    const res = await fetch(`${p.api.baseUrl}/api/v1/budget/imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': editor.apiKey! },
      body,
    });
    expect(res.status).toBe(202);
    const done = await untilImported(editor, res.headers.get('location')!);
    expect(done.body).toMatchObject({ status: 'completed', rejectedCount: 0 });
  };

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis', 'consultations']);
    const key = await p.admin.post('/api/v1/api-keys', { name: 'council editor', role: 'editor' });
    editor = p.api.withKey(key.body.key);
  });
  afterAll(() => p?.stop());

  it('answers recovery and priorities with the same category ids for the same kind of spending', async () => {
    await importFile(programmeFile);
    await importFile(economicFile);

    const created = await editor.post('/api/v1/consultations', {
      communityCode: SHATSK_KATOTTG,
      title: { uk: 'Пріоритети відбудови', en: 'Recovery priorities' },
      topic: 'recovery',
      audience: 'all',
      channels: ['online'],
      questions: [
        {
          id: 'q_main',
          type: 'single_choice',
          required: true,
          prompt: { uk: 'Що найважливіше?', en: 'What matters most?' },
          options: [
            { id: 'roads', label: { uk: 'Дороги', en: 'Roads' }, category: 'roads_transport' },
            { id: 'water', label: { uk: 'Вода', en: 'Water' }, category: 'water_sanitation' },
          ],
        },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await editor.post(`/api/v1/consultations/${id}/open`)).status).toBe(200);
    const tokens: string[] = (await editor.post(`/api/v1/consultations/${id}/respondent-tokens`, { count: 3 })).body.tokens;
    for (const [i, choice] of ['roads', 'roads', 'water'].entries()) {
      expect(
        (
          await editor.post(`/api/v1/consultations/${id}/submissions`, {
            respondentToken: tokens[i],
            answers: [{ questionId: 'q_main', optionIds: [choice] }],
          })
        ).status,
      ).toBe(201);
    }
    expect((await editor.post(`/api/v1/consultations/${id}/close`)).status).toBe(200);
    expect((await editor.post(`/api/v1/consultations/${id}/publish-results`)).status).toBe(200);

    const priorities = await editor.get(`/api/v1/communities/${SHATSK_KATOTTG}/priorities`);
    expect(priorities.status).toBe(200);
    const ranked: string[] = priorities.body.latest.categories.map((c: { category: string }) => c.category);
    expect(ranked).toEqual(['roads_transport', 'water_sanitation']);

    const recovery = await editor.get(`/api/v1/budget/budgets/${SHATSK_KATOTTG}/recovery?year=2025`);
    expect(recovery.status).toBe(200);
    expect(recovery.body.budgetCode).toBe(SHATSK_BUDGET);
    // Every id the recovery reply can contain is a category of the one taxonomy.
    for (const line of recovery.body.categories) expect(RECOVERY_CATEGORY_IDS).toContain(line.id);
    for (const id of ranked) expect(RECOVERY_CATEGORY_IDS).toContain(id);

    // The option tagged roads_transport and the road programme (TPKVKMB 7461) meet under one id.
    const line = (basis: string, category: string) =>
      recovery.body.categories.find(
        (c: { basis: string; id: string }) => c.basis === basis && c.id === category,
      );
    expect(line('program', 'roads_transport')).toMatchObject({
      available: true,
      codes: ['0117461'],
      executed: 90000,
      plan: 100000,
    });
    expect(line('program', 'water_sanitation')).toMatchObject({ codes: ['0116013'], executed: 45000 });
    expect(line('program', 'schools_kindergartens')).toMatchObject({ codes: ['0111021'], executed: 295000 });
    for (const id of ranked) expect(line('program', id).executed).toBeGreaterThan(0);
    expect(recovery.body.programBasis).toMatchObject({
      executed: 430000,
      shareOfExpenditure: 1,
      unattributed: { codes: [], executed: 0 },
    });

    // Economic basis: recovery investment only; 3131 names housing, 3132 names no need.
    expect(line('economic', 'housing')).toMatchObject({ codes: ['3131'], executed: 25000 });
    expect(recovery.body.economicBasis).toMatchObject({
      executed: 135000,
      unattributed: { codes: ['3132'], executed: 110000 },
    });
    expect(recovery.body.functionalBasis).toBeNull();
  });
});

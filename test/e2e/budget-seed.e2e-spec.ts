import { startPlatform, TestPlatform } from './platform';
import { runSeed } from './reporting-seed';

const SHATSK = '0350700000';
const SHATSK_KATOTTG = 'UA07060450000051170';

describe('KSE annual budget figures as seed data', () => {
  let p: TestPlatform;

  beforeAll(async () => {
    p = await startPlatform(['budget-analysis']);
  });
  afterAll(() => p?.stop());

  it('loads Shatsk, Berezhany and Bakhmach and shows their real 2021 spending, also by KATOTTG', async () => {
    const first = await runSeed(p.env.NATS_URL);
    expect(first.code).toBe(0);
    for (const code of [SHATSK, '1954800000', '2555100000']) expect(first.out).toContain(`budget ${code} 2021`);
    // Running the seed again replaces, it does not add.
    expect((await runSeed(p.env.NATS_URL)).code).toBe(0);
    const s = await p.admin.get(`/api/v1/budget/budgets/${SHATSK}/summary?year=2021`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ source: 'kse-annual', period: null, totals: { plan: null, amendedPlan: null, executed: 13710755855 } });
    expect(s.body.economicGroups.reduce((sum: number, g: any) => sum + g.executed, 0)).toBe(13710755855);
    const byKatottg = await p.admin.get(`/api/v1/budget/budgets/${SHATSK_KATOTTG}/summary?year=2021`);
    expect(byKatottg.status).toBe(200);
    expect(byKatottg.body.totals.executed).toBe(13710755855);
    expect(byKatottg.body.perCapita.population).toBeGreaterThan(0);

    const prog = await p.admin.get(`/api/v1/budget/budgets/${SHATSK}/expenditures?classification=program&year=2021`);
    expect(prog.body.tree.reduce((sum: number, n: any) => sum + n.executed, 0)).toBe(13710755855);

    const inc = await p.admin.get(`/api/v1/budget/budgets/${SHATSK}/incomes?year=2022`);
    expect(inc.body).toMatchObject({ source: 'kse-annual', totals: { executed: 18558431689 } });
    expect(inc.body.own.executed + inc.body.officialTransfers.executed).toBe(inc.body.totals.executed);

    const cmp = await p.admin.get('/api/v1/budget/compare?budgets=0350700000,1954800000,2555100000&year=2022');
    expect(cmp.status).toBe(200);
    expect(cmp.body.budgets.every((b: any) => b.available && b.perCapita?.executed > 0)).toBe(true);

    const trends = await p.admin.get(`/api/v1/budget/budgets/${SHATSK}/trends?from=2021&to=2022`);
    expect(trends.body.years.map((y: any) => y.executed)).toEqual([13710755855, 10281995875]);
    expect(trends.body.years[1].change.executed).toBeLessThan(0);

    const rec = await p.admin.get(`/api/v1/budget/budgets/${SHATSK}/recovery?year=2022`);
    expect(rec.body.programBasis).not.toBeNull();
  });
});

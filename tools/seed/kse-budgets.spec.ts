import { kseRequests, uahToKopiykas } from './kse-budgets';

describe('KSE seed figures', () => {
  it('rounds KSE amounts with floating-point artefacts half up to the kopiyka', () => {
    expect(uahToKopiykas('108242344.44999999')).toBe(10824234445);
    expect(uahToKopiykas('106685019.9')).toBe(10668501990);
    expect(uahToKopiykas('0.005')).toBe(1);
    expect(uahToKopiykas('340')).toBe(34000);
    expect(() => uahToKopiykas('NA')).toThrow();
  });

  it('builds one load per budget and year with the three classifications of 2021', () => {
    const reqs = kseRequests();
    const shatsk2021 = reqs.find((r) => r.budgetCode === '0350700000' && r.year === 2021)!;
    expect(new Set(shatsk2021.expenditures.map((e) => e.classification))).toEqual(new Set(['program', 'functional', 'economic']));
    const economic = shatsk2021.expenditures.filter((e) => e.classification === 'economic').reduce((s, e) => s + e.executed, 0);
    expect(economic).toBe(13710755855);
    expect(shatsk2021.incomes!.own + shatsk2021.incomes!.transfers).toBe(shatsk2021.incomes!.total);
  });
});

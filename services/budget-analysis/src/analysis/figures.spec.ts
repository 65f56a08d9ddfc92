import { CAPITAL_PARTS, ECONOMIC_GROUPS, groupBy, leafCodes, splitFunds } from './figures';
import { buildTree } from './tree';

const fig = (code: string, fund: 'C' | 'S' | 'T', executed: number, plan = 0) => ({ code, fund, plan, amendedPlan: plan, executed });

describe('splitFunds', () => {
  it('takes the total from T rows and never adds T to C and S', () => {
    const s = splitFunds([fig('2111', 'C', 100), fig('2111', 'S', 20), fig('2111', 'T', 120), fig('3110', 'S', 50), fig('3110', 'T', 50)]);
    expect(s.totals.executed).toBe(170);
    expect(s.general.executed).toBe(100);
    expect(s.special.executed).toBe(70);
    expect(s.difference.executed).toBe(0);
  });

  it('derives the total as C + S for a code without a T row', () => {
    const s = splitFunds([fig('2111', 'C', 100), fig('2111', 'S', 20)]);
    expect(s.totals.executed).toBe(120);
  });

  it('counts only the most detailed codes when a parent and its parts are both present', () => {
    expect([...leafCodes(['2100', '2110', '2111', '2120', '3000', '9000'])].sort()).toEqual(['2111', '2120', '3000', '9000']);
    expect([...leafCodes(['41050000', '41051000', '41051100'], 'pair')].sort()).toEqual(['41051000', '41051100']);
    const s = splitFunds([fig('2110', 'T', 300), fig('2111', 'T', 200), fig('2112', 'T', 100)]);
    expect(s.totals.executed).toBe(300);
  });
});

describe('economic groups', () => {
  it('puts every code in exactly one group so the groups add up to the total', () => {
    const total = new Map(['2111', '2120', '2210', '2272', '2610', '2730', '2800', '3110', '3132', '3142', '3210', '9000', '4110'].map((c, i) => [c, { plan: 0, amendedPlan: 0, executed: (i + 1) * 100 }]));
    const groups = groupBy(total, ECONOMIC_GROUPS);
    const sum = groups.reduce((s, g) => s + g.amounts.executed, 0);
    expect(sum).toBe([...total.values()].reduce((s, a) => s + a.executed, 0));
    expect(groups.find((g) => g.id === 'utilities')!.codes).toEqual(['2272']);
    expect(groups.find((g) => g.id === 'other')!.codes).toEqual(['4110']);
    const capital = groups.find((g) => g.id === 'capital')!;
    const parts = groupBy(total, CAPITAL_PARTS, (c) => c.startsWith('3'));
    expect(parts.reduce((s, g) => s + g.amounts.executed, 0)).toBe(capital.amounts.executed);
    expect(parts.find((p) => p.id === 'capital_repair')!.codes).toEqual(['3132']);
  });
});

describe('buildTree', () => {
  it('rolls leaves up so that every parent is the sum of its children', () => {
    const leaves = new Map([
      ['2111', { plan: 10, amendedPlan: 10, executed: 7 }],
      ['2120', { plan: 3, amendedPlan: 3, executed: 2 }],
      ['3132', { plan: 5, amendedPlan: 5, executed: 1 }],
    ]);
    const roots = buildTree('economic', leaves, () => null);
    expect(roots.map((r) => r.code)).toEqual(['2000', '3000']);
    expect(roots[0].amounts.executed).toBe(9);
    expect(roots[0].children[0].code).toBe('2100');
    expect(roots[0].children[0].children.map((c) => c.code)).toEqual(['2110', '2120']);
  });
});

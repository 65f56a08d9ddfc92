import { alignment, averageRanks } from './alignment';

const t = (s: string) => ({ uk: s, en: s });

/** The textbook formula without ties: 1 − 6 Σd² / (n(n² − 1)). */
const spearmanNoTies = (a: number[], b: number[]) => 1 - (6 * a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0)) / (a.length * (a.length ** 2 - 1));

describe('priority–budget alignment', () => {
  it('is +1 when the shares fall in the priority order and −1 when they rise', () => {
    const same = alignment([
      { category: 'a', name: t('A'), priorityRank: 1, share: 0.5 },
      { category: 'b', name: t('B'), priorityRank: 2, share: 0.3 },
      { category: 'c', name: t('C'), priorityRank: 3, share: 0.1 },
    ]);
    expect(same.index).toBe(1);
    expect(same.lines.every((l) => l.gap === 0)).toBe(true);
    const opposite = alignment([
      { category: 'a', name: t('A'), priorityRank: 1, share: 0.1 },
      { category: 'b', name: t('B'), priorityRank: 2, share: 0.3 },
      { category: 'c', name: t('C'), priorityRank: 3, share: 0.5 },
    ]);
    expect(opposite.index).toBe(-1);
    expect(opposite.lines[0]).toMatchObject({ spendingRank: 3, gap: 2 });
    expect(opposite.lines[0].explanation.en).toContain('receives less than its priority suggests (2 places lower)');
  });

  it('equals the textbook formula without ties', () => {
    const shares = [0.05, 0.4, 0.1, 0.3, 0.01];
    const a = alignment(shares.map((share, i) => ({ category: `c${i}`, name: t(`C${i}`), priorityRank: i + 1, share })));
    const spending = averageRanks(shares, true);
    expect(a.index).toBeCloseTo(spearmanNoTies([1, 2, 3, 4, 5], spending), 4);
  });

  it('gives tied shares their mean rank, counts a missing figure as 0, and has no index below two categories', () => {
    expect(averageRanks([0.2, 0.2, 0.1], true)).toEqual([1.5, 1.5, 3]);
    const a = alignment([
      { category: 'a', name: t('A'), priorityRank: 1, share: null },
      { category: 'b', name: t('B'), priorityRank: 2, share: 0.2 },
    ]);
    expect(a.index).toBe(-1);
    expect(alignment([{ category: 'a', name: t('A'), priorityRank: 1, share: 0.3 }]).index).toBeNull();
  });
});

import { RECOVERY_BASES } from '@vidnova/contracts';
import { RECOVERY_CATEGORIES, RECOVERY_CATEGORY_IDS, RECOVERY_ECONOMIC_RULES } from '@vidnova/reference';
import { categoriesOf, matchRecoveryCode, recoveryOfBasis } from './recovery';

const amounts = (executed: number) => ({ plan: executed, amendedPlan: executed, executed });

describe('recovery spending under the one taxonomy (@vidnova/reference)', () => {
  it('gives only category ids of the reference taxonomy, on every basis', () => {
    for (const basis of RECOVERY_BASES)
      for (const c of categoriesOf(basis)) expect(RECOVERY_CATEGORY_IDS).toContain(c.id);
    const codes = [
      ...RECOVERY_CATEGORIES.flatMap((c) => c.programCodes.map((p) => ['program', p] as const)),
      ...RECOVERY_CATEGORIES.flatMap((c) => c.functionalCodes.map((f) => ['functional', f] as const)),
      ...['3110', '3131', '3132', '3141', '3142', '3143', '3210', '2111'].map(
        (e) => ['economic', e] as const,
      ),
    ];
    for (const [basis, code] of codes) {
      const { category } = matchRecoveryCode(basis, code);
      if (category !== null) expect(RECOVERY_CATEGORY_IDS).toContain(category);
    }
  });

  it('puts a programme or functional code under the same id a consultation option is tagged with', () => {
    // An option tagged `roads_transport` and the road programme 7461 (in either code form) meet under one id.
    expect(matchRecoveryCode('program', '0117461').category).toBe('roads_transport');
    expect(matchRecoveryCode('program', '7461').category).toBe('roads_transport');
    for (const c of RECOVERY_CATEGORIES) {
      for (const p of c.programCodes) expect(matchRecoveryCode('program', `011${p}`).category).toBe(c.id);
      for (const f of c.functionalCodes) expect(matchRecoveryCode('functional', f).category).toBe(c.id);
    }
  });

  it('counts only recovery investment on the economic basis, with a category only where the code names the need', () => {
    expect(matchRecoveryCode('economic', '3131')).toEqual({ counted: true, category: 'housing' });
    expect(matchRecoveryCode('economic', '3143')).toEqual({ counted: true, category: 'culture_sport' });
    expect(matchRecoveryCode('economic', '3132')).toEqual({ counted: true, category: null });
    expect(matchRecoveryCode('economic', '3210')).toEqual({ counted: true, category: null });
    expect(matchRecoveryCode('economic', '3110')).toEqual({ counted: false, category: null });
    expect(matchRecoveryCode('economic', '2111')).toEqual({ counted: false, category: null });
    // No rule is shadowed by a broader one before it.
    RECOVERY_ECONOMIC_RULES.forEach((r, i) =>
      expect(RECOVERY_ECONOMIC_RULES.slice(0, i).some((e) => r.prefix.startsWith(e.prefix))).toBe(false),
    );
  });

  it('sums each code once: categories plus the unattributed part make the basis total', () => {
    const total = new Map([
      ['0117461', amounts(900)],
      ['0116013', amounts(450)],
      ['0119999', amounts(50)],
    ]);
    const { lines, total: basis } = recoveryOfBasis('program', {
      total,
      totalExecuted: 1400,
      hasPlans: true,
    });
    expect(lines.find((l) => l.id === 'roads_transport')).toMatchObject({
      codes: ['0117461'],
      executed: 900,
      shareOfExpenditure: 0.6429,
    });
    expect(basis).toMatchObject({ executed: 1400, unattributed: { codes: ['0119999'], executed: 50 } });
    expect(lines.reduce((s, l) => s + (l.executed ?? 0), 0) + basis!.unattributed.executed).toBe(
      basis!.executed,
    );
  });

  it('marks every line unavailable when the budget has no data of a basis', () => {
    const { lines, total } = recoveryOfBasis('functional', null);
    expect(total).toBeNull();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => !l.available && l.executed === null)).toBe(true);
  });
});

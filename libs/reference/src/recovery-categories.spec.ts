import { readSharedCsv } from './shared-data';
import {
  RECOVERY_CATEGORIES,
  RECOVERY_CATEGORY_IDS,
  RECOVERY_ECONOMIC_RULES,
  recoveryCategory,
  recoveryCategoryForFunctionalCode,
  recoveryCategoryForProgramCode,
} from './recovery-categories';

describe('recovery categories', () => {
  it('defines each id once, in the order of RECOVERY_CATEGORY_IDS, with uk and en names', () => {
    expect(RECOVERY_CATEGORIES.map((c) => c.id)).toEqual([...RECOVERY_CATEGORY_IDS]);
    for (const c of RECOVERY_CATEGORIES) expect(c.name.uk && c.name.en).toBeTruthy();
  });

  it('puts every programme and functional code in at most one category, as 4 digits', () => {
    const programs = RECOVERY_CATEGORIES.flatMap((c) => c.programCodes);
    const functional = RECOVERY_CATEGORIES.flatMap((c) => c.functionalCodes);
    expect(new Set(programs).size).toBe(programs.length);
    expect(new Set(functional).size).toBe(functional.length);
    for (const code of [...programs, ...functional]) expect(code).toMatch(/^\d{4}$/);
  });

  it('classifies every programme and functional code spent by Shatsk, Berezhany and Bakhmach', () => {
    const rows = readSharedCsv(
      'open-budget',
      'kse_hromada_expenses_2021_2022_shatsk_berezhany_bakhmach_long.csv',
    ) as { classification: string; code: string }[];
    const programs = rows.filter((r) => r.classification === 'TPKVKMB_program').map((r) => r.code);
    const functional = rows.filter((r) => r.classification === 'FKVKB_functional').map((r) => r.code);
    expect(programs.length).toBeGreaterThan(50);
    expect(programs.filter((c) => !recoveryCategoryForProgramCode(c))).toEqual([]);
    expect(functional.filter((c) => !recoveryCategoryForFunctionalCode(c))).toEqual([]);
  });

  it('finds a category by id and by programme code with lost leading zeros or in 7-digit form', () => {
    expect(recoveryCategory('healthcare')?.name.en).toBe('Healthcare');
    expect(recoveryCategory('nope')).toBeUndefined();
    expect(recoveryCategoryForProgramCode('150')?.id).toBe('administrative_services');
    expect(recoveryCategoryForProgramCode('0117461')?.id).toBe('roads_transport');
    expect(recoveryCategoryForProgramCode(6013)?.id).toBe('water_sanitation');
    expect(recoveryCategoryForProgramCode('x')).toBeUndefined();
  });
});

describe('economic recovery rules', () => {
  it('name only categories of the taxonomy and KEKV prefixes', () => {
    for (const r of RECOVERY_ECONOMIC_RULES) {
      if (r.category !== null) expect(RECOVERY_CATEGORY_IDS).toContain(r.category);
      expect(r.prefix).toMatch(/^3\d{2,3}$/);
      expect(r.name.uk && r.name.en).toBeTruthy();
    }
  });
});
